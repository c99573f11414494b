package io.camelinngest.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelinngest.InngestConstants;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.NewEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures how late the Dev Server stores events under a burst, the figure {@code settleWindow} must cover: bursts of
 * 2,000 events of one name (rounds: {@code -Dburst.rounds}, default 1), sent from four threads in batches of 50 as fast
 * as the server takes them. Once every event is listed, the lateness of an event is how much later it was stored
 * ({@code received_at}) than the first-stored event sent after it (internal ID): a consumer that delivered that later
 * event first would see this one come late; a window at least this long puts it back in order. Writes the distribution
 * (median, p95, p99, max, events stored late at all), the time until every event was listed and the machine's load
 * average per burst to {@code target/live/burst-lateness.txt}. Beside it, {@code newEvents} polls every 100 ms with a
 * settle window taken in turn from {@code -Dburst.windows} (default 0, 1000, 2000 and 5000 ms, each for one burst of
 * every round): how many events it delivered marked late, and when its last delivery came after the last send (the
 * price of the window at the head).
 */
@Tag("live")
class BurstLatenessMeasurementTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BurstLatenessMeasurementTest.class);
    private static final int THREADS = 4;
    private static final int BATCHES = 10;
    private static final int BATCH = 50;

    @Test
    void latenessOfTheDevServerUnderBursts() throws Exception {
        int rounds = Integer.getInteger("burst.rounds", 1);
        List<Long> windows = java.util.Arrays.stream(System.getProperty("burst.windows", "0,1000,2000,5000").split(","))
                .map(String::trim).map(Long::valueOf).toList();
        InngestClient client = context.getEndpoint("inngest:listEvents", InngestEndpoint.class).getClient();
        List<String> lines = new ArrayList<>();
        int round = 0;
        for (int r = 0; r < rounds; r++) {
            for (long window : windows) {
                String line = burst(client, ++round, window);
                LOG.info("BURST-LATENESS {}", line);
                lines.add(line);
            }
        }
        Path out = Path.of("target", "live", "burst-lateness.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private String burst(InngestClient client, int round, long window) throws Exception {
        String name = "live/lateness-" + DevServer.unique();
        Instant from = Instant.now().minusSeconds(2);
        String loadBefore = Burst.loadAverage();
        // what a consumer sees: newEvents with this settle window, polling every 100 ms
        Map<String, Long> deliveredAt = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> marked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?name=" + name + "&startFrom=" + from + "&settleWindow=" + window
                     + "&delay=100&initialDelay=0")
                        .routeId("lateness-" + round)
                        .process(exchange -> {
                            String id = exchange.getMessage().getBody(InngestEvent.class).internalId();
                            deliveredAt.putIfAbsent(id, System.nanoTime());
                            if (exchange.getMessage().getHeader(InngestConstants.LATE, false, Boolean.class)) {
                                marked.add(id);
                            }
                        });
            }
        });
        long start = System.nanoTime();
        Set<String> sent = Burst.start(THREADS, BATCHES, BATCH,
                (thread, b, i) -> NewEvent.of(name, Map.of("thread", thread, "batch", b, "i", i)),
                batch -> client.sendEvents(batch).ids()).await();
        long sendMillis = (System.nanoTime() - start) / 1_000_000;
        int total = THREADS * BATCHES * BATCH;
        assertThat(sent).hasSize(total);

        long lastSent = System.nanoTime();
        Map<String, Instant> stored = await("every event of the burst listed").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> listAll(client, name, from), found -> found.keySet().containsAll(sent));
        long listedMillis = (System.nanoTime() - lastSent) / 1_000_000;
        String loadAfter = Burst.loadAverage();

        // an event's lateness: how long after the first-stored of the events sent after it it was stored
        List<String> bySendOrder = new ArrayList<>(sent);
        Collections.sort(bySendOrder);
        List<Long> lateness = new ArrayList<>(total);
        Instant earliestAfter = null;
        for (int i = bySendOrder.size() - 1; i >= 0; i--) {
            Instant at = stored.get(bySendOrder.get(i));
            lateness.add(earliestAfter == null || !at.isAfter(earliestAfter)
                    ? 0 : Duration.between(earliestAfter, at).toMillis());
            earliestAfter = earliestAfter == null || at.isBefore(earliestAfter) ? at : earliestAfter;
        }
        Collections.sort(lateness);
        long lateAtAll = lateness.stream().filter(l -> l > 0).count();

        // the consumer: how many came marked late, and when the last came; an event stored more than overlap (5 s)
        // behind those already delivered may never come (docs/consumers.md), so the wait is bounded and what is
        // missing is counted, not failed
        try {
            await("the consumer delivered the burst").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> deliveredAt.keySet().containsAll(sent));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.warn("BURST-LATENESS round={}: {} of {} events not delivered within 60 s", round,
                    sent.stream().filter(id -> !deliveredAt.containsKey(id)).count(), total);
        }
        context.getRouteController().stopRoute("lateness-" + round);
        long missing = sent.stream().filter(id -> !deliveredAt.containsKey(id)).count();
        long lastDelivery = deliveredAt.values().stream().mapToLong(Long::longValue).max().orElse(lastSent);

        return String.format(
                "round=%d events=%d threads=%d batch=%d sendMs=%d listedAllMsAfterLastSend=%d lateAtAll=%d"
                             + " latenessMs median=%d p95=%d p99=%d max=%d | consumer(settleWindow=%d,delay=100):"
                             + " markedLate=%d notDeliveredIn60s=%d lastDeliveryMsAfterLastSend=%d | loadavg(before)=%s"
                             + " loadavg(after)=%s",
                round, total, THREADS, BATCH, sendMillis, listedMillis, lateAtAll, percentile(lateness, 50),
                percentile(lateness, 95), percentile(lateness, 99), lateness.get(lateness.size() - 1), window,
                marked.size(), missing, (lastDelivery - lastSent) / 1_000_000, loadBefore, loadAfter);
    }

    /**
     * The price of the window at the head of the stream: 12 events sent one at a time, 700 ms apart, while two routes
     * with the default scheduler options ({@code delay} 5 s) read them, one with {@code settleWindow=5000} (the default
     * proposed in PENDING-OPTIONS.md) and one with {@code settleWindow=0}. Writes the time from each send to its
     * delivery (median, max) per route.
     */
    @Test
    void latencyAtTheHeadWithAndWithoutTheWindow() throws Exception {
        String name = "live/head-" + DevServer.unique();
        String from = Instant.now().minusSeconds(2).toString();
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, List<Long>> latencies = new java.util.concurrent.ConcurrentHashMap<>();
        for (String window : List.of("5000", "0")) {
            latencies.put(window, new java.util.concurrent.CopyOnWriteArrayList<>());
            context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest:newEvents?name=" + name + "&startFrom=" + from + "&settleWindow=" + window)
                            .process(exchange -> {
                                String id = exchange.getMessage().getBody(InngestEvent.class).internalId();
                                latencies.get(window).add((System.nanoTime() - sentAt.get(id)) / 1_000_000);
                            });
                }
            });
        }
        for (int i = 0; i < 12; i++) {
            long before = System.nanoTime();
            sentAt.put(sendEvent(name, Map.of("i", i)), before);
            Thread.sleep(700);
        }
        await("both routes delivered every event").atMost(Duration.ofSeconds(60))
                .until(() -> latencies.values().stream().allMatch(l -> l.size() >= 12));
        List<String> lines = new ArrayList<>();
        latencies.forEach((window, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            lines.add(String.format("head latency settleWindow=%s delay=5000: events=%d median=%d max=%d loadavg=%s",
                    window, sorted.size(), percentile(sorted, 50), sorted.get(sorted.size() - 1), Burst.loadAverage()));
        });
        lines.forEach(line -> LOG.info("HEAD-LATENCY {}", line));
        Path out = Path.of("target", "live", "burst-lateness.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Every event of the name listed since {@code from}: internal ID to {@code received_at}. */
    private static Map<String, Instant> listAll(InngestClient client, String name, Instant from) {
        Map<String, Instant> found = new HashMap<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            EventPage page = client.listEvents(new EventQuery(name, from, null, cursor, EventQuery.MAX_LIMIT));
            for (InngestEvent event : page.events()) {
                found.put(event.internalId(), event.receivedAt().toInstant());
            }
            cursor = page.hasMore() && cursors.add(page.nextCursor()) ? page.nextCursor() : null;
        } while (cursor != null);
        return found;
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
