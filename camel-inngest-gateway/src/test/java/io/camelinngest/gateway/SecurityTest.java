package io.camelinngest.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modelcontextprotocol.client.McpSyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not an open proxy: both ports want the gateway's token, the MCP port refuses foreign origins, both bind to loopback
 * by default, and no key comes out of an answer, the OpenAPI document or a log line.
 */
class SecurityTest extends GatewayTestSupport {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                             + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                             + "\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                                       + "\"name\":\"listevents\",\"arguments\":{}}}";

    /** Every answer the tests got, scanned for keys at the end. */
    private static final List<String> ANSWERS = Collections.synchronizedList(new ArrayList<>());

    private static final List<Optional<String>> WRONG_AUTHORIZATIONS = List.of(Optional.empty(),
            Optional.of("Bearer wrong-token-0123456789abcdef"), Optional.of("Bearer "), Optional.of(TOKEN),
            Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString(("user:" + TOKEN).getBytes())),
            Optional.of("Bearer " + TOKEN + "x"));

    @Test
    void everyRestPathWantsTheTokenAndNothingReachesInngest() throws Exception {
        List<HttpRequest.Builder> requests = List.of(
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/v1/events")).GET(),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/v1/functions")).GET(),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/v1/runs/01JWNNSVKR5DW3DMHK620M933E")).GET(),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/e/some-key"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shop/order.paid\"}")),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/v1/runs/01JWNNSVKR5DW3DMHK620M933E/cancel"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + RestRoutes.OPENAPI_PATH)).GET(),
                HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/no/such/path")).GET());
        for (HttpRequest.Builder request : requests) {
            for (Optional<String> authorization : WRONG_AUTHORIZATIONS) {
                HttpRequest.Builder copy = request.copy();
                authorization.ifPresent(a -> copy.header("Authorization", a));
                HttpResponse<String> response = send(copy);
                ANSWERS.add(response.body());

                String what = copy.build().method() + " " + copy.build().uri().getPath() + " with " + authorization;
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                        v -> assertThat(v).startsWith("Bearer"));
                assertThat(json(response).path("error").asText()).as(what).isEqualTo("unauthorized");
            }
        }
        assertThat(requestsToInngest()).isZero();
        assertThat(inngest.fake().events()).isEmpty();
    }

    @Test
    void theRightTokenIsLetIn() throws Exception {
        HttpResponse<String> response = get("/v1/events");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(requestsToInngest()).isPositive();
    }

    @Test
    void theMcpPortWantsTheTokenAndNothingReachesInngest() throws Exception {
        for (Optional<String> authorization : WRONG_AUTHORIZATIONS) {
            for (String message : List.of(INITIALIZE, CALL)) {
                HttpRequest.Builder request = mcpRequest(message);
                authorization.ifPresent(a -> request.header("Authorization", a));
                HttpResponse<String> response = send(request);
                ANSWERS.add(response.body());

                assertThat(response.statusCode()).as(authorization.toString()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
            }
        }
        try (McpSyncClient client = mcpClient("Bearer wrong-token-0123456789abcdef")) {
            assertThatThrownBy(client::initialize).hasStackTraceContaining("Authorization error");
        }
        try (McpSyncClient client = mcpClient(null)) {
            assertThatThrownBy(client::initialize).hasStackTraceContaining("Authorization error");
        }
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void theMcpPortRefusesAForeignOriginEvenWithTheToken() throws Exception {
        for (String message : List.of(INITIALIZE, CALL)) {
            HttpResponse<String> response = send(mcpRequest(message)
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Origin", "http://evil.example"));
            ANSWERS.add(response.body());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        }
        assertThat(send(mcpRequest(INITIALIZE).header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "http://localhost.evil.example:9090")).statusCode()).isEqualTo(403);
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void theMcpPortLetsInALocalOriginWithTheToken() throws Exception {
        HttpResponse<String> response = send(mcpRequest(INITIALIZE)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "http://localhost:6274"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void bothPortsBindToLoopbackByDefault() throws Exception {
        assertThat(GatewaySettings.fromEnvironment(name -> null).host()).isEqualTo("127.0.0.1");
        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address to try");

        for (String url : List.of(gateway.restUrl(), gateway.mcpUrl())) {
            int port = URI.create(url).getPort();
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external, port), 2000))
                        .as(external + ":" + port).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aTokenIsGeneratedWhenNoneIsGivenAndAShortOneIsRefused() {
        GatewaySettings generated = GatewaySettings.fromEnvironment(name -> null);
        GatewaySettings other = GatewaySettings.fromEnvironment(name -> null);

        assertThat(generated.token().isGenerated()).isTrue();
        assertThat(generated.token().value()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(other.token().value());
        assertThat(generated.token().toString()).doesNotContain(generated.token().value());
        assertThat(GatewaySettings.fromEnvironment(Map.of("INNGEST_GATEWAY_TOKEN", TOKEN)::get).token().isGenerated())
                .isFalse();
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(Map.of("INNGEST_GATEWAY_TOKEN", "short")::get))
                .hasMessageContaining("INNGEST_GATEWAY_TOKEN").hasMessageContaining("16");
    }

    @Test
    void noKeyInAnswersOrTheOpenApiDocument() throws Exception {
        ANSWERS.add(post("/e/" + EVENT_KEY, "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"k\"}}").body());
        ANSWERS.add(get("/v1/events").body());
        ANSWERS.add(get("/v1/events/01ZZZZZZZZZZZZZZZZZZZZZZZZ").body());
        ANSWERS.add(get("/v1/functions").body());
        HttpResponse<String> openApi = get(RestRoutes.OPENAPI_PATH);
        ANSWERS.add(openApi.body());
        openApi.headers().map().values().forEach(v -> ANSWERS.add(v.toString()));
        int inngestPort = URI.create(inngest.url()).getPort();
        inngest.close();
        try {
            // Inngest down: the failure's message names the server, never a key
            HttpResponse<String> down = post("/e/any", "{\"name\":\"shop/order.paid\"}");
            ANSWERS.add(down.body());
            assertThat(down.statusCode()).isEqualTo(502);
            assertThat(json(down).path("error").asText()).isEqualTo("inngest_unreachable");
        } finally {
            inngest = io.camelinngest.testing.FakeInngestServer.start(inngestPort);
        }

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(String.join("\n", ANSWERS)).doesNotContain(SIGNING_KEY).doesNotContain(signingKeyHex())
                .doesNotContain(EVENT_KEY);
    }

    @AfterAll
    static void noKeyInAnyLogLineOrAnswer() throws IOException {
        String log = Files.readString(Path.of("target/gateway-tests.log"));
        assertThat(log).isNotEmpty();
        for (String secret : List.of(SIGNING_KEY, signingKeyHex(), EVENT_KEY, TOKEN)) {
            assertThat(log).as("the test log").doesNotContain(secret);
            assertThat(String.join("\n", ANSWERS)).as("the answers").doesNotContain(secret);
        }
    }

    private static String signingKeyHex() {
        return SIGNING_KEY.substring("signkey-test-".length());
    }

    private static HttpRequest.Builder mcpRequest(String message) {
        return HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }
}
