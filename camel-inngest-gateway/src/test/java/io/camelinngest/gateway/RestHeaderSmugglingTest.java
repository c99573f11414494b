package io.camelinngest.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the path supplies a path parameter, and no request header reaches Camel: a header or query parameter named like
 * a path parameter, or like a Camel control header, changes nothing upstream; {@code .} and {@code ..} never become
 * path segments of an Inngest call.
 */
class RestHeaderSmugglingTest extends GatewayTestSupport {

    @Test
    void aHeaderNamedLikeAPathParameterIsNotMergedIntoIt() throws Exception {
        serve("v2-invokeFunction");

        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(gateway.restUrl() + "/v1/apps/test-app/functions/ship-order/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"order\":\"77\"}}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .header("appId", "other-app").header("functionId", "other-fn"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(inngest.wireMock().findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
                .containsExactly("/v2/apps/test-app/functions/ship-order/invoke");
    }

    @Test
    void aQueryParameterNamedLikeAPathParameterIsRefused() throws Exception {
        HttpResponse<String> response = post("/v1/apps/test-app/functions/ship-order/invoke?appId=other-app", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("appId");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void requestHeadersNeverSetCamelControlHeaders() throws Exception {
        for (String value : new String[] { "418", "abc" }) {
            HttpResponse<String> openApi = send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + RestRoutes.OPENAPI_PATH))
                    .header("Authorization", "Bearer " + TOKEN).header("CamelHttpResponseCode", value)
                    .header("CamelHttpPath", "/v1/functions"));
            HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/v1/events"))
                    .header("Authorization", "Bearer " + TOKEN).header("CamelHttpResponseCode", value)
                    .header("CamelHttpQuery", "limit=0"));

            assertThat(openApi.statusCode()).as(value).isEqualTo(200);
            assertThat(json(openApi).path("openapi").asText()).startsWith("3.");
            assertThat(events.statusCode()).as(value + ": " + events.body()).isEqualTo(200);
        }
        assertThat(Files.readString(Path.of("target/gateway-tests.log"))).doesNotContain("CamelHttpResponseCode");
    }

    @Test
    void dotSegmentsAreRefusedOnBothPorts() throws Exception {
        try (McpSyncClient client = mcpClient("Bearer " + TOKEN)) {
            client.initialize();
            for (String dots : new String[] { ".", "..", " .. " }) {
                CallToolResult result = client.callTool(new CallToolRequest(
                        "invokefunction",
                        Map.of("appId", dots, "functionId", "..")));

                assertThat(result.isError()).as(dots).isTrue();
                assertThat(result.structuredContent()).asString().contains("invalid_parameter");
            }
        }
        HttpResponse<String> rest = post("/v1/apps/%2E%2E/functions/%2E/invoke", "{}");

        assertThat(rest.statusCode()).as(rest.body()).isIn(400, 404);
        assertThat(requestsToInngest()).isZero();
    }
}
