package io.camelinngest.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelinngest.testing.FakeInngest.StoredEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * What the {@code inngest:newEvents} tests share: a route started on demand (route ID {@code events}) and the exchanges
 * it received, and backlogs of events stored on the fake.
 */
abstract class NewEventsTestSupport extends ConsumerTestSupport {

    final List<Exchange> exchanges = new ArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    void startRoute(String uri, org.apache.camel.Processor processor) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(processor);
            }
        });
        context.start();
    }

    void record(Exchange exchange) {
        synchronized (exchanges) {
            exchanges.add(exchange.copy());
        }
        received.add(idOf(exchange));
    }

    /** {@code count} events named {@code order}, received 10 ms apart from {@code start}. */
    static List<StoredEvent> ordersTenMillisecondsApart(Instant start, int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(FAKE.addEvent("order", start.plusMillis(10L * i), Map.of()));
        }
        return events;
    }

    static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::internalId).toList();
    }
}
