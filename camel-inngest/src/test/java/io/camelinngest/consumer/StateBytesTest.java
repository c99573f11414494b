package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.camelinngest.InngestConstants;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the runStatus consumer writes to its state repository per delivered message while it watches many runs: one
 * journal entry about the run that changed, not the whole watch set. Logs a {@code STATE-BYTES:} line to quote.
 */
class StateBytesTest extends ConsumerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StateBytesTest.class);

    private static final int MEASURED = 200;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @ParameterizedTest(name = "watchedRuns={0}")
    @ValueSource(ints = { 1_000, 10_000 })
    void bytesWrittenPerDeliveredMessageDoNotGrowWithTheWatchedRuns(int watched) throws Exception {
        RecordingStateRepository state = new RecordingStateRepository().countOnly();
        context.getRegistry().bind("state", state);
        String uri = "inngest:runStatus?stateRepository=#state&maxWatchedRuns=" + watched + "&maxMessagesPerPoll=0"
                     + "&delay=20&initialDelay=0&runPollInterval=1000";
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < watched; i++) {
            runIds.add(FAKE.putRun(new StoredRun(
                    Ulids.at(Instant.now()), null, "fn", "my-app", "Running", Instant.now(),
                    null, null)).runId());
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").process(exchange -> received.add(
                        exchange.getMessage().getHeader(InngestConstants.RUN_STATUS, String.class)));
            }
        });
        context.start();
        template.sendBodyAndHeader(uri, null, InngestConstants.RUN_ID, runIds);
        await().atMost(Duration.ofSeconds(120)).until(() -> received.size() >= watched);
        assertThat(received).containsOnly("Running");

        // steady state: every run watched and seen; now some end, one message each
        long before = state.bytes.get();
        long journalBefore = state.journalBytes.get();
        long snapshotsBefore = state.snapshots.get();
        long writesBefore = state.count.get();
        for (String runId : runIds.subList(0, MEASURED)) {
            FAKE.setStatus(runId, "Completed", null);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> received.size() >= watched + MEASURED);
        long journalPerMessage = (state.journalBytes.get() - journalBefore) / MEASURED;
        // a snapshot of everything is written at most once per as many journal writes as it has entries (one or more
        // per watched run), so its share of each write is at most its size divided by the watched runs
        long snapshot = state.largest.get();
        long snapshotShare = snapshot / watched;
        LOG.info("STATE-BYTES: watchedRuns=" + watched + " messages=" + MEASURED
                 + " journalBytesPerMessage=" + journalPerMessage
                 + " writesPerMessage=" + (double) (state.count.get() - writesBefore) / MEASURED
                 + " snapshotBytes=" + snapshot + " snapshotsInWindow=" + (state.snapshots.get() - snapshotsBefore)
                 + " amortisedSnapshotBytesPerMessage<=" + snapshotShare
                 + " allBytesInWindowPerMessage=" + (state.bytes.get() - before) / MEASURED);
        assertThat(received.subList(watched, received.size())).hasSize(MEASURED).containsOnly("Completed");
        assertThat(journalPerMessage).as("one small journal entry per message").isLessThan(150);
        assertThat(snapshotShare).as("a snapshot costs each message about one entry").isLessThan(100);
    }
}
