package io.camelinngest.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up honesty: a port that cannot be used is said and the JVM exits with 1 (no banner pointing users, with the
 * token, at whatever holds the port); one key alone starts the gateway with what that key serves; the base URL is
 * logged without its password; the fake Inngest is served only when asked for, and its memory is bounded.
 */
class StartupTest {

    private static final String TOKEN = "startup-token-0123456789abcdef";

    private static Process gatewayProcess(Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=log4j2.properties", "-cp", System.getProperty("java.class.path"),
                GatewayApp.class.getName()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("INNGEST_"));
        builder.environment().putAll(variables);
        return builder.start();
    }

    private static void assertExitsWithOne(Process process, String why) throws Exception {
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the JVM exits\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains(why).doesNotContain("is ready").doesNotContain("Try:");
    }

    @Test
    void aTakenRestPortIsSaidAndTheJvmExitsWithOne() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Process process = gatewayProcess(Map.of("INNGEST_GATEWAY_FAKE", "1", "INNGEST_GATEWAY_TOKEN", TOKEN,
                    "INNGEST_GATEWAY_REST_PORT", Integer.toString(taken.getLocalPort()), "INNGEST_GATEWAY_MCP_PORT", "0"));

            assertExitsWithOne(process, "INNGEST_GATEWAY_REST_PORT: port " + taken.getLocalPort());
        }
    }

    @Test
    void aTakenMcpPortIsSaidAndTheJvmExitsWithOne() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Process process = gatewayProcess(Map.of("INNGEST_GATEWAY_FAKE", "1", "INNGEST_GATEWAY_TOKEN", TOKEN,
                    "INNGEST_GATEWAY_REST_PORT", "0", "INNGEST_GATEWAY_MCP_PORT", Integer.toString(taken.getLocalPort())));

            assertExitsWithOne(process, "INNGEST_GATEWAY_MCP_PORT: port " + taken.getLocalPort());
        }
    }

    @Test
    void withoutAnyInngestItRefusesToStartAndNamesTheChoices() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = GatewayApp.run(Map.of("INNGEST_GATEWAY_REST_PORT", "0", "INNGEST_GATEWAY_MCP_PORT", "0")::get,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("is ready");
        assertThat(Files.readString(Path.of("target/gateway-tests.log"))).contains("INNGEST_GATEWAY_FAKE=1")
                .contains("INNGEST_DEV");
    }

    @Test
    void theSigningKeyAloneServesEverythingButSendingEvents() throws Exception {
        try (FakeInngestServer inngest = FakeInngestServer.start();
             InngestTarget target = InngestTarget.start(InngestTarget.Mode.CLOUD, Map.of("INNGEST_SIGNING_KEY", "set")::get);
             Gateway gateway = new Gateway(
                     GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)), Map.of(
                             "camel.component.inngest.baseUrl", inngest.url(),
                             "camel.component.inngest.signingKey", "signkey-test-0123456789abcdef0123456789abcdef"),
                     target.unavailable(), g -> {
                     }).start()) {
            HttpResponse<String> functions = get(gateway, "/v1/functions");
            HttpResponse<String> send = post(gateway, "/e/x", "{\"name\":\"shop/order.paid\"}");

            assertThat(functions.statusCode()).as(functions.body()).isEqualTo(200);
            assertThat(send.statusCode()).isEqualTo(503);
            assertThat(GatewayTestSupport.JSON.readTree(send.body()).path("message").asText()).contains("INNGEST_EVENT_KEY");
            assertThat(inngest.fake().events()).isEmpty();
        }
    }

    @Test
    void theEventKeyAloneSendsEventsAndSaysWhatElseItNeeds() throws Exception {
        try (FakeInngestServer inngest = FakeInngestServer.start();
             InngestTarget target = InngestTarget.start(InngestTarget.Mode.CLOUD, Map.of("INNGEST_EVENT_KEY", "set")::get);
             Gateway gateway = new Gateway(
                     GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)), Map.of(
                             "camel.component.inngest.eventBaseUrl", inngest.url(),
                             "camel.component.inngest.baseUrl", inngest.url(),
                             "camel.component.inngest.eventKey", "evkey-startup-test"),
                     target.unavailable(), g -> {
                     }).start()) {
            HttpResponse<String> send = post(gateway, "/e/x", "{\"name\":\"shop/order.paid\"}");
            HttpResponse<String> runs = get(gateway, "/v1/runs/01JWNNSVKR5DW3DMHK620M933E");

            assertThat(send.statusCode()).as(send.body()).isEqualTo(200);
            assertThat(inngest.fake().events()).hasSize(1);
            assertThat(runs.statusCode()).isEqualTo(503);
            assertThat(GatewayTestSupport.JSON.readTree(runs.body()).path("message").asText()).contains("INNGEST_SIGNING_KEY");
        }
    }

    @Test
    void theBaseUrlIsShownWithoutItsPassword() {
        InngestTarget target = InngestTarget.start(InngestTarget.Mode.CLOUD, Map.of("INNGEST_SIGNING_KEY", "set",
                "INNGEST_BASE_URL", "https://ops:s3cr3t-pw@inngest.example.com:8443/api")::get);

        assertThat(target.description()).contains("inngest.example.com:8443/api").doesNotContain("s3cr3t-pw")
                .doesNotContain("ops:");
    }

    @Test
    void theFakeIsServedOnlyWhenAskedFor() {
        assertThatThrownBy(() -> InngestTarget.detect(Map.<String, String> of()::get))
                .hasMessageContaining("INNGEST_GATEWAY_FAKE=1");
        assertThat(InngestTarget.detect(Map.of("INNGEST_GATEWAY_FAKE", "1")::get)).isEqualTo(InngestTarget.Mode.FAKE);
    }

    @Test
    void theFakesRequestJournalStaysEmpty() throws Exception {
        try (InngestTarget target = InngestTarget.start(InngestTarget.Mode.FAKE, Map.of("INNGEST_GATEWAY_FAKE", "1")::get)) {
            String url = target.camelProperties().get("camel.component.inngest.dev");
            WireMock client = new WireMock(URI.create(url).getHost(), URI.create(url).getPort());
            for (int i = 0; i < 50; i++) {
                GatewayTestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/events")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }

            assertThat(client.getServeEvents().size()).isLessThanOrEqualTo(1);
        }
    }

    private static HttpResponse<String> get(Gateway gateway, String path) throws Exception {
        return GatewayTestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Gateway gateway, String path, String body) throws Exception {
        return GatewayTestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
