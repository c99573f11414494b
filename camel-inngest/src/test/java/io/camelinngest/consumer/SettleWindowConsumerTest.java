package io.camelinngest.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.Ulids;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An event the server stores after an event sent after it, once the consumer has seen the later one: with a settle
 * window it still comes first; with {@code settleWindow=0} it comes second, marked late and counted.
 */
class SettleWindowConsumerTest extends ConsumerTestSupport {

    private final List<String> late = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private AbstractInngestConsumer<?> startRoute(String options, Instant startFrom) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?startFrom=" + startFrom + "&delay=100&initialDelay=0" + options).routeId("events")
                        .process(exchange -> {
                            received.add(idOf(exchange));
                            if (exchange.getMessage().getHeader(InngestConstants.LATE, false, Boolean.class)) {
                                late.add(idOf(exchange));
                            }
                        });
            }
        });
        context.start();
        return (AbstractInngestConsumer<?>) context.getRoute("events").getConsumer();
    }

    /** Sends b, lets the consumer poll it a few times, then stores a, sent before b. */
    private List<StoredEvent> storeOutOfOrder(Instant t0) {
        StoredEvent b = FAKE.addEvent(Ulids.at(t0.plusMillis(10)), "order", t0.plusMillis(10), Map.of());
        awaitPolls("events", 2);
        StoredEvent a = FAKE.addEvent(Ulids.at(t0), "order", Instant.now(), Map.of());
        return List.of(a, b);
    }

    @Test
    void withASettleWindowAnEventStoredLateStillComesInSendOrder() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = startRoute("&settleWindow=10000", t0.minusSeconds(1));
        List<StoredEvent> sent = storeOutOfOrder(t0);

        await().until(() -> received.size() >= 2);
        awaitPolls("events", 3);
        assertThat(received).containsExactly(sent.get(0).internalId(), sent.get(1).internalId());
        assertThat(late).isEmpty();
        assertThat(consumer.lateDeliveries()).isZero();
    }

    @Test
    void withoutOneItComesAfterTheLaterEventMarkedLateAndCounted() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = startRoute("&settleWindow=0", t0.minusSeconds(1));
        List<StoredEvent> sent = storeOutOfOrder(t0);

        await().until(() -> received.size() >= 2);
        awaitPolls("events", 3);
        assertThat(received).containsExactly(sent.get(1).internalId(), sent.get(0).internalId());
        assertThat(late).containsExactly(sent.get(0).internalId());
        assertThat(consumer.lateDeliveries()).isEqualTo(1);
        assertThat(consumer.position()).containsEntry("lateEvents", 1L);
    }

    @Test
    void theDefaultWindowHoldsAnEventStoredLateBackToo() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = startRoute("", t0.minusSeconds(1));
        List<StoredEvent> sent = storeOutOfOrder(t0);

        await().until(() -> received.size() >= 2);
        assertThat(received).containsExactly(sent.get(0).internalId(), sent.get(1).internalId());
        assertThat(late).isEmpty();
        assertThat(consumer.lateDeliveries()).isZero();
    }

    @Test
    void aNegativeSettleWindowFailsAtRouteStartNamingTheOption() {
        assertThatThrownBy(() -> startRoute("&settleWindow=-1", Instant.now()))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settleWindow").hasMessageContaining("-1");
        assertThat(INNGEST.getAllServeEvents()).as("no HTTP call").isEmpty();
    }
}
