package io.camelinngest;

import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.DEV_SERVER_UI;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:cancelRun}: {@code DELETE /v1/runs/{runId}} (contract section 6). There is no
 * {@code POST /v1/runs/{runId}/cancel}: on a Dev Server that path answers the web UI with HTTP 200 and cancels nothing.
 */
class CancelRunTest extends InngestTestSupport {

    @Test
    void cancelsWithDeleteAndAnEmptyHttp200MeansSuccess() {
        // the real server sets Content-Type application/json on a 0-byte body
        INNGEST.stubFor(
                delete(RUN_PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
        // a trap for a client that cancels the way a simplified spec says
        INNGEST.stubFor(post(RUN_PATH + "/cancel").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(DEV_SERVER_UI)));

        Exchange exchange = call("inngest:cancelRun?runId=" + RUN_ID);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(RUN_ID);
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo(RUN_PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(INNGEST.getAllServeEvents()).singleElement()
                .satisfies(served -> assertThat(served.getRequest().getBody()).isEmpty());
        INNGEST.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void theRunIdHeaderWinsOverTheRunIdOption() {
        String other = "01JWNNSVY2QJKQF8V4PP8H0ESP";
        INNGEST.stubFor(
                delete(RUN_PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

        Exchange exchange = call("inngest:cancelRun?runId=" + other, null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo(RUN_PATH)));
        INNGEST.verify(0, deleteRequestedFor(urlEqualTo("/v1/runs/" + other)));
    }

    /** DELETE keeps real status codes: the envelope arrives with the same status, and it is not retried. */
    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "404 | Unable to load function run: 01JWNNSWC44J3CY2ENV158DQX8",
            "400 | Invalid run ID: 01JWNNSWC44J3CY2ENV158DQX8" })
    void aRejectedCancelFailsWithTheServersStatusAndText(int status, String error) {
        INNGEST.stubFor(delete(RUN_PATH).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(status, error))));

        Exchange exchange = call("inngest:cancelRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("cancelRun");
        assertThat(e.getHttpStatus()).isEqualTo(status);
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("cancelRun failed", "HTTP " + status, error);
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo(RUN_PATH)));
    }

    /** An executor failure may pass; a repeated DELETE of the same run is harmless. */
    @Test
    void anExecutorFailureIsRetriedAndTheRetrySucceeds() {
        INNGEST.stubFor(delete(RUN_PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(errorJson(500, "Unable to cancel function run: context deadline exceeded"))));
        INNGEST.stubFor(delete(RUN_PATH).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

        Exchange exchange = call("inngest:cancelRun?runId=" + RUN_ID);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        INNGEST.verify(2, deleteRequestedFor(urlEqualTo(RUN_PATH)));
    }

    /** Trap 2: a Dev Server answers a path it does not know with its web UI, HTTP 200. That is not a cancel. */
    @Test
    void anHtmlPageWithHttp200IsAnErrorNotASuccess() {
        INNGEST.stubFor(delete(RUN_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(DEV_SERVER_UI)));

        Exchange exchange = call("inngest:cancelRun?runId=" + RUN_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("cancelRun");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("cancelRun failed", "HTML").doesNotContain("<html");
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isNull();
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo(RUN_PATH)));
        INNGEST.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aRunIdThatIsNotAUlidIsNeverSent() {
        Exchange exchange = call("inngest:cancelRun", null, Map.of(InngestConstants.RUN_ID, "ship-order"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestRunId").hasMessageContaining("runId").hasMessageContaining("ship-order");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingRunIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:cancelRun");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestRunId").hasMessageContaining("option runId");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
