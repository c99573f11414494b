package io.camelinngest.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a check of a time: how long after a ship-order run ends (its {@code endedAt} as the server's v2
 * API reports it) the route gets the reply of {@code sendEvents?awaitRuns=true}, with default options, over 30 sends
 * one after another. Logs median and p95 at INFO (in {@code target/camel-inngest-test.log}) and writes them to
 * {@code target/live/await-latency.txt}. Each reply must be a Completed run; one that came before the run had its
 * output is counted and reported, not failed (LiveSendTest checks outputs).
 */
@Tag("live")
class AwaitLatencyMeasurementTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AwaitLatencyMeasurementTest.class);

    private static final int SENDS = 30;

    @Test
    @SuppressWarnings("unchecked")
    void timeFromRunEndToReply() throws Exception {
        List<Long> afterEnd = new ArrayList<>();
        List<Long> roundTrip = new ArrayList<>();
        int withoutOutput = 0;
        for (int i = 0; i < SENDS; i++) {
            String order = DevServer.unique();
            Instant sent = Instant.now();
            Exchange reply = call("inngest:sendEvents?awaitRuns=true", NewEvent.of("shop/order.paid", order(order)), Map.of());
            Instant replied = Instant.now();

            assertThat(reply.getException()).isNull();
            List<FunctionRun> runs = reply.getMessage().getBody(List.class);
            assertThat(runs).singleElement().satisfies(run -> assertThat(run.status().wireName()).isEqualTo("Completed"));
            // LiveSendTest checks the output; here a reply without it is counted, so the numbers say what they measure
            if (!Map.of("shipped", true, "tracking", "TRK-" + order).equals(runs.get(0).output())) {
                withoutOutput++;
            }
            // read after the reply; a reply that came early finds no endedAt yet, and its time comes out negative
            String runId = runs.get(0).runId();
            Instant endedAt
                    = Instant.parse(await("endedAt of run " + runId).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                            .until(() -> DevServer.v2Run(runId).path("endedAt").asText(""), text -> !text.isEmpty()));
            afterEnd.add(Duration.between(endedAt, replied).toMillis());
            roundTrip.add(Duration.between(sent, replied).toMillis());
        }

        String report
                = "sendEvents?awaitRuns=true (default options), ship-order, " + SENDS + " sends against " + DevServer.url()
                  + "\n  run endedAt (v2) -> route reply: median " + percentile(afterEnd, 50) + " ms, p95 "
                  + percentile(afterEnd, 95) + " ms, min " + percentile(afterEnd, 0) + " ms, max "
                  + percentile(afterEnd, 100) + " ms"
                  + "\n  send -> route reply:            median " + percentile(roundTrip, 50) + " ms, p95 "
                  + percentile(roundTrip, 95) + " ms"
                  + "\n  replies whose run had no output yet (read before the server showed its end): " + withoutOutput + " of "
                  + SENDS
                  + "\n  each (ms after endedAt): " + afterEnd + "\n";
        LOG.info("==== AWAIT LATENCY ====\n{}=======================", report);
        write(report);
    }

    /** The nearest-rank percentile. */
    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = p == 0 ? 1 : (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void write(String report) throws IOException {
        Path file = Path.of("target", "live", "await-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Instant.now() + "\n" + report);
    }
}
