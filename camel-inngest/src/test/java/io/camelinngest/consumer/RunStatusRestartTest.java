package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runStatus consumer with source=v2 remembers the status it first delivered a run with across a restart: the
 * message of the run's end, delivered after the restart, still says what the run was before
 * ({@code CamelInngestPreviousRunStatus}).
 */
class RunStatusRestartTest extends ConsumerTestSupport {

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void thePreviousStatusOfARunSurvivesARouteRestart() throws Exception {
        RecordingStateRepository state = new RecordingStateRepository();
        context.getRegistry().bind("state", state);
        Instant start = Instant.now().minusSeconds(10);
        StoredRun run = FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), null, "ship-order", "my-app", "Running",
                Instant.now(), null, null));
        List<String> changes = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:runStatus?source=v2&appId=my-app&stateRepository=#state&startFrom=" + start
                     + "&delay=50&initialDelay=0").routeId("runs")
                        .process(e -> changes.add(e.getMessage().getHeader(InngestConstants.PREVIOUS_RUN_STATUS, "",
                                String.class) + "->" + e.getMessage().getHeader(InngestConstants.RUN_STATUS, String.class)));
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.equals(List.of("->Running")));

        context.getRouteController().stopRoute("runs");
        FAKE.setStatus(run.runId(), "Completed", Map.of("shipped", true));
        context.getRouteController().startRoute("runs");

        await().atMost(Duration.ofSeconds(30)).until(() -> changes.size() >= 2);
        awaitPolls("runs", 3);
        assertThat(changes).containsExactly("->Running", "Running->Completed");
        assertThat(state.writes).anySatisfy(write -> assertThat(write).contains("seen." + run.runId()));
    }
}
