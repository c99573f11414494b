package io.camelinngest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.errorJson;
import static io.camelinngest.ContractFixtures.runJson;
import static io.camelinngest.ContractFixtures.runWith;
import static org.assertj.core.api.Assertions.assertThat;

class GetRunTest extends InngestTestSupport {

    @Test
    void getsARunWithItsStatusOutputAndTimes() {
        INNGEST.stubFor(get("/v1/runs/" + RUN_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=3")
                // the end time with an offset, and a field the model does not know
                .withBody(runJson(runWith("ended_at", "\"2025-06-01T14:00:01.734+02:00\"", "some_new_field", "1")))));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(exchange.getException()).isNull();
        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.runId()).isEqualTo(RUN_ID);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.isEnded()).isTrue();
        assertThat(run.functionVersion()).isEqualTo(3);
        assertThat(run.eventId()).isEqualTo("01JWNNSVKR5DW3DMHK620M933E");
        assertThat(run.endedAt()).isEqualTo(OffsetDateTime.of(2025, 6, 1, 14, 0, 1, 734_000_000, ZoneOffset.ofHours(2)));
        assertThat(run.endedAt().toInstant()).hasToString("2025-06-01T12:00:01.734Z");
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "trackingId", "TRK-99"));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/runs/" + RUN_ID))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void onAServerWithoutV2AnUnknownRunIsNotFoundEvenThoughV1SaysStatus500InAnHttp200() {
        // no v2 here (WireMock answers its paths 404, as a server without v2 does): the run is read through v1
        INNGEST.stubFor(get("/v1/runs/" + RUN_ID).willReturn(okJson(errorJson(500, "Unable to load function run: " + RUN_ID))));

        Exchange exchange = call("inngest:getRun?runId=" + RUN_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("getRun");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("not_found");
        assertThat(e.getError()).isEqualTo("Unable to load function run: " + RUN_ID);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("getRun failed: run " + RUN_ID + " not found", "status 500",
                "Unable to load function run");
        // a permanent answer in disguise: not retried
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/runs/" + RUN_ID)));
    }

    @Test
    void aMissingRunIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:getRun");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestRunId").hasMessageContaining("option runId");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRunIdThatIsNotAUlidFailsBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, "run-42"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestRunId").hasMessageContaining("runId").hasMessageContaining("run-42");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
