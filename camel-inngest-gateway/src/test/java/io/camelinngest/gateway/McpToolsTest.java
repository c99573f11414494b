package io.camelinngest.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every tool called with the official MCP Java SDK client against the fake Inngest (and recorded Dev Server answers
 * where the fake has none): results as structured JSON and the same JSON as text; failures as tool errors.
 */
class McpToolsTest extends GatewayTestSupport {

    private McpSyncClient client;

    @BeforeEach
    void connect() {
        client = mcpClient("Bearer " + TOKEN);
        client.initialize();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    /** The structured result, checked to be the same JSON as the text. */
    private static JsonNode ok(CallToolResult result) throws Exception {
        assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
        JsonNode structured = JSON.valueToTree(result.structuredContent());
        assertThat(JSON.readTree(text(result))).isEqualTo(structured);
        return structured;
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private StoredRun run(String status, Object output) {
        Instant started = Instant.now().minusSeconds(5);
        StoredEvent event = inngest.fake().addEvent("shop/order.paid", started, Map.of("order", "9"));
        return inngest.fake().putRun(new StoredRun(
                Ulids.at(started), event.internalId(), "ship-order", "test-app", status,
                started, "Running".equals(status) ? null : started.plusSeconds(1), output));
    }

    @Test
    void sendevents() throws Exception {
        JsonNode result = ok(call("sendevents", Map.of("eventKey", "any",
                "events", List.of(Map.of("name", "shop/order.paid", "data", Map.of("order", "m1"))))));

        assertThat(result.path("ids")).hasSize(1);
        assertThat(inngest.fake().events()).singleElement().satisfies(e -> {
            assertThat(e.internalId()).isEqualTo(result.path("ids").get(0).asText());
            assertThat(e.data()).containsEntry("order", "m1");
        });
    }

    @Test
    void listeventsAndGetevent() throws Exception {
        StoredEvent event = inngest.fake().addEvent("shop/order.paid", Instant.now(), Map.of("order", "m2"));

        JsonNode list = ok(call("listevents", Map.of("name", "shop/order.paid", "limit", 5)));
        JsonNode one = ok(call("getevent", Map.of("eventId", event.internalId())));

        assertThat(list.path("data")).hasSize(1);
        assertThat(list.path("data").get(0).path("internal_id").asText()).isEqualTo(event.internalId());
        assertThat(one.path("data").path("data").path("order").asText()).isEqualTo("m2");
    }

    @Test
    void listeventrunsGetrunAndCancelrun() throws Exception {
        StoredRun done = run("Completed", Map.of("tracking", "TRK-9"));
        StoredRun running = run("Running", null);

        JsonNode runs = ok(call("listeventruns", Map.of("eventId", done.eventId())));
        JsonNode got = ok(call("getrun", Map.of("runId", done.runId())));
        JsonNode cancelled = ok(call("cancelrun", Map.of("runId", running.runId())));

        assertThat(runs.path("data").findValuesAsText("run_id")).containsExactly(done.runId());
        assertThat(got.path("data").path("output").path("tracking").asText()).isEqualTo("TRK-9");
        assertThat(cancelled.path("data").path("run_id").asText()).isEqualTo(running.runId());
        inngest.wireMock().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/runs/" + running.runId())));
    }

    @Test
    void listrunjobsAndListfunctions() throws Exception {
        serve("listRunJobs-completed");
        serve("v2-apps");
        serve("v2-app-functions");

        JsonNode jobs = ok(call("listrunjobs", Map.of("runId", "01M8T01D08W9PB4VKVN3ZRQNA0")));
        JsonNode functions = ok(call("listfunctions", Map.of()));

        assertThat(jobs.path("data").isArray()).isTrue();
        assertThat(functions.path("data").findValuesAsText("id")).containsExactlyInAnyOrder("ship-order", "slow-job",
                "always-fails", "await-approval");
    }

    @Test
    void sendsignalInvokefunctionAndRerunrun() throws Exception {
        serve("sendSignal");
        serve("v2-invokeFunction");
        serve("v2-rerun");

        JsonNode signal = ok(call("sendsignal", Map.of("signal", "approve-k7", "data", Map.of("by", "ops"))));
        JsonNode invoked = ok(call("invokefunction", Map.of("appId", "test-app", "functionId", "ship-order",
                "data", Map.of("order", "77"), "idempotencyKey", "order-77")));
        JsonNode rerun = ok(call("rerunrun", Map.of("runId", "01M8T01D08W9PB4VKVN3ZRQNA0")));

        assertThat(signal.path("data").path("run_id").asText()).isEqualTo("01M8T01YWF4FPGVRNZHGQ5A4KV");
        assertThat(invoked.path("data").path("run_id").asText()).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
        assertThat(rerun.path("data").path("run_id").asText()).isEqualTo("01M8T026XEC239HSPXW2162X3T");
        inngest.wireMock().verify(postRequestedFor(urlPathEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}")));
    }

    @Test
    void anUnknownRunIsAToolErrorWithTheComponentsMessage() {
        CallToolResult result = call("getrun", Map.of("runId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("01ZZZZZZZZZZZZZZZZZZZZZZZZ").contains("not found");
        assertThat(JSON.valueToTree(result.structuredContent()).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheParameterAndNothingIsSent() {
        CallToolResult malformed = call("getevent", Map.of("eventId", "not-a-ulid"));
        CallToolResult missing = call("getrun", Map.of());
        CallToolResult misspelt = call("listevents", Map.of("nmae", "x"));
        CallToolResult badLimit = call("listevents", Map.of("limit", 500));

        assertThat(malformed.isError()).isTrue();
        assertThat(text(malformed)).contains("eventId").contains("ULID");
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("runId");
        assertThat(misspelt.isError()).isTrue();
        assertThat(text(misspelt)).contains("nmae");
        assertThat(badLimit.isError()).isTrue();
        assertThat(text(badLimit)).contains("limit");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void anUnknownToolIsAProtocolError() {
        // JSON-RPC "invalid params" (-32602); the SDK names the tool in the error's data
        assertThatThrownBy(() -> call("deleteeverything", Map.of())).isInstanceOfSatisfying(McpError.class, e -> {
            assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
            assertThat(String.valueOf(e.getJsonRpcError().data())).contains("deleteeverything");
        });
        assertThat(requestsToInngest()).isZero();
    }
}
