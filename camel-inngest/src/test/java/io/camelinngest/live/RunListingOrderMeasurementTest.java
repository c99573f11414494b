package io.camelinngest.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.camelinngest.InngestEndpoint;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.RunQuery;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures whether the v2 runs listings that {@code runStatus?source=v2} reads reorder under a burst of runs: bursts of
 * 400 {@code shop/order.paid} events ({@code -Druns.rounds}, default 3), four threads in batches of 20, each starting a
 * run of {@code ship-order}, while the two listings the consumer reads ({@code timeField=queuedAt} for QUEUED and
 * RUNNING runs, {@code timeField=endedAt} for ended ones, oldest first) are read in full every 100 ms. For each run, at
 * the scan that first showed it: how far its time (queuedAt, endedAt) lay behind the newest time any earlier scan
 * showed (the consumer's watermark would be there; behind it by more than {@code overlap} the run is missed, behind it
 * at all it comes after a run that ended later), and whether a scan still listed it as queued or running after one had
 * listed it ended (a status change seen out of order). Writes the figures and the load average to
 * {@code target/live/run-listing-order.txt}.
 */
@Tag("live")
class RunListingOrderMeasurementTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RunListingOrderMeasurementTest.class);
    private static final int THREADS = 4;
    private static final int BATCHES = 5;
    private static final int BATCH = 20;

    @Test
    void orderOfTheV2RunListingsUnderBursts() throws Exception {
        int rounds = Integer.getInteger("runs.rounds", 3);
        InngestClient client = context.getEndpoint("inngest:getRun", InngestEndpoint.class).getClient();
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String line = burst(client, round);
            LOG.info("RUN-LISTING-ORDER {}", line);
            lines.add(line);
        }
        Path out = Path.of("target", "live", "run-listing-order.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String burst(InngestClient client, int round) throws Exception {
        String tag = DevServer.unique();
        Instant from = Instant.now().minusSeconds(2);
        String loadBefore = Burst.loadAverage();
        Burst burst = Burst.start(THREADS, BATCHES, BATCH,
                (thread, b, i) -> NewEvent.of("shop/order.paid", Map.of("order", tag + "-" + thread + "-" + b + "-" + i)),
                batch -> client.sendEvents(batch).ids());
        Set<String> sent = burst.ids();
        int total = burst.total();

        Listing queued = new Listing(
                RunQuery.TimeField.queuedAt, List.of(RunStatus.SCHEDULED, RunStatus.RUNNING),
                FunctionRun::queuedAt);
        Listing ended = new Listing(
                RunQuery.TimeField.endedAt,
                List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED), FunctionRun::endedAt);
        int staleQueued = 0;
        int scans = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            // the order the consumer reads them in: new runs, then ended ones
            Map<String, FunctionRun> queuedNow = queued.scan(client, from);
            Map<String, FunctionRun> endedNow = ended.scan(client, from);
            scans++;
            for (String runId : queuedNow.keySet()) {
                if (ended.firstSeenScan.containsKey(runId) && ended.firstSeenScan.get(runId) < scans) {
                    staleQueued++;
                }
            }
            long oursEnded = endedNow.values().stream().filter(r -> sent.contains(r.eventId())).count();
            if (burst.isDone() && sent.size() == total && oursEnded >= total) {
                break;
            }
            assertThat(System.nanoTime()).as("every run of the burst ended within 240 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        return String.format(
                "round=%d runs=%d scans=%d queuedListing{%s} endedListing{%s} queuedAfterEnded=%d loadavg(before)=%s"
                             + " loadavg(after)=%s",
                round, total, scans, queued.summary(sent), ended.summary(sent), staleQueued, loadBefore,
                Burst.loadAverage());
    }

    /** One of the two listings, read in full at each scan; what each run looked like when first listed. */
    private static final class Listing {
        final RunQuery.TimeField field;
        final List<RunStatus> statuses;
        final Function<FunctionRun, OffsetDateTime> time;
        final Map<String, Integer> firstSeenScan = new HashMap<>();
        /** Per run: how far behind the newest time shown by an earlier scan it was when first listed, in ms. */
        final Map<String, Long> behind = new HashMap<>();
        final Map<String, String> eventOf = new HashMap<>();
        Instant newestShown;
        int scan;
        /** Runs a page showed again that an earlier page of the same read had shown. */
        int repeated;

        Listing(RunQuery.TimeField field, List<RunStatus> statuses, Function<FunctionRun, OffsetDateTime> time) {
            this.field = field;
            this.statuses = statuses;
            this.time = time;
        }

        Map<String, FunctionRun> scan(InngestClient client, Instant from) {
            scan++;
            Map<String, FunctionRun> found = new HashMap<>();
            RunQuery query = new RunQuery(
                    DevServer.APP_ID, "ship-order", statuses, field, from, true, null,
                    RunQuery.MAX_LIMIT);
            Set<String> cursors = new HashSet<>();
            while (query != null) {
                RunPage page = client.listRuns(query);
                for (FunctionRun run : page.runs()) {
                    if (found.put(run.runId(), run) != null) {
                        repeated++;
                    }
                }
                query = page.hasMore() && cursors.add(page.nextCursor()) ? query.withCursor(page.nextCursor()) : null;
            }
            Instant newest = newestShown;
            for (FunctionRun run : found.values()) {
                Instant at = time.apply(run).toInstant();
                if (!firstSeenScan.containsKey(run.runId())) {
                    firstSeenScan.put(run.runId(), scan);
                    eventOf.put(run.runId(), run.eventId());
                    behind.put(run.runId(), newestShown == null || !newestShown.isAfter(at)
                            ? 0 : Duration.between(at, newestShown).toMillis());
                }
                newest = newest == null || at.isAfter(newest) ? at : newest;
            }
            newestShown = newest;
            return found;
        }

        String summary(Set<String> ours) {
            List<Long> values = new ArrayList<>();
            behind.forEach((runId, ms) -> {
                if (ours.contains(eventOf.get(runId))) {
                    values.add(ms);
                }
            });
            if (values.isEmpty()) {
                return "runs=0";
            }
            Collections.sort(values);
            return String.format("runs=%d repeatedWithinARead=%d behindAtAll=%d behindMs median=%d p95=%d p99=%d max=%d",
                    values.size(), repeated, values.stream().filter(v -> v > 0).count(),
                    BurstLatenessMeasurementTest.percentile(values, 50),
                    BurstLatenessMeasurementTest.percentile(values, 95), BurstLatenessMeasurementTest.percentile(values, 99),
                    values.get(values.size() - 1));
        }
    }
}
