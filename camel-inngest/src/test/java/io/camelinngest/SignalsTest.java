package io.camelinngest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.SIGNAL_OK;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code inngest:sendSignal}: {@code POST /v1/signals} (contract section 9.1). */
class SignalsTest extends InngestTestSupport {

    private static final String SIGNAL = "order/approved-1234";

    static Stream<Arguments> bodies() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("approved", true);
        map.put("by", "alice");
        return Stream.of(
                arguments("a Map, as a JSON object", map, "{\"approved\":true,\"by\":\"alice\"}"),
                arguments("a JSON object text, as the JSON it holds", "  {\"approved\": true, \"by\": \"alice\"}\n",
                        "{\"approved\":true,\"by\":\"alice\"}"),
                arguments("a JSON array text, as the JSON it holds", "[1, 2, 3]", "[1,2,3]"),
                arguments("JSON bytes, as the JSON they hold", "{\"approved\":false}".getBytes(StandardCharsets.UTF_8),
                        "{\"approved\":false}"),
                arguments("plain text, as a JSON string", "approved by alice", "\"approved by alice\""),
                arguments("text that only looks like JSON, as a JSON string", "{not json", "\"{not json\""),
                arguments("no body, as null", null, "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void sendsTheSignalWithTheBodyAsDataAndReturnsTheResumedRun(String description, Object body, String expectedData) {
        INNGEST.stubFor(post("/v1/signals").willReturn(okJson(SIGNAL_OK)));

        Exchange exchange = call("inngest:sendSignal", body, Map.of(InngestConstants.SIGNAL, SIGNAL));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(RUN_ID);
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals"))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("{\"signal\":\"" + SIGNAL + "\",\"data\":" + expectedData + "}")));
        // the exact bytes: "data" present even when null, and nothing else
        assertThat(INNGEST.getAllServeEvents()).singleElement().satisfies(served -> assertThat(served.getRequest()
                .getBodyAsString()).isEqualTo("{\"signal\":\"" + SIGNAL + "\",\"data\":" + expectedData + "}"));
    }

    @Test
    void theSignalHeaderWinsOverTheSignalOption() {
        INNGEST.stubFor(post("/v1/signals").willReturn(okJson(SIGNAL_OK)));

        Exchange fromOption = call("inngest:sendSignal?signal=from-option", "x", Map.of());
        Exchange fromHeader
                = call("inngest:sendSignal?signal=from-option", "x", Map.of(InngestConstants.SIGNAL, "from-header"));

        assertThat(fromOption.getException()).isNull();
        assertThat(fromHeader.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"from-option\",\"data\":\"x\"}")));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"from-header\",\"data\":\"x\"}")));
    }

    @Test
    void noRunWaitingForTheSignalIsAnErrorAndIsNotRetried() {
        INNGEST.stubFor(post("/v1/signals").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(404, "No signal found"))));

        Exchange exchange = call("inngest:sendSignal", Map.of("approved", true), Map.of(InngestConstants.SIGNAL, SIGNAL));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("sendSignal");
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getError()).isEqualTo("No signal found");
        assertThat(e.getMessage()).contains("sendSignal failed", "HTTP 404", "No signal found");
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals")));
    }

    /** The server may have resumed the run before failing: a POST that changes state is not repeated on a 500. */
    @Test
    void aServerErrorIsNotRepeatedBecauseTheSignalMayHaveBeenReceived() {
        INNGEST.stubFor(post("/v1/signals").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(500, "Failed to receive signal"))));

        Exchange exchange = call("inngest:sendSignal", Map.of("approved", true), Map.of(InngestConstants.SIGNAL, SIGNAL));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(500);
        assertThat(e.getError()).isEqualTo("Failed to receive signal");
        // the server may have resumed the run before failing: not reported as safe to repeat
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("sendSignal failed", "Failed to receive signal");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals")));
    }

    /** A connection dropped after the request was sent: the outcome is unknown, so the POST is not repeated. */
    @Test
    void aConnectionDroppedAfterSendingIsNotRepeated() {
        INNGEST.stubFor(post("/v1/signals").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = call("inngest:sendSignal", Map.of("approved", true), Map.of(InngestConstants.SIGNAL, SIGNAL));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getMessage()).contains("sendSignal failed", "could not reach Inngest");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/signals")));
    }

    /** A rate limit means the server did not act: the one case where the POST is sent again. */
    @Test
    void aRateLimitIsRetriedAndTheRetryResumesTheRun() {
        INNGEST.stubFor(post("/v1/signals").inScenario("limited").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(errorJson(429, "Too many requests"))));
        INNGEST.stubFor(post("/v1/signals").inScenario("limited").whenScenarioStateIs("free").willReturn(okJson(SIGNAL_OK)));

        Exchange exchange = call("inngest:sendSignal", Map.of("approved", true), Map.of(InngestConstants.SIGNAL, SIGNAL));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(RUN_ID);
        INNGEST.verify(2, postRequestedFor(urlEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"" + SIGNAL + "\",\"data\":{\"approved\":true}}")));
    }

    @Test
    void aMissingSignalNameFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:sendSignal", Map.of("approved", true), Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestSignal").hasMessageContaining("option signal");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }
}
