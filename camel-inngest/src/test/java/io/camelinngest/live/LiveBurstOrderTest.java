package io.camelinngest.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.NewEvent;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst against the Dev Server, which then stores events out of send order: 2,000 events sent from four threads in
 * batches of 50 as fast as it takes them, while {@code newEvents} polls every 100 ms with a settle window of 15 s
 * (above the storage delays measured on the busy test machine, see docs/consumers.md). Every event comes once, in send
 * order (internal ID), none late. Logs the time from the last send to the last delivery.
 */
@Tag("live")
class LiveBurstOrderTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBurstOrderTest.class);
    private static final int THREADS = 4;
    private static final int BATCHES = 10;
    private static final int BATCH = 50;

    @Test
    void aBurstFromSeveralThreadsIsDeliveredOnceInSendOrder() throws Exception {
        String tag = DevServer.unique();
        String name = "live/burst";
        String startFrom = Instant.now().minusSeconds(2).toString();
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> late = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?name=" + name + "&startFrom=" + startFrom
                     + "&settleWindow=15000&delay=100&initialDelay=0")
                        .process(exchange -> {
                            InngestEvent event = exchange.getMessage().getBody(InngestEvent.class);
                            if (tag.equals(event.data().get("tag"))) {
                                delivered.add(event.internalId());
                                if (exchange.getMessage().getHeader(InngestConstants.LATE, false, Boolean.class)) {
                                    late.add(event.internalId());
                                }
                            }
                        });
            }
        });

        Burst burst = Burst.start(THREADS, BATCHES, BATCH,
                (thread, b, i) -> NewEvent.of(name, Map.of("tag", tag, "thread", thread, "batch", b, "i", i)),
                batch -> request("inngest:sendEvents", batch, Map.of(), List.class));
        Set<String> sent = burst.await();
        long lastSent = System.nanoTime();
        int total = burst.total();
        assertThat(sent).hasSize(total);

        await("every event of the burst delivered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .conditionEvaluationListener(condition -> {
                    if (condition.getElapsedTimeInMS() % 10_000 < 50) {
                        LOG.info("BURST: {} of {} delivered after {} ms", delivered.size(), total,
                                condition.getElapsedTimeInMS());
                    }
                })
                .until(() -> delivered.size() >= total);
        long drainMillis = (System.nanoTime() - lastSent) / 1_000_000;
        List<String> inSendOrder = new ArrayList<>(sent);
        Collections.sort(inSendOrder); // internal IDs are ULIDs: their order is the order the server accepted them
        LOG.info("BURST: events={} threads={} batch={} late={} lastDeliveryAfterLastSendMs={}", total, THREADS, BATCH,
                late.size(), drainMillis);

        assertThat(delivered).doesNotHaveDuplicates();
        assertThat(delivered).containsExactlyElementsOf(inSendOrder);
        assertThat(late).isEmpty();
    }
}
