package io.camelinngest;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.camelinngest.ContractFixtures.AUTHENTICATION_FAILED;
import static io.camelinngest.ContractFixtures.DEV_SERVER_UI;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.EVENT_KEY_NOT_FOUND;
import static io.camelinngest.ContractFixtures.NEW_EVENT;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static io.camelinngest.ContractFixtures.SEND_OK;
import static io.camelinngest.ContractFixtures.errorJson;
import static io.camelinngest.ContractFixtures.runJson;
import static io.camelinngest.ContractFixtures.runningRun;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two traps of the real server (errors inside HTTP 200 bodies, the Dev Server's HTML page for unknown paths) and
 * every other error shape of the contract, for a v1 GET route and for sendEvents.
 */
class ServerTrapsTest extends InngestTestSupport {

    private static final String SEND_PATH = "/e/" + EVENT_KEY;

    // ---------------------------------------------------------------------------------------------------------
    // The operation under test: a v1 GET route (getRun) or sendEvents (POST /e/{eventKey})

    private static MappingBuilder route(String operation) {
        return "getRun".equals(operation) ? get(RUN_PATH) : post(SEND_PATH);
    }

    private static RequestPatternBuilder requested(String operation) {
        return "getRun".equals(operation) ? getRequestedFor(urlEqualTo(RUN_PATH)) : postRequestedFor(urlEqualTo(SEND_PATH));
    }

    private Exchange callOperation(String operation) {
        return "getRun".equals(operation)
                ? call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID))
                : call("inngest:sendEvents", NEW_EVENT, Map.of());
    }

    private Exchange callWith(String operation, ResponseDefinitionBuilder response) {
        INNGEST.stubFor(route(operation).willReturn(response));
        return callOperation(operation);
    }

    private static InngestApiException apiError(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(InngestApiException.class);
        return exchange.getException(InngestApiException.class);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Trap 2: the Dev Server answers unknown paths with its web UI, HTTP 200

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void anHtmlPageWithHttp200IsAnErrorPointingAtTheBaseUrlAndIsNotRetried(String operation) {
        Exchange exchange = callWith(operation, aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(DEV_SERVER_UI));

        InngestApiException e = apiError(exchange);
        assertThat(e.getOperation()).isEqualTo(operation);
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).startsWith(operation + " failed: ").contains("HTML page", "Check baseUrl");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, requested(operation));
    }

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void aBodyStartingWithAnAngleBracketIsAnHtmlPageEvenWithoutContentType(String operation) {
        Exchange exchange = callWith(operation, aResponse().withStatus(200).withBody("\n  " + DEV_SERVER_UI));

        assertThat(INNGEST.getAllServeEvents().get(0).getResponse().getHeaders().getContentTypeHeader().isPresent())
                .as("WireMock sent no Content-Type").isFalse();
        InngestApiException e = apiError(exchange);
        assertThat(e.getMessage()).contains("HTML page", "Check baseUrl");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, requested(operation));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Trap 1: v1 GET errors arrive as HTTP 200 with the real status in the body

    @ParameterizedTest
    @CsvSource({
            "400, Invalid event ID: 01JWNNSVKR5DW3DMHK620M933E, false, 1",
            "404, Event not found,                              false, 1",
            // a storage error may pass: retried (maxRetries 3), then reported
            "500, Unable to query events,                        true, 4" })
    void anErrorEnvelopeInsideHttp200IsThatError(int status, String error, boolean retryable, int requests) {
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID).willReturn(okJson(errorJson(status, error))));

        Exchange exchange = call("inngest:getEvent?eventId=" + EVENT_ID);

        InngestApiException e = apiError(exchange);
        assertThat(e.getOperation()).isEqualTo("getEvent");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).isEqualTo("getEvent failed: status " + status + " in the body of an HTTP 200: " + error);
        INNGEST.verify(requests, getRequestedFor(urlEqualTo("/v1/events/" + EVENT_ID))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void aCacheHitWithoutJsonContentTypeIsStillASuccess() {
        // a server-side cache hit carries no Content-Type: Go sniffs text/plain, the body is the JSON all the same
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(runJson(runningRun()))));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(exchange.getException()).isNull();
        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.runId()).isEqualTo(RUN_ID);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.endedAt()).isNull();
    }

    @Test
    void sendEventsReadsItsJsonAnswerThoughTheServerSetsNoJsonContentType() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(SEND_OK)));

        Exchange exchange = callOperation("sendEvents");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of("01JWNNSVKR5DW3DMHK620M933E"));
    }

    @Test
    void aRejectedSendReportsTheServersErrorAndIsNotRetried() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(400)
                .withBody(
                        "{\"ids\":[\"\"],\"status\":400,\"error\":\"Event is over the max size: Max 3145728 bytes / Size 3145800 bytes\"}\n")));

        Exchange exchange = callOperation("sendEvents");

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getError()).isEqualTo("Event is over the max size: Max 3145728 bytes / Size 3145800 bytes");
        assertThat(e.getMessage()).isEqualTo("sendEvents failed: HTTP 400: " + e.getError());
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getAcceptedEventIds()).isEmpty();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Authentication failures

    @Test
    void aPlainTextAuthenticationFailureIsA401ThatIsNotRetried() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(AUTHENTICATION_FAILED)));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isEqualTo(401);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Authentication failed");
        assertThat(e.getMessage()).isEqualTo("getRun failed: HTTP 401 with a body that is not JSON: Authentication failed");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void anUnknownEventKeyIsA401ThatIsNotRetried() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(EVENT_KEY_NOT_FOUND)));

        Exchange exchange = callOperation("sendEvents");

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Event key not found");
        assertThat(e.getMessage()).isEqualTo("sendEvents failed: HTTP 401: Event key not found");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bodies that are not the JSON the API promises

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void aMalformedJsonBodyIsAnErrorThatIsNotRetried(String operation) {
        Exchange exchange = callWith(operation, okJson("{\"data\":{\"run_id\":\"01JWNNSWC44J3CY2ENV158DQX8\",\"status\":"));

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).startsWith(operation + " failed: HTTP 200 with a malformed JSON body: {\"data\"");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, requested(operation));
    }

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void anEmptyBodyWithHttp200IsAnError(String operation) {
        Exchange exchange = callWith(operation, aResponse().withStatus(200).withHeader("Content-Type", "application/json"));

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).isEqualTo(operation + " failed: HTTP 200 with an empty body");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, requested(operation));
    }

    @Test
    void aPlainTextOkIsNotASuccess() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(200).withBody("OK")));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        InngestApiException e = apiError(exchange);
        assertThat(e.getMessage()).isEqualTo("getRun failed: HTTP 200 with a body that is not JSON: OK");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void jsonWithoutTheDataEnvelopeIsAnError() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson("{\"run_id\":\"01JWNNSWC44J3CY2ENV158DQX8\"}")));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        InngestApiException e = apiError(exchange);
        assertThat(e.getMessage()).isEqualTo("getRun failed: the response is not an object with 'data'");
        assertThat(e.isRetryable()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The v2 error shape

    @Test
    void aV2ErrorsBodyGivesCodeAndMessageAndIsNotRetried() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/apps")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"invalid_field_format\",\"message\":\"Limit cannot exceed 100\"}]}")));

        Exchange exchange = call("inngest:listFunctions");

        InngestApiException e = apiError(exchange);
        assertThat(e.getOperation()).isEqualTo("listFunctions");
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getErrorCode()).isEqualTo("invalid_field_format");
        assertThat(e.getError()).isEqualTo("Limit cannot exceed 100");
        assertThat(e.getMessage()).isEqualTo("listFunctions failed: HTTP 400 invalid_field_format: Limit cannot exceed 100");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1,
                getRequestedFor(urlEqualTo("/v2/apps?limit=100")).withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void aV2RateLimitIsRetriedAndThenReportedWithItsCode() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/apps")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"rate_limited\",\"message\":\"API rate limit exceeded. The request was"
                          + " rejected and no runs were fetched.\"}]}")));

        Exchange exchange = call("inngest:listFunctions?maxRetries=1");

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(429);
        assertThat(e.getErrorCode()).isEqualTo("rate_limited");
        assertThat(e.getMessage()).startsWith("listFunctions failed: HTTP 429 rate_limited: API rate limit exceeded.");
        assertThat(e.isRetryable()).isTrue();
        INNGEST.verify(2, getRequestedFor(urlEqualTo("/v2/apps?limit=100")));
    }

    @Test
    void aRedirectWithAJsonBodyIsAnErrorNotData() {
        INNGEST.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v1/runs/" + ContractFixtures.RUN_ID)
                .willReturn(aResponse().withStatus(307).withHeader("Location", "https://elsewhere.example/v1/runs")
                        .withHeader("Content-Type", "application/json").withBody(ContractFixtures.RUN_JSON)));

        Exchange exchange = call("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, ContractFixtures.RUN_ID));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isEqualTo(307);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("getRun failed", "HTTP 307");
    }
}
