package io.camelinngest.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a check of a time: how long after a ship-order run ends (its {@code endedAt} as the Dev Server's
 * v2 API reports it) an MCP client (the official Java SDK) that polls the gateway's {@code getrun} tool without pause
 * sees the run Completed. Per sample: {@code sendevents} of a {@code shop/order.paid} event with a unique order,
 * {@code listeventruns} until the run shows, then {@code getrun} back to back until the status is terminal. Prints
 * median, p95, min and max to the test output and to {@code target/live/mcp-await-latency.txt}. Asserted is only what
 * machine noise cannot change: every run ends Completed with the ship-order output.
 */
@Tag("live")
class McpAwaitLatencyMeasurementTest {

    private static final Logger LOG = LoggerFactory.getLogger(McpAwaitLatencyMeasurementTest.class);

    private static final String TOKEN = "live-token-0123456789abcdef";
    private static final int SAMPLES = 50;
    private static final List<String> TERMINAL = List.of("Completed", "Failed", "Cancelled");
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)),
                Map.of("camel.component.inngest.dev", GatewayLiveTest.devServer()), g -> {
                }).start();
        GatewayTestSupport.gateway = gateway;
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void timeFromRunEndToMcpClientSeeingIt() throws Exception {
        List<Long> afterEnd = new ArrayList<>();
        List<Long> sendToSeen = new ArrayList<>();
        List<Long> sendToRunId = new ArrayList<>();
        List<Long> getrunCalls = new ArrayList<>();
        List<Long> getrunRoundTrips = new ArrayList<>();
        int completedWithoutOutput = 0;
        int endedBeforeFirstGetrun = 0;
        try (McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN)) {
            client.initialize();
            for (int i = 0; i < SAMPLES; i++) {
                String order = "gw-mcplat-" + System.currentTimeMillis() + "-" + i;
                Instant sent = Instant.now();
                String eventId = tool(client, "sendevents", Map.of("eventKey", "unused",
                        "events", List.of(Map.of("name", "shop/order.paid", "data", Map.of("order", order)))))
                        .path("ids").get(0).asText();
                String runId = await("run of event " + eventId).atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                        .until(() -> tool(client, "listeventruns", Map.of("eventId", eventId)).path("data")
                                .findValuesAsText("run_id"),
                                ids -> !ids.isEmpty())
                        .get(0);
                Instant found = Instant.now();

                // back to back, no pause: the client sees the end as soon as the gateway can tell it
                long calls = 0;
                JsonNode run;
                Instant seen;
                do {
                    Instant asked = Instant.now();
                    CallToolResult result = client.callTool(new CallToolRequest("getrun", Map.of("runId", runId)));
                    seen = Instant.now();
                    getrunRoundTrips.add(Duration.between(asked, seen).toMillis());
                    calls++;
                    // a run just listed may not be readable yet (404, isError): ask again
                    run = Boolean.TRUE.equals(result.isError())
                            ? null
                            : GatewayTestSupport.JSON.valueToTree(result.structuredContent()).path("data");
                    assertThat(calls).as("getrun calls for run " + runId).isLessThan(100_000);
                } while (run == null || !TERMINAL.contains(run.path("status").asText()));

                assertThat(run.path("status").asText()).as("run " + runId).isEqualTo("Completed");
                Map<String, Object> expected = Map.of("shipped", true, "tracking", "TRK-" + order);
                if (!expected.equals(GatewayTestSupport.JSON.convertValue(run.path("output"), Map.class))) {
                    completedWithoutOutput++;
                }
                String endedText
                        = await("endedAt of run " + runId).atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                                .until(() -> v2Run(runId).path("endedAt").asText(""), text -> !text.isEmpty());
                Instant endedAt = Instant.parse(endedText);
                if (endedAt.isBefore(found)) {
                    endedBeforeFirstGetrun++;
                }
                // the output as the user reads it through getrun (the Completed answer may have come before it)
                JsonNode finalRun
                        = await("output of run " + runId).atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                                .until(() -> tool(client, "getrun", Map.of("runId", runId)).path("data"),
                                        r -> !r.path("output").isMissingNode() && !r.path("output").isNull());
                assertThat(GatewayTestSupport.JSON.convertValue(finalRun.path("output"), Map.class)).isEqualTo(expected);

                afterEnd.add(Duration.between(endedAt, seen).toMillis());
                sendToSeen.add(Duration.between(sent, seen).toMillis());
                sendToRunId.add(Duration.between(sent, found).toMillis());
                getrunCalls.add(calls);
            }
        }

        String report = "MCP getrun loop through the gateway (Java SDK client, Streamable HTTP), ship-order, " + SAMPLES
                        + " samples against " + GatewayLiveTest.devServer()
                        + "\n  run endedAt (v2) -> MCP client sees Completed: " + summary(afterEnd)
                        + "\n  send -> MCP client sees Completed:             " + summary(sendToSeen)
                        + "\n  send -> listeventruns shows the run:           " + summary(sendToRunId)
                        + "\n  getrun calls per sample: median " + percentile(getrunCalls, 50) + ", min "
                        + percentile(getrunCalls, 0) + ", max " + percentile(getrunCalls, 100)
                        + "\n  one getrun call (MCP round trip, gateway -> Dev Server v2 -> back): " + summary(getrunRoundTrips)
                        + "\n  samples whose run had already ended when listeventruns showed it: "
                        + endedBeforeFirstGetrun + " of " + SAMPLES
                        + "\n  Completed answers without the output yet: " + completedWithoutOutput + " of " + SAMPLES
                        + "\n  each (ms after endedAt): " + afterEnd
                        + "\n  each (getrun calls):     " + getrunCalls + "\n";
        LOG.info("==== MCP AWAIT LATENCY ====\n" + report + "===========================");
        Path file = Path.of("target", "live", "mcp-await-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Instant.now() + "\n" + report);
    }

    private static JsonNode tool(McpSyncClient client, String name, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(name, arguments));
        assertThat(result.isError()).as(name + ": " + result.content()).isNotEqualTo(Boolean.TRUE);
        return GatewayTestSupport.JSON.valueToTree(result.structuredContent());
    }

    /** The run as the Dev Server's v2 API shows it, read directly (not through the gateway). */
    private static JsonNode v2Run(String runId) throws IOException, InterruptedException {
        HttpResponse<String> response = GatewayTestSupport.HTTP.send(HttpRequest.newBuilder(
                URI.create(GatewayLiveTest.devServer() + "/v2/runs/" + runId)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /v2/runs/" + runId + ": " + response.body()).isEqualTo(200);
        return GatewayTestSupport.JSON.readTree(response.body()).path("data");
    }

    private static String summary(List<Long> values) {
        return "median " + percentile(values, 50) + " ms, p95 " + percentile(values, 95) + " ms, min "
               + percentile(values, 0) + " ms, max " + percentile(values, 100) + " ms";
    }

    /** The nearest-rank percentile. */
    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = p == 0 ? 1 : (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
