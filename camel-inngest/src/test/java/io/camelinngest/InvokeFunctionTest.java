package io.camelinngest;

import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code invokeFunction} and {@code rerunRun}: runs started without an event, as the Dev Server answers them. */
class InvokeFunctionTest extends InngestTestSupport {

    static final String INVOKE_PATH = "/v2/apps/test-app/functions/ship-order/invoke";
    static final String NEW_RUN = "01M8T026WEMEWKG51X3ZDGCXPR";
    static final String STARTED
            = "{\"data\":{\"runId\":\"" + NEW_RUN + "\"},\"metadata\":{\"fetchedAt\":\"2026-12-01T23:46:57.553065394Z\"}}";

    @Test
    void invokesAFunctionWithTheBodyAsItsDataAndAnswersTheRunId() {
        INNGEST.stubFor(post(INVOKE_PATH).willReturn(okJson(STARTED)));

        Exchange exchange = call("inngest:invokeFunction", "{\"order\": \"77\"}", Map.of(InngestConstants.APP_ID, "test-app",
                InngestConstants.FUNCTION_ID, "ship-order", InngestConstants.IDEMPOTENCY_KEY, "order-77"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(NEW_RUN);
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(NEW_RUN);
        INNGEST.verify(1, postRequestedFor(urlEqualTo(INVOKE_PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withRequestBody(equalToJson("{\"data\":{\"order\":\"77\"},\"idempotencyKey\":\"order-77\"}")));
    }

    @Test
    void noBodyInvokesWithEmptyDataAndOptionsNameTheFunction() {
        INNGEST.stubFor(post(INVOKE_PATH).willReturn(okJson(STARTED)));

        Exchange exchange = call("inngest:invokeFunction?appId=test-app&functionId=ship-order");

        assertThat(exchange.getMessage().getBody()).isEqualTo(NEW_RUN);
        INNGEST.verify(1, postRequestedFor(urlEqualTo(INVOKE_PATH)).withRequestBody(equalToJson("{\"data\":{}}")));
    }

    @Test
    void awaitTerminalAnswersTheEndedRunWithItsOutput() {
        INNGEST.stubFor(post(INVOKE_PATH).willReturn(okJson(STARTED)));
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + NEW_RUN)).willReturn(okJson(
                RunOutputsTest.V2_COMPLETED.replace(RunOutputsTest.RUN, NEW_RUN))));

        Exchange exchange = call("inngest:invokeFunction?appId=test-app&functionId=ship-order&awaitTerminal=true",
                Map.of("order", "42"), Map.of());

        assertThat(exchange.getException()).isNull();
        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.runId()).isEqualTo(NEW_RUN);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-42"));
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(NEW_RUN);
    }

    @Test
    void anUnknownFunctionFailsNamingAppAndFunctionAndIsNotRetried() {
        INNGEST.stubFor(post("/v2/apps/test-app/functions/no-such-fn/invoke").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"not_found\",\"message\":\"Function not found\"}]}")));

        InngestApiException e = call("inngest:invokeFunction?appId=test-app&functionId=no-such-fn")
                .getException(InngestApiException.class);

        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("invokeFunction failed: function 'no-such-fn' of app 'test-app' not found")
                .contains("Function not found");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v2/apps/test-app/functions/no-such-fn/invoke")));
    }

    @Test
    void withoutAnIdempotencyKeyAServerErrorIsNotRepeated() {
        // the server may have started the run before it failed: a second request could start another
        INNGEST.stubFor(post(INVOKE_PATH).willReturn(aResponse().withStatus(503).withBody("busy")));

        InngestApiException e = call("inngest:invokeFunction?appId=test-app&functionId=ship-order")
                .getException(InngestApiException.class);

        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(INVOKE_PATH)));
    }

    @Test
    void withAnIdempotencyKeyAServerErrorIsRepeated() {
        INNGEST.stubFor(post(INVOKE_PATH).willReturn(aResponse().withStatus(503).withBody("busy")));

        call("inngest:invokeFunction?appId=test-app&functionId=ship-order&idempotencyKey=order-1&maxRetries=2");

        INNGEST.verify(3, postRequestedFor(urlEqualTo(INVOKE_PATH)));
    }

    @Test
    void badInputFailsBeforeAnyHttpCallNamingWhatToFix() {
        Exception noApp = call("inngest:invokeFunction?functionId=ship-order").getException();
        Exception noFunction = call("inngest:invokeFunction", null, Map.of(InngestConstants.APP_ID, "test-app")).getException();
        Exception notJson = call("inngest:invokeFunction?appId=test-app&functionId=ship-order", "order 77", Map.of())
                .getException();
        Exception notAnObject = call("inngest:invokeFunction?appId=test-app&functionId=ship-order", "[1, 2]", Map.of())
                .getException();

        assertThat(noApp).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CamelInngestAppId")
                .hasMessageContaining("option appId");
        assertThat(noFunction).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CamelInngestFunctionId")
                .hasMessageContaining("option functionId");
        assertThat(notJson).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThat(notAnObject).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void rerunRunAnswersTheNewRunsId() {
        INNGEST.stubFor(post("/v2/runs/" + RunOutputsTest.RUN + "/rerun").willReturn(okJson(
                "{\"data\":{\"runId\":\"01M8T026XEC239HSPXW2162X3T\"},\"metadata\":{\"fetchedAt\":\"2026-12-01T23:46:57.584891975Z\"}}")));

        Exchange exchange = call("inngest:rerunRun", null, Map.of(InngestConstants.RUN_ID, RunOutputsTest.RUN));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("01M8T026XEC239HSPXW2162X3T");
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo("01M8T026XEC239HSPXW2162X3T");
    }

    @Test
    void rerunOfAnUnknownRunFailsNamingTheRun() {
        INNGEST.stubFor(post("/v2/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ/rerun").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"not_found\",\"message\":\"Run not found\"}]}")));

        InngestApiException e
                = call("inngest:rerunRun?runId=01ZZZZZZZZZZZZZZZZZZZZZZZZ").getException(InngestApiException.class);

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("rerunRun failed: run 01ZZZZZZZZZZZZZZZZZZZZZZZZ not found");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v2/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ/rerun")));
    }

    /** The Dev Server's answer to a rerun of a run whose event is not stored yet: said so, sent once. */
    @Test
    void rerunAnsweredWithA500SaysWhenTheDevServerAnswersSoAndIsNotRepeated() {
        INNGEST.stubFor(post("/v2/runs/" + RunOutputsTest.RUN + "/rerun").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"internal_error\",\"message\":\"Unable to rerun run\"}]}")));

        InngestApiException e = call("inngest:rerunRun", null, Map.of(InngestConstants.RUN_ID, RunOutputsTest.RUN))
                .getException(InngestApiException.class);

        assertThat(e.getStatus()).isEqualTo(500);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("rerunRun failed: HTTP 500 internal_error: Unable to rerun run")
                .contains("while the run's event is not stored yet");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v2/runs/" + RunOutputsTest.RUN + "/rerun")));
    }

    @Test
    void rerunRunNeedsAWellFormedRunIdBeforeAnyHttpCall() {
        Throwable e = producerFailure("inngest:rerunRun?runId=run-1");

        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId").hasMessageContaining("run-1");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
