package io.camelinngest;

import java.util.Map;

import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code invokeFunction} with an idempotency key that has started a run before: the Dev Server (v1.43.0) answers
 * {@code 409 Conflict} with {@code {"data":{"runId": <the run the key started>}}} (seen live, the second call with the
 * same key), and that run is the answer.
 */
class InvokeFunctionIdempotencyTest extends InngestTestSupport {

    private static final String EARLIER_RUN = "01M8T4V0QA9J7R0K46V0V828DQ";
    private static final String CONFLICT = "{\"data\":{\"runId\":\"" + EARLIER_RUN + "\"},"
                                           + "\"metadata\":{\"fetchedAt\":\"2026-12-02T01:10:25.108607258Z\"}}";

    @Test
    void aReusedIdempotencyKeyAnswersTheRunItStartedBefore() {
        INNGEST.stubFor(post(InvokeFunctionTest.INVOKE_PATH).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(CONFLICT)));

        Exchange exchange = call("inngest:invokeFunction?appId=test-app&functionId=ship-order", "{\"order\": \"x\"}",
                Map.of(InngestConstants.IDEMPOTENCY_KEY, "order-x"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(EARLIER_RUN);
        assertThat(exchange.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(EARLIER_RUN);
        INNGEST.verify(1, postRequestedFor(urlEqualTo(InvokeFunctionTest.INVOKE_PATH)));
    }

    @Test
    void a409WithoutAnIdempotencyKeyIsAnError() {
        INNGEST.stubFor(post(InvokeFunctionTest.INVOKE_PATH).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody(CONFLICT)));

        Exchange exchange = call("inngest:invokeFunction?appId=test-app&functionId=ship-order", "{\"order\": \"x\"}", Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).startsWith("invokeFunction failed: HTTP 409");
        assertThat(e.isRetryable()).isFalse();
    }
}
