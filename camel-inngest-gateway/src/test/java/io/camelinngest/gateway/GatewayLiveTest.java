package io.camelinngest.gateway;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of a real Inngest Dev Server ({@code ../shared/inngest-dev/start.sh}, app {@code test-app}): one
 * flow through each port (send an event, find its run, read its output, cancel a sleeping run), and the MCP port driven
 * by a client that is neither ours nor Java, the official MCP TypeScript SDK ({@code src/test/node}). Values are unique
 * per run: other suites send events to the same server.
 */
@Tag("live")
class GatewayLiveTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLiveTest.class);

    private static final String TOKEN = "live-token-0123456789abcdef";
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)),
                Map.of("camel.component.inngest.dev", devServer()), g -> {
                }).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static String devServer() {
        String env = System.getenv("INNGEST_DEV");
        return env != null && env.startsWith("http") ? env : System.getProperty("inngest.dev.url", "http://127.0.0.1:8288");
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.currentTimeMillis() + "-" + System.nanoTime() % 100_000;
    }

    // ---------------------------------------------------------------------------------------------------------
    // REST

    @Test
    void restFlow() throws Exception {
        String order = unique("gw-rest");
        JsonNode sent = rest("POST", "/e/unused", "[{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"" + order + "\"}}]");
        String eventId = sent.path("ids").get(0).asText();
        String runId = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                () -> rest("GET", "/v1/events/" + eventId + "/runs", null).path("data").findValuesAsText("run_id"),
                ids -> !ids.isEmpty()).get(0);
        JsonNode run = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                () -> rest("GET", "/v1/runs/" + runId, null).path("data"), r -> r.path("status").asText().equals("Completed"));
        assertThat(run.path("output").path("tracking").asText()).isEqualTo("TRK-" + order);
        LOG.info("REST flow: POST /e/unused -> event " + eventId + "; GET /v1/events/" + eventId + "/runs -> run "
                 + runId + "; GET /v1/runs/" + runId + " -> " + run.path("status").asText() + " output "
                 + run.path("output"));

        String slowRun
                = runOf(rest("POST", "/e/unused", "{\"name\":\"acc/slow\",\"data\":{\"key\":\"" + unique("gw-rest") + "\"}}")
                        .path("ids").get(0).asText());
        JsonNode cancel = rest("POST", "/v1/runs/" + slowRun + "/cancel", null);
        JsonNode cancelled = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                () -> rest("GET", "/v1/runs/" + slowRun, null).path("data"),
                r -> r.path("status").asText().equals("Cancelled"));
        LOG.info("REST flow: POST /v1/runs/" + slowRun + "/cancel -> " + cancel + "; GET /v1/runs/" + slowRun
                 + " -> " + cancelled.path("status").asText());

        JsonNode functions = rest("GET", "/v1/functions", null).path("data");
        assertThat(functions.findValuesAsText("id")).contains("ship-order", "slow-job", "always-fails", "await-approval");

        String invokedOrder = unique("gw-invoke");
        String invoked = rest("POST", "/v1/apps/test-app/functions/ship-order/invoke",
                "{\"data\":{\"order\":\"" + invokedOrder + "\"}}").path("data").path("run_id").asText();
        JsonNode invokedRun = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                () -> rest("GET", "/v1/runs/" + invoked, null).path("data"),
                r -> r.path("status").asText().equals("Completed"));
        assertThat(invokedRun.path("output").path("tracking").asText()).isEqualTo("TRK-" + invokedOrder);
        String rerun = rest("POST", "/v1/runs/" + invoked + "/rerun", null).path("data").path("run_id").asText();
        assertThat(rerun).isNotEqualTo(invoked).hasSize(26);
        LOG.info("REST flow: GET /v1/functions -> " + functions.findValuesAsText("id") + "; invoke ship-order -> run "
                 + invoked + " output " + invokedRun.path("output") + "; rerun -> run " + rerun);

        HttpResponse<String> unknown = send("GET", "/v1/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        LOG.info(
                "REST flow: GET /v1/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ -> " + unknown.statusCode() + " " + unknown.body());
    }

    @Test
    void theJobsOfAnUnknownRunAreNotFoundLikeTheRun() throws Exception {
        String unknown = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";

        HttpResponse<String> jobs = send("GET", "/v1/runs/" + unknown + "/jobs", null);
        HttpResponse<String> run = send("GET", "/v1/runs/" + unknown, null);

        assertThat(run.statusCode()).as(run.body()).isEqualTo(404);
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(404);
        assertThat(GatewayTestSupport.JSON.readTree(jobs.body()).path("error").asText()).isEqualTo("not_found");
        GatewayTestSupport.gateway = gateway;
        try (McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN)) {
            client.initialize();
            CallToolResult result = client.callTool(new CallToolRequest("listrunjobs", Map.of("runId", unknown)));
            assertThat(result.isError()).isTrue();
            assertThat(GatewayTestSupport.JSON.valueToTree(result.structuredContent()).path("status").asInt()).isEqualTo(404);
        }
    }

    private String runOf(String eventId) {
        return await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                () -> rest("GET", "/v1/events/" + eventId + "/runs", null).path("data").findValuesAsText("run_id"),
                ids -> !ids.isEmpty()).get(0);
    }

    private static JsonNode rest(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return GatewayTestSupport.JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.restUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).build();
        return GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // MCP, Java SDK client

    @Test
    void mcpFlowWithTheJavaSdkClient() throws Exception {
        GatewayTestSupport.gateway = gateway;
        try (McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN)) {
            client.initialize();
            assertThat(client.listTools().tools()).hasSize(GatewayOperation.values().length);

            String order = unique("gw-mcp");
            String eventId = tool(client, "sendevents", Map.of("eventKey", "unused",
                    "events", List.of(Map.of("name", "shop/order.paid", "data", Map.of("order", order))))).path("ids").get(0)
                    .asText();
            String runId = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "listeventruns", Map.of("eventId", eventId)).path("data").findValuesAsText("run_id"),
                    ids -> !ids.isEmpty()).get(0);
            JsonNode run = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "getrun", Map.of("runId", runId)).path("data"),
                    r -> r.path("status").asText().equals("Completed"));
            assertThat(run.path("output").path("tracking").asText()).isEqualTo("TRK-" + order);
            LOG.info("MCP flow (Java SDK): sendevents -> event " + eventId + "; listeventruns -> run " + runId
                     + "; getrun -> " + run.path("status").asText() + " output " + run.path("output"));

            String slowEvent = tool(client, "sendevents", Map.of("eventKey", "unused",
                    "events", List.of(Map.of("name", "acc/slow", "data", Map.of("key", unique("gw-mcp")))))).path("ids").get(0)
                    .asText();
            String slowRun = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "listeventruns", Map.of("eventId", slowEvent)).path("data").findValuesAsText("run_id"),
                    ids -> !ids.isEmpty()).get(0);
            JsonNode cancel = tool(client, "cancelrun", Map.of("runId", slowRun));
            JsonNode cancelled = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "getrun", Map.of("runId", slowRun)).path("data"),
                    r -> r.path("status").asText().equals("Cancelled"));
            LOG.info("MCP flow (Java SDK): cancelrun " + slowRun + " -> " + cancel + "; getrun -> "
                     + cancelled.path("status").asText());

            // a run waiting for a signal, resumed through sendsignal
            String key = unique("gw-sig");
            String waitingEvent = tool(client, "sendevents", Map.of("eventKey", "unused",
                    "events", List.of(Map.of("name", "acc/approval", "data", Map.of("key", key))))).path("ids").get(0).asText();
            String waitingRun = await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "listeventruns", Map.of("eventId", waitingEvent)).path("data")
                            .findValuesAsText("run_id"),
                    ids -> !ids.isEmpty()).get(0);
            String resumed = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).until(() -> {
                CallToolResult result = client.callTool(new CallToolRequest(
                        "sendsignal",
                        Map.of("signal", "approve-" + key, "data", Map.of("by", "gateway-live"))));
                // until the run has reached its wait, nobody waits for the signal (404)
                return Boolean.TRUE.equals(result.isError())
                        ? null
                        : GatewayTestSupport.JSON.valueToTree(result.structuredContent()).path("data").path("run_id").asText();
            }, id -> id != null);
            assertThat(resumed).isEqualTo(waitingRun);
            JsonNode approved = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(
                    () -> tool(client, "getrun", Map.of("runId", waitingRun)).path("data"),
                    r -> r.path("status").asText().equals("Completed"));
            assertThat(approved.path("output").path("by").asText()).isEqualTo("gateway-live");
            LOG.info("MCP flow (Java SDK): sendsignal approve-" + key + " -> run " + resumed + "; getrun -> "
                     + approved.path("status").asText() + " output " + approved.path("output"));

            CallToolResult failed
                    = client.callTool(new CallToolRequest("getrun", Map.of("runId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ")));
            assertThat(failed.isError()).isTrue();
            LOG.info("MCP flow (Java SDK): getrun 01ZZZZZZZZZZZZZZZZZZZZZZZZ -> isError "
                     + ((TextContent) failed.content().get(0)).text());
        }
    }

    private static JsonNode tool(McpSyncClient client, String name, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(name, arguments));
        assertThat(result.isError()).as(name + ": " + result.content()).isNotEqualTo(Boolean.TRUE);
        return GatewayTestSupport.JSON.valueToTree(result.structuredContent());
    }

    // ---------------------------------------------------------------------------------------------------------
    // MCP, the official TypeScript SDK client

    @Test
    void mcpFlowWithTheTypeScriptSdkClient() throws Exception {
        File dir = new File("src/test/node");
        if (!new File(dir, "node_modules/@modelcontextprotocol/sdk").isDirectory()) {
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(dir)
                    .redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(install.exitValue()).as(log).isZero();
        }
        Path errors = Files.createTempFile("gateway-flow", ".err");
        ProcessBuilder builder = new ProcessBuilder("node", "gateway-flow.mjs").directory(dir)
                .redirectError(errors.toFile());
        builder.environment().put("GATEWAY_MCP_URL", gateway.mcpUrl());
        builder.environment().put("INNGEST_GATEWAY_TOKEN", TOKEN);
        String order = unique("gw-node");
        builder.environment().put("ORDER", order);
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(node.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out + "\n" + Files.readString(errors)).isZero();

        JsonNode seen = GatewayTestSupport.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(seen.path("tools")).hasSize(GatewayOperation.values().length);
        assertThat(seen.path("getrunHints").path("readOnlyHint").asBoolean()).isTrue();
        assertThat(seen.path("output").path("tracking").asText()).isEqualTo("TRK-" + order);
        assertThat(seen.path("cancelled").path("status").asText()).isEqualTo("Cancelled");
        assertThat(seen.path("errorCall").path("isError").asBoolean()).isTrue();
        LOG.info("MCP flow (TypeScript SDK, node gateway-flow.mjs): " + out);
        Files.deleteIfExists(errors);
    }
}
