package io.camelinngest.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.camelinngest.testing.FakeInngestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * One gateway per test class, on free ports of loopback, in front of the fake Inngest of camel-inngest-testing. The
 * component is given keys, so tests can prove they never come out.
 */
abstract class GatewayTestSupport {

    static final String TOKEN = "test-token-0123456789abcdef";
    /** Configured on the component: must never appear in an answer, a document or a log line. */
    static final String SIGNING_KEY = "signkey-test-5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7";
    static final String EVENT_KEY = "evkey-5ecre7-5ecre7-5ecre7";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static FakeInngestServer inngest;
    static Gateway gateway;
    private static final List<StubMapping> STUBS = new ArrayList<>();

    @BeforeAll
    static void startGateway() throws Exception {
        inngest = FakeInngestServer.start();
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)), Map.of(
                        "camel.component.inngest.dev", inngest.url(),
                        "camel.component.inngest.signingKey", SIGNING_KEY,
                        "camel.component.inngest.eventKey", EVENT_KEY,
                        // faults are answered quickly; the component still retries them
                        "camel.component.inngest.retryDelay", "10",
                        "camel.component.inngest.retryMaxDelay", "50",
                        "camel.component.inngest.responseTimeout", "1500"),
                g -> {
                }).start();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        close(gateway, inngest);
    }

    /** Closes a gateway and the fake Inngest behind it; either may be missing (a start that failed). */
    static void close(Gateway gateway, FakeInngestServer inngest) throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (inngest != null) {
            inngest.close();
        }
    }

    @AfterEach
    void resetInngest() {
        STUBS.forEach(inngest.wireMock()::removeStub);
        STUBS.clear();
        inngest.wireMock().resetRequests();
        inngest.fake().clear();
    }

    /** Serves a recorded real response for the request it answered. */
    static void serve(String recording) {
        STUBS.add(Recording.load(recording).serveOn(inngest.wireMock()));
    }

    static void stub(StubMapping mapping) {
        STUBS.add(mapping);
    }

    /** How many requests reached the fake Inngest. */
    static int requestsToInngest() {
        return inngest.wireMock().countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + path)).GET().header("Authorization", "Bearer " + TOKEN));
    }

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client of the official MCP Java SDK, sending the given Authorization header (none when null). */
    static McpSyncClient mcpClient(String authorization) {
        return mcpClient(authorization, Duration.ofSeconds(30));
    }

    /** The same, waiting at most the given time for each answer. */
    static McpSyncClient mcpClient(String authorization, Duration requestTimeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        URI mcp = URI.create(gateway.mcpUrl());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(mcp.getScheme() + "://" + mcp.getAuthority())
                .endpoint(mcp.getPath())
                .requestBuilder(request)
                .build();
        return McpClient.sync(transport).requestTimeout(requestTimeout).build();
    }

    /** A response read off a socket: for requests java.net.http refuses to send. */
    record RawResponse(int status, String headers, String body) {
    }

    /**
     * Sends raw bytes (a request no HTTP library would form) to a port of loopback and reads the answer until the
     * server closes the connection or 10 s pass.
     */
    static RawResponse raw(int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(java.nio.charset.StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // answered what it answers
            }
            String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            return new RawResponse(
                    statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0, head,
                    split < 0 ? "" : text.substring(split + 4));
        }
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        java.util.regex.Matcher length
                = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(text.substring(0, split));
        return length.find() && text.length() - split - 4 >= Integer.parseInt(length.group(1));
    }

    static int restPort() {
        return URI.create(gateway.restUrl()).getPort();
    }

    static int mcpPort() {
        return URI.create(gateway.mcpUrl()).getPort();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
