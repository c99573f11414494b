package io.camelinngest.contract;

import java.util.List;
import java.util.Map;

import io.camelinngest.InngestTestSupport;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed run read by a route has the same output whichever operation reads it, although the real server wraps the
 * error in {@code {"error": ...}} in its v2 listings and not in {@code GET /v2/runs/{id}} (recorded,
 * {@code src/test/resources/recorded}): the error object with its message, name and stack.
 */
class RecordedFailedRunTest extends InngestTestSupport {

    private static final HttpRecording SINGLE = HttpRecording.load("/recorded/", "failedRun-v2");
    private static final HttpRecording LISTED = HttpRecording.load("/recorded/", "failedRun-v2-eventRuns");
    /** The run and the event of the recordings: {@code /v2/runs/RUN}, {@code /v2/events/EVENT/runs}. */
    private static final String RUN = SINGLE.path().split("/")[3];
    private static final String EVENT = LISTED.path().split("/")[3];

    @Test
    void getRunAndListEventRunsGiveTheSameErrorOfAFailedRun() {
        INNGEST.stubFor(get(urlPathEqualTo(SINGLE.path())).willReturn(okJson(SINGLE.body())));
        INNGEST.stubFor(get(urlPathEqualTo(LISTED.path())).willReturn(okJson(LISTED.body())));

        FunctionRun single = call("inngest:getRun?runId=" + RUN).getMessage().getBody(FunctionRun.class);
        List<?> listed = call("inngest:listEventRuns?eventId=" + EVENT).getMessage().getBody(List.class);

        assertThat(single.status()).isEqualTo(RunStatus.FAILED);
        assertThat(single.output()).isInstanceOfSatisfying(Map.class, error -> {
            assertThat(error).containsEntry("message", "boom on purpose").containsEntry("name", "Error")
                    .containsEntry("__serialized", true).doesNotContainKey("error");
            assertThat((String) error.get("stack")).startsWith("Error: boom on purpose\n    at ");
        });
        assertThat(listed).singleElement().isInstanceOfSatisfying(FunctionRun.class, run -> {
            assertThat(run.runId()).isEqualTo(RUN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.output()).isEqualTo(single.output());
        });
    }
}
