package io.camelinngest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario 2: 10,000 events sent as one message body (the component splits it into requests of
 * {@code maxEventsPerRequest}, 500 by default) against the same 10,000 events sent one message each, through the same
 * route, on one thread.
 */
final class Batching {

    static final int EVENTS = 10_000;

    private Batching() {
    }

    static void run(LoopbackInngest server, int rounds, Report report) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(Map.of("name", "shop/order.paid", "data", Map.of("order", Integer.toString(i))));
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to("inngest:sendEvents?dev=" + server.url());
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Endpoint send = camel.getEndpoint("direct:send");
            long requestsBefore = server.requests();
            template.requestBody(send, events);
            long batchRequests = server.requests() - requestsBefore;
            // warm both paths
            for (int i = 0; i < 2_000; i++) {
                template.requestBody(send, events.get(i));
            }
            System.out.println("  batching, " + EVENTS + " events");
            Interleaved result = Interleaved.run(rounds, () -> {
                long start = System.nanoTime();
                List<?> ids = template.requestBody(send, events, List.class);
                if (ids.size() != EVENTS) {
                    throw new IllegalStateException("expected " + EVENTS + " IDs, got " + ids.size());
                }
                return EVENTS * 1e9 / (System.nanoTime() - start);
            }, () -> {
                long start = System.nanoTime();
                for (Map<String, Object> event : events) {
                    template.requestBody(send, event);
                }
                return EVENTS * 1e9 / (System.nanoTime() - start);
            });
            report.add(Result.atLeast("2 batching", EVENTS + " events as one body vs " + EVENTS + " single sends, 1 thread",
                    "events/s", result.componentMedian(), result.baselineMedian(), result.ratioMedian(), 20,
                    "one body = " + batchRequests + " requests (maxEventsPerRequest=500); median of " + rounds
                                                                                                             + " interleaved rounds; "
                                                                                                             + result.spread()));
        }
    }
}
