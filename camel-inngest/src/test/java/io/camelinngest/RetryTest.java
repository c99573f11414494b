package io.camelinngest;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_JSON;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static io.camelinngest.ContractFixtures.SEND_OK;
import static io.camelinngest.ContractFixtures.SIGNAL_OK;
import static io.camelinngest.ContractFixtures.V2_RUN_JSON;
import static io.camelinngest.ContractFixtures.V2_RUN_PATH;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are retried, how often and how long apart, and which requests are never repeated. Retries wait 1 ms
 * here (see {@link InngestTestSupport}), except where the server's Retry-After is under test.
 */
class RetryTest extends InngestTestSupport {

    private static final String SEND_PATH = "/e/" + EVENT_KEY;

    /** Stubs {@code route} to answer with {@code responses} in turn; the last one answers every later request. */
    private static void answerInTurn(Supplier<MappingBuilder> route, ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "answer " + (i + 1);
            INNGEST.stubFor(route.get().inScenario("in turn").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(responses[i]));
            state = next;
        }
    }

    private Exchange getRun(String options) {
        return call("inngest:getRun" + options, null, Map.of(InngestConstants.RUN_ID, RUN_ID));
    }

    private static InngestApiException apiError(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(InngestApiException.class);
        return exchange.getException(InngestApiException.class);
    }

    /** The requests WireMock received, oldest first. */
    private static List<LoggedRequest> requestsInOrder() {
        // WireMock lists its serve events newest first
        List<LoggedRequest> requests
                = new ArrayList<>(INNGEST.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(requests);
        return requests;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Server errors

    @Test
    void serviceUnavailableTwiceThenSuccessGivesTheResultAfterThreeRequests() {
        answerInTurn(() -> get(RUN_PATH),
                aResponse().withStatus(503),
                aResponse().withStatus(503),
                okJson(RUN_JSON));

        Exchange exchange = getRun("");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        INNGEST.verify(3, getRequestedFor(urlEqualTo(RUN_PATH)).withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void maxRetriesZeroSendsOneRequest() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(503)));

        Exchange exchange = getRun("?maxRetries=0");

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("getRun failed: HTTP 503 with an empty body");
        assertThat(e.isRetryable()).isTrue();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void serverErrorsBeyondMaxRetriesFailAfterMaxRetriesPlusOneRequests() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/plain").withBody("Bad Gateway")));

        Exchange exchange = getRun("?maxRetries=2");

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isEqualTo(502);
        assertThat(e.getStatus()).isEqualTo(502);
        assertThat(e.getMessage()).isEqualTo("getRun failed: HTTP 502 with a body that is not JSON: Bad Gateway");
        assertThat(e.isRetryable()).isTrue();
        INNGEST.verify(3, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void aGatewaysHtmlErrorPageIsAServerErrorAndIsRetried() {
        answerInTurn(() -> get(RUN_PATH),
                aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"),
                okJson(RUN_JSON));

        Exchange exchange = getRun("");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        INNGEST.verify(2, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | Invalid run ID: 01JWNNSWC44J3CY2ENV158DQX8 | cancelRun failed: HTTP 400: Invalid run ID: 01JWNNSWC44J3CY2ENV158DQX8",
            // an unknown run is named as getRun names it (issue 19)
            "404 | Unable to load function run: 01JWNNSWC44J3CY2ENV158DQX8 | cancelRun failed: run 01JWNNSWC44J3CY2ENV158DQX8"
                                                                                                                                         + " not found, or not visible yet (Inngest answered HTTP 404: Unable to load function run: 01JWNNSWC44J3CY2ENV158DQX8)" })
    void aClientErrorIsNeverRetried(int status, String error, String message) {
        INNGEST.stubFor(delete(RUN_PATH).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(status, error))));

        Exchange exchange = call("inngest:cancelRun?runId=" + RUN_ID);

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void aRetriedSendCarriesTheSameEventIdSeedSoItCannotStartDuplicateRuns() {
        answerInTurn(() -> post(SEND_PATH),
                aResponse().withStatus(502),
                aResponse().withStatus(200).withBody(SEND_OK));

        Exchange exchange = call("inngest:sendEvents", Map.of("name", "shop/order.created", "data", Map.of("orderId", 1)),
                Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of("01JWNNSVKR5DW3DMHK620M933E"));
        List<LoggedRequest> requests = requestsInOrder();
        assertThat(requests).hasSize(2);
        String seed = requests.get(0).getHeader("x-inngest-event-id-seed");
        assertThat(seed).matches("\\d{13},[A-Za-z0-9+/]{14}==");
        assertThat(requests.get(1).getHeader("x-inngest-event-id-seed")).isEqualTo(seed);
        assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests that change state: repeated only when the server cannot have acted

    @Test
    void aSignalIsNotResentAfterAServerError() {
        INNGEST.stubFor(post("/v1/signals").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(500, "Failed to receive signal"))));

        Exchange exchange = call("inngest:sendSignal?signal=order-approved", Map.of("approved", true), Map.of());

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("sendSignal failed: HTTP 500: Failed to receive signal");
        // the server may have acted before failing: the component neither repeats it nor calls it safe to repeat
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals")));
    }

    @Test
    void aRateLimitedSignalIsResentBecauseTheServerDidNotAct() {
        answerInTurn(() -> post("/v1/signals"),
                aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(errorJson(429, "Too many requests")),
                okJson(SIGNAL_OK));

        Exchange exchange = call("inngest:sendSignal?signal=order-approved", Map.of("approved", true), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        INNGEST.verify(2, postRequestedFor(urlEqualTo("/v1/signals"))
                .withRequestBody(equalToJson(
                        "{\"signal\":\"order-approved\",\"data\":{\"approved\":true}}")));
    }

    @Test
    void aConnectionResetDuringASignalIsNotResent() {
        INNGEST.stubFor(post("/v1/signals").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = call("inngest:sendSignal?signal=order-approved", Map.of("approved", true), Map.of());

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("sendSignal failed: could not reach Inngest at " + INNGEST.baseUrl());
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Retry-After

    @Test
    void retryAfterIsHonoured() {
        answerInTurn(() -> get(urlPathEqualTo(V2_RUN_PATH)),
                aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"rate_limited\",\"message\":\"API rate limit exceeded\"}]}"),
                okJson(V2_RUN_JSON));

        long start = System.nanoTime();
        Exchange exchange = getRun("");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = requestsInOrder();
        assertThat(requests).hasSize(2);
        long gapMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        // the configured retryDelay is 1 ms: only the server's Retry-After explains a gap of a second
        assertThat(gapMs).isGreaterThanOrEqualTo(990);
        assertThat(elapsedMs).isLessThan(3000);
    }

    @Test
    void aRetryAfterLongerThanRetryMaxDelayFailsAtOnceSayingSo() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(429, "Rate limit exceeded"))));

        long start = System.nanoTime();
        Exchange exchange = getRun("?retryMaxDelay=2000");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        InngestApiException e = apiError(exchange);
        assertThat(e.getStatus()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("getRun failed: HTTP 429: Rate limit exceeded"
                                             + " (the server asked to retry after 120 s, more than retryMaxDelay)");
        assertThat(elapsedMs).isLessThan(1000);
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connection failures

    @Test
    void aConnectionResetOnAGetIsRetriedAndThenSucceeds() {
        answerInTurn(() -> get(RUN_PATH),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(RUN_JSON));

        Exchange exchange = getRun("");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        INNGEST.verify(2, getRequestedFor(urlEqualTo(RUN_PATH)).withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void aRefusedConnectionFailsWithStatusZeroNamingTheHostButNoKey() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Exchange exchange = getRun("?baseUrl=http://localhost:" + closedPort);

        InngestApiException e = apiError(exchange);
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getStatus()).isZero();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("getRun failed: could not reach Inngest at http://localhost:" + closedPort + " (")
                .contains("Connect")
                .doesNotContain(SIGNING_KEY, "12345678", HASHED_BEARER.substring("Bearer ".length()), EVENT_KEY);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
