package io.camelinngest.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command as a user runs it: {@code GatewayApp} in a JVM of its own, with the fake Inngest asked for
 * ({@code INNGEST_GATEWAY_FAKE=1}). It must say first that it serves a fake, print both URLs and a curl line, and the
 * printed token must let that curl in.
 */
class GatewayAppTest {

    private Process process;
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void withoutInngestItServesTheFakeAndSaysSoFirst() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=log4j2.properties", "-cp", System.getProperty("java.class.path"),
                GatewayApp.class.getName()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("INNGEST_"));
        env.put("INNGEST_GATEWAY_FAKE", "1");
        env.put("INNGEST_GATEWAY_REST_PORT", "0");
        env.put("INNGEST_GATEWAY_MCP_PORT", "0");
        process = builder.start();
        CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(
                            process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (Exception e) {
                // the process ended
            }
        });

        await().atMost(120, TimeUnit.SECONDS).until(() -> line("  Try:") != null || !process.isAlive());

        assertThat(process.isAlive()).as(String.join("\n", lines())).isTrue();
        String firstLogLine
                = lines().stream().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).findFirst().orElseThrow();
        assertThat(firstLogLine).contains("WARN").contains("FAKE Inngest");
        String rest = line("  REST  ").trim().split("\\s+")[1];
        String mcp = line("  MCP   ").trim().split("\\s+")[1];
        String token = line("export INNGEST_GATEWAY_TOKEN=").trim().substring("export INNGEST_GATEWAY_TOKEN=".length());
        assertThat(rest).startsWith("http://127.0.0.1:");
        assertThat(mcp).startsWith("http://127.0.0.1:").endsWith("/mcp");
        assertThat(line("  Try:")).contains("curl").contains("$INNGEST_GATEWAY_TOKEN").contains(rest + "/v1/events");
        assertThat(lines().stream().filter(l -> l.contains(token))).as("the token is shown once").hasSize(1);

        HttpResponse<String> sent = GatewayTestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/e/demo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"5\"}}"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body() + "\n" + String.join("\n", lines())).isEqualTo(200);
        String eventId = GatewayTestSupport.JSON.readTree(sent.body()).path("ids").get(0).asText();
        // the fake runs the Dev Server app's ship-order
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            JsonNode runs = GatewayTestSupport.JSON.readTree(GatewayTestSupport.HTTP.send(
                    HttpRequest.newBuilder(URI.create(rest + "/v1/events/" + eventId + "/runs"))
                            .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("data");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).path("status").asText()).isEqualTo("Completed");
        });
    }

    private List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private String line(String start) {
        return lines().stream().filter(l -> l.startsWith(start) || l.trim().startsWith(start.trim())).findFirst().orElse(null);
    }
}
