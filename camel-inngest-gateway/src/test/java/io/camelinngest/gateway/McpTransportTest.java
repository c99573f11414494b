package io.camelinngest.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP port under a careless or hostile client, in raw JSON-RPC (the SDK client cannot send these): every refusal is
 * a JSON-RPC error with a code and a message, never a serialized Java exception; one message per request in valid
 * UTF-8; every request answered; what a client names itself neither fills the log nor forges a line in it.
 */
class McpTransportTest extends GatewayTestSupport {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                     + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                     + "\"clientInfo\":{\"name\":\"%s\",\"version\":\"1\"}}}";

    static HttpRequest.Builder mcp(String body) {
        return HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** A new session's id, opened with a well-formed initialize and its initialized notification. */
    static String session() throws Exception {
        HttpResponse<String> init = send(mcp(INITIALIZE.formatted("transport-test")));
        String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        send(mcp("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Mcp-Session-Id", id));
        return id;
    }

    private static void assertJsonRpcError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("at io.").doesNotContain("Exception");
        JsonNode body = json(response);
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.path("error").path("code").isInt()).as(response.body()).isTrue();
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void transportErrorsAreJsonRpcErrorsWithoutAStackTrace() throws Exception {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}";
        // no session, an unknown session
        assertJsonRpcError(send(mcp(call)), 400);
        assertJsonRpcError(send(mcp(call).header("Mcp-Session-Id", "no-such-session")), 404);
        // not JSON, a batch
        assertJsonRpcError(send(mcp("{not json")), 400);
        assertJsonRpcError(send(mcp("[" + call + "]")), 400);
        // an Accept the transport does not serve
        assertJsonRpcError(send(mcp(INITIALIZE.formatted("x")).setHeader("Accept", "text/html")), 400);
    }

    @Test
    void twoJsonDocumentsInOneBodyAreRefused() throws Exception {
        HttpResponse<String> response = send(mcp(INITIALIZE.formatted("a") + "\n" + INITIALIZE.formatted("b")));

        assertJsonRpcError(response, 400);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] bytes = INITIALIZE.formatted("bad-X").getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf('X');
        bytes[at] = (byte) 0xFF;

        HttpResponse<String> response = send(mcp("").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));

        assertJsonRpcError(response, 400);
        assertThat(json(response).path("error").path("message").asText()).contains("UTF-8");
    }

    @Test
    void aToolsCallWhoseArgumentsAreNotAnObjectIsAnswered() throws Exception {
        String session = session();
        for (String arguments : new String[] { "[]", "\"runId\"", "42" }) {
            HttpResponse<String> response = send(mcp("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                                                     + "{\"name\":\"getrun\",\"arguments\":" + arguments + "}}")
                    .header("Mcp-Session-Id", session));

            assertThat(response.statusCode()).as(arguments).isEqualTo(200);
            assertThat(json(response).path("id").asInt()).isEqualTo(7);
            assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32602);
        }
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void aHugeOrMultiLineClientNameIsRefusedAndNeverLogged() throws Exception {
        String huge = "h".repeat(300_000);
        String forged = "x\\n12:00:00.000 ERROR GatewayApp   - forged line";

        HttpResponse<String> tooLong = send(mcp(INITIALIZE.formatted(huge)));
        HttpResponse<String> twoLines = send(mcp(INITIALIZE.formatted(forged)));

        assertJsonRpcError(tooLong, 200);
        assertJsonRpcError(twoLines, 200);
        assertThat(tooLong.headers().firstValue("Mcp-Session-Id")).isEmpty();
        String log = Files.readString(Path.of("target/gateway-tests.log"));
        assertThat(log).doesNotContain("hhhhhhhhhhhhhhhhhhhh").doesNotContain("forged line");
    }

    @Test
    void aWellFormedClientNameIsNotLoggedEither() throws Exception {
        send(mcp(INITIALIZE.formatted("client-name-" + "n".repeat(40))));

        assertThat(Files.readString(Path.of("target/gateway-tests.log"))).doesNotContain("client-name-nnnnnnnn");
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> response = send(mcp(INITIALIZE.formatted("x".repeat(McpRequestGuard.MAX_BODY_BYTES))));

        assertJsonRpcError(response, 413);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIsA400() throws Exception {
        String session = session();

        HttpResponse<String> response = send(mcp("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "1999-01-01"));
        HttpResponse<String> supported = send(mcp("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18"));

        assertJsonRpcError(response, 400);
        assertThat(supported.statusCode()).as(supported.body()).isEqualTo(200);
    }

    @Test
    void aContentTypeOtherThanJsonIsA415() throws Exception {
        HttpResponse<String> response = send(mcp(INITIALIZE.formatted("x")).setHeader("Content-Type", "text/plain"));

        assertJsonRpcError(response, 415);
    }

    @Test
    void jettysOwnErrorsAreJsonWithoutAServerHeader() throws Exception {
        HttpResponse<String> otherPath = send(HttpRequest.newBuilder(URI.create(gateway.mcpUrl().replace("/mcp", "/other")))
                .header("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> ok = send(mcp(INITIALIZE.formatted("x")));

        for (HttpResponse<String> response : java.util.List.of(otherPath, wrongMethod)) {
            assertThat(response.statusCode()).isIn(404, 405);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json(response).path("status").asInt()).isEqualTo(response.statusCode());
        }
        for (HttpResponse<String> response : java.util.List.of(otherPath, wrongMethod, ok)) {
            assertThat(response.headers().firstValue("Server")).isEmpty();
        }
    }

    @Test
    void aMalformedRequestLineIsAJsonBadRequest() throws Exception {
        RawResponse response = raw(mcpPort(), "GET mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsIgnoringCase("content-type: application/json");
    }

    @Test
    void headersTooLargeAreAJson431() throws Exception {
        RawResponse response = raw(mcpPort(), "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(20_000)
                                              + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.headers()).containsIgnoringCase("content-type: application/json");
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(431);
    }

    @Test
    void aForeignHostIsNotEchoed() throws Exception {
        RawResponse response = raw(mcpPort(), "POST /mcp HTTP/1.1\r\nHost: evil-rebinding.example\r\nAuthorization: Bearer "
                                              + TOKEN + "\r\nContent-Type: application/json\r\nAccept: application/json, "
                                              + "text/event-stream\r\nContent-Length: " + INITIALIZE.formatted("x").length()
                                              + "\r\nConnection: close\r\n\r\n" + INITIALIZE.formatted("x"));

        assertThat(response.status()).isEqualTo(421);
        assertThat(response.body()).doesNotContain("evil-rebinding");
    }
}
