package io.camelinngest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call that waits before a retry resumes later with the same request: a body that was a stream (read once, no stream
 * caching) is not read a second time, so the retried invoke carries the same data, not an empty one.
 */
class InvokeFunctionResumeTest extends InngestTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setStreamCaching(false);
        return context;
    }

    @Test
    void aRetryAfter429SendsTheSameDataReadFromAStreamBody() {
        INNGEST.stubFor(post(InvokeFunctionTest.INVOKE_PATH).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"rate_limited\",\"message\":\"slow down\"}]}"))
                .willSetStateTo("ready"));
        INNGEST.stubFor(post(InvokeFunctionTest.INVOKE_PATH).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(okJson(InvokeFunctionTest.STARTED)));

        Exchange exchange = call("inngest:invokeFunction?appId=test-app&functionId=ship-order",
                new ByteArrayInputStream("{\"order\": \"7\"}".getBytes(StandardCharsets.UTF_8)), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(InvokeFunctionTest.NEW_RUN);
        INNGEST.verify(2, postRequestedFor(urlEqualTo(InvokeFunctionTest.INVOKE_PATH))
                .withRequestBody(equalToJson("{\"data\":{\"order\":\"7\"}}")));
    }
}
