package io.camelinngest.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.NewEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending events for real: request-reply with {@code awaitRuns}, and the event ID seed rule. One logical send is one
 * event and one run, even when Camel redelivers it after the connection dropped mid-send; two sends on one exchange are
 * two events and two runs.
 */
@Tag("live")
class LiveSendTest extends LiveTestSupport {

    private final Instant testStart = Instant.now().minusSeconds(2);

    @Test
    @SuppressWarnings("unchecked")
    void sendEventsWithAwaitRunsRepliesWithTheEndedRunAndItsOutput() {
        String order = DevServer.unique();

        Exchange reply = call("inngest:sendEvents?awaitRuns=true", NewEvent.of("shop/order.paid", order(order)), Map.of());

        assertThat(reply.getException()).isNull();
        List<FunctionRun> runs = reply.getMessage().getBody(List.class);
        List<String> eventIds = reply.getMessage().getHeader(InngestConstants.EVENT_IDS, List.class);
        assertThat(eventIds).hasSize(1);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status().wireName()).isEqualTo("Completed");
            assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
            assertThat(run.eventId()).isEqualTo(eventIds.get(0));
            assertThat(run.functionId()).isEqualTo("ship-order");
        });
    }

    @Test
    void twoSendsOnOneExchangeAreTwoEventsAndTwoRuns() throws Exception {
        String first = DevServer.unique();
        String second = DevServer.unique();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twoSends")
                        .setBody(constant(NewEvent.of("shop/order.paid", order(first))))
                        .to("inngest:sendEvents")
                        .setProperty("firstIds", body())
                        .setBody(constant(NewEvent.of("shop/order.paid", order(second))))
                        .to("inngest:sendEvents")
                        .setProperty("secondIds", body());
            }
        });

        Exchange exchange = template.send("direct:twoSends", e -> {
        });

        assertThat(exchange.getException()).isNull();
        String firstId = (String) exchange.getProperty("firstIds", List.class).get(0);
        String secondId = (String) exchange.getProperty("secondIds", List.class).get(0);
        assertThat(secondId).isNotEqualTo(firstId);
        assertOneCompletedRun(firstId, first);
        assertOneCompletedRun(secondId, second);
    }

    @Test
    void aRedeliveryAfterTheConnectionDroppedMidSendIsOneEventAndOneRun() throws Exception {
        String order = DevServer.unique();
        try (DroppingProxy proxy = new DroppingProxy(DevServer.url())) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // the client does not retry (maxRetries=0): Camel's error handler redelivers the message
                    from("direct:send")
                            .errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(200))
                            .to(DevServer.uri("sendEvents?maxRetries=0", proxy.url()));
                }
            });

            Exchange exchange = template.send("direct:send", e -> e.getMessage().setBody(
                    NewEvent.of("shop/order.paid", order(order))));

            assertThat(exchange.getException()).isNull();
            assertThat(proxy.dropped()).as("responses the proxy dropped").isEqualTo(1);
            assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(1);
            List<?> ids = exchange.getMessage().getBody(List.class);
            assertThat(ids).hasSize(1);
            String eventId = (String) ids.get(0);

            // the server stored the first send (its answer was lost) and the redelivery under the one event ID
            List<InngestEvent> stored = await("the event listed").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> eventsOfOrder(order), events -> !events.isEmpty());
            assertThat(stored).extracting(InngestEvent::internalId).containsOnly(eventId);
            assertOneCompletedRun(eventId, order);
        }
    }

    /** The event started exactly one run, which completed with the output of its order. */
    @SuppressWarnings("unchecked")
    private void assertOneCompletedRun(String eventId, String order) {
        FunctionRun run = endedRun(runOf(eventId).runId());
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
        // the run has ended; a second run of the same event would have started by now
        List<FunctionRun> runs = request("inngest:listEventRuns", null, Map.of(InngestConstants.EVENT_ID, eventId), List.class);
        assertThat(runs).as("runs of event %s", eventId).extracting(FunctionRun::runId).containsExactly(run.runId());
    }

    /** Every shop/order.paid event received since the test started whose data.order is {@code order}, all pages. */
    @SuppressWarnings("unchecked")
    private List<InngestEvent> eventsOfOrder(String order) {
        List<InngestEvent> found = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>(Map.of(InngestConstants.RECEIVED_AFTER, testStart));
        while (true) {
            Exchange page = call("inngest:listEvents?eventName=shop/order.paid&limit=51", null, headers);
            assertThat(page.getException()).isNull();
            for (InngestEvent event : (List<InngestEvent>) page.getMessage().getBody(List.class)) {
                if (order.equals(event.data().get("order"))) {
                    found.add(event);
                }
            }
            String cursor = page.getMessage().getHeader(InngestConstants.CURSOR, String.class);
            if (cursor == null) {
                return found;
            }
            headers.put(InngestConstants.CURSOR, cursor);
        }
    }
}
