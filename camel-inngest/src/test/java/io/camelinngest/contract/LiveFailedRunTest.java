package io.camelinngest.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestConstants;
import io.camelinngest.live.DevServer;
import io.camelinngest.live.LiveTestSupport;
import io.camelinngest.model.FunctionRun;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real Dev Server, a failed run of {@code always-fails} has the same output whether a route reads it with
 * {@code getRun} or with {@code listEventRuns}, although the server wraps it in {@code {"error": ...}} in its v2
 * listings (see {@code src/test/resources/recorded}): the error object with its message and a stack.
 */
class LiveFailedRunTest extends LiveTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void getRunAndListEventRunsGiveTheSameErrorOfAFailedRun() {
        String eventId = sendEvent("acc/fail", Map.of("key", DevServer.unique()));
        FunctionRun single = endedRun(runOf(eventId).runId());

        List<FunctionRun> listed = Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> (List<FunctionRun>) request("inngest:listEventRuns", null,
                        Map.of(InngestConstants.EVENT_ID, eventId), List.class),
                        runs -> runs.size() == 1 && runs.get(0).isEnded());

        assertThat(single.output()).isInstanceOfSatisfying(Map.class, error -> {
            assertThat(error).containsEntry("message", "boom on purpose").doesNotContainKey("error");
            assertThat((String) error.get("stack")).startsWith("Error: boom on purpose\n    at ");
        });
        assertThat(listed.get(0).output()).isEqualTo(single.output());
    }
}
