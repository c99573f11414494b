package io.camelinngest.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of runs against the Dev Server, whose listing by {@code queuedAt} then shows runs out of order (measured by
 * {@link RunListingOrderMeasurementTest}): 400 {@code shop/order.paid} events from four threads in batches of 20, each
 * starting a run of {@code ship-order}, while {@code runStatus?source=v2} polls every 100 ms with a settle window of 10
 * s. For every run of the burst: its end comes exactly once, its first sight (Scheduled or Running) at most once and
 * before its end; first sights come in {@code queuedAt} order and ends in {@code endedAt} order; none is late.
 */
@Tag("live")
class LiveRunStatusBurstOrderTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRunStatusBurstOrderTest.class);
    private static final int THREADS = 4;
    private static final int BATCHES = 5;
    private static final int BATCH = 20;

    /** One delivered message. */
    private record Change(FunctionRun run, String status, String previous, boolean late) {
    }

    @Test
    void aBurstOfRunsIsDeliveredOnceEachInTimeOrder() throws Exception {
        String tag = DevServer.unique();
        String startFrom = Instant.now().minusSeconds(2).toString();
        List<Change> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:runStatus?source=v2&appId=" + DevServer.APP_ID + "&functionId=ship-order&startFrom="
                     + startFrom + "&settleWindow=10000&delay=100&initialDelay=0")
                        .process(exchange -> delivered.add(new Change(
                                exchange.getMessage().getBody(FunctionRun.class),
                                exchange.getMessage().getHeader(InngestConstants.RUN_STATUS, String.class),
                                exchange.getMessage().getHeader(InngestConstants.PREVIOUS_RUN_STATUS, String.class),
                                exchange.getMessage().getHeader(InngestConstants.LATE, false, Boolean.class))));
            }
        });

        Burst burst = Burst.start(THREADS, BATCHES, BATCH,
                (thread, b, i) -> NewEvent.of("shop/order.paid", Map.of("order", tag + "-" + thread + "-" + b + "-" + i)),
                batch -> request("inngest:sendEvents", batch, Map.of(), List.class));
        Set<String> sent = burst.await();
        long lastSent = System.nanoTime();
        int total = burst.total();
        assertThat(sent).hasSize(total);

        await("every run of the burst ended and delivered").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ours(delivered, sent).stream().filter(c -> c.run().isEnded()).count() >= total);
        awaitPolls(5);
        long drainMillis = (System.nanoTime() - lastSent) / 1_000_000;
        List<Change> ours = ours(delivered, sent);
        List<Change> ends = ours.stream().filter(c -> c.run().isEnded()).toList();
        List<Change> firstSights = ours.stream().filter(c -> !c.run().isEnded()).toList();
        LOG.info("RUN-BURST: runs={} ends={} firstSights={} late={} (all deliveries: {}, late {}) lastEndAfterLastSendMs={}",
                total, ends.size(), firstSights.size(), ours.stream().filter(Change::late).count(), delivered.size(),
                delivered.stream().filter(Change::late).count(), drainMillis);

        assertThat(ends).extracting(c -> c.run().runId()).doesNotHaveDuplicates().hasSize(total);
        assertThat(ends).allSatisfy(c -> assertThat(c.status()).isEqualTo("Completed"));
        assertThat(firstSights).extracting(c -> c.run().runId()).doesNotHaveDuplicates();
        for (Change first : firstSights) {
            Change end = ends.stream().filter(c -> c.run().runId().equals(first.run().runId())).findFirst().orElseThrow();
            assertThat(ours.indexOf(first)).as("first sight before the end of %s", first.run().runId())
                    .isLessThan(ours.indexOf(end));
            assertThat(end.previous()).isEqualTo(first.status());
        }
        assertThat(firstSights).extracting(c -> c.run().queuedAt().toInstant()).isSorted();
        assertThat(ends).extracting(c -> c.run().endedAt().toInstant()).isSorted();
        assertThat(delivered).noneMatch(Change::late);
    }

    private static List<Change> ours(List<Change> delivered, Set<String> sent) {
        return delivered.stream().filter(c -> sent.contains(c.run().eventId())).toList();
    }

    /** Waits until the consumer began {@code more} more polls: what they found is delivered by then. */
    private void awaitPolls(int more) {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoutes().get(0).getConsumer();
        long now = consumer.getCounter();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getCounter() >= now + more);
    }
}
