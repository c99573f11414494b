package io.camelinngest.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST adapter's run, function, signal, invoke and rerun paths against the fake Inngest, with responses recorded
 * from a real Dev Server where the fake serves none; and how Inngest's failures come out.
 */
class RestRunsTest extends GatewayTestSupport {

    private static final String UNKNOWN = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";

    private StoredRun run(String status, Object output) {
        Instant started = Instant.now().minusSeconds(5);
        StoredEvent event = inngest.fake().addEvent("shop/order.paid", started, Map.of("order", "42"));
        return inngest.fake().putRun(new StoredRun(
                Ulids.at(started), event.internalId(), "ship-order", "test-app", status,
                started, "Running".equals(status) ? null : started.plusSeconds(1), output));
    }

    @Test
    void listsTheRunsAnEventStarted() throws Exception {
        StoredRun run = run("Completed", Map.of("shipped", true, "tracking", "TRK-42"));

        HttpResponse<String> response = get("/v1/events/" + run.eventId() + "/runs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).path("run_id").asText()).isEqualTo(run.runId());
        assertThat(data.get(0).path("status").asText()).isEqualTo("Completed");
    }

    @Test
    void getsARunWithItsOutput() throws Exception {
        StoredRun run = run("Completed", Map.of("shipped", true, "tracking", "TRK-42"));

        HttpResponse<String> response = get("/v1/runs/" + run.runId());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data.path("run_id").asText()).isEqualTo(run.runId());
        assertThat(data.path("status").asText()).isEqualTo("Completed");
        assertThat(data.path("output").path("tracking").asText()).isEqualTo("TRK-42");
    }

    @Test
    void anUnknownRunIsNotFoundAndAMalformedIdIsRefused() throws Exception {
        HttpResponse<String> unknown = get("/v1/runs/" + UNKNOWN);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("not_found");
        assertThat(json(unknown).path("message").asText()).contains(UNKNOWN);
        int before = requestsToInngest();

        for (String path : new String[] {
                "/v1/runs/nope", "/v1/runs/nope/jobs", "/v1/runs/nope/cancel", "/v1/runs/nope/rerun" }) {
            HttpResponse<String> malformed = path.endsWith("cancel") || path.endsWith("rerun") ? post(path, null) : get(path);
            assertThat(malformed.statusCode()).as(path).isEqualTo(400);
            assertThat(json(malformed).path("parameter").asText()).as(path).isEqualTo("runId");
        }
        assertThat(requestsToInngest()).isEqualTo(before);
    }

    @Test
    void theJobsOfAnUnknownRunAreNotFoundLikeTheRun() throws Exception {
        // a Dev Server answers them with HTTP 200 and {"status":500,"error":"Unable to load function run: ..."}
        serve("listRunJobs-unknown");

        HttpResponse<String> response = get("/v1/runs/" + UNKNOWN + "/jobs");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(json(response).path("message").asText()).contains(UNKNOWN);
    }

    @Test
    void listsTheJobsOfARun() throws Exception {
        serve("listRunJobs-completed");

        HttpResponse<String> response = get("/v1/runs/01M8T01D08W9PB4VKVN3ZRQNA0/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").isArray()).isTrue();
    }

    @Test
    void cancelMapsToInngestsDelete() throws Exception {
        StoredRun run = run("Running", null);

        HttpResponse<String> response = post("/v1/runs/" + run.runId() + "/cancel", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("run_id").asText()).isEqualTo(run.runId());
        inngest.wireMock().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/runs/" + run.runId())));
        assertThat(inngest.fake().run(run.runId()).status()).isEqualTo("Cancelled");
    }

    @Test
    void cancellingAnUnknownRunIsNotFound() throws Exception {
        HttpResponse<String> response = post("/v1/runs/" + UNKNOWN + "/cancel", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("operation").asText()).isEqualTo("cancelRun");
    }

    @Test
    void listsTheFunctionsOfAllApps() throws Exception {
        serve("v2-apps");
        serve("v2-app-functions");

        HttpResponse<String> response = get("/v1/functions");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data).hasSize(4);
        assertThat(data.findValuesAsText("id")).contains("ship-order", "slow-job", "always-fails", "await-approval");
        assertThat(data.get(0).path("appId").asText()).isEqualTo("test-app");
    }

    @Test
    void sendsASignal() throws Exception {
        serve("sendSignal");

        HttpResponse<String> response = post("/v1/signals", "{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("run_id").asText()).isEqualTo("01M8T01YWF4FPGVRNZHGQ5A4KV");
        inngest.wireMock().verify(postRequestedFor(urlPathEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}")));
    }

    @Test
    void aSignalNobodyWaitsForIsNotFound() throws Exception {
        serve("sendSignal-nobody-waits");

        HttpResponse<String> response = post("/v1/signals", "{\"signal\":\"approve-nobody\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("operation").asText()).isEqualTo("sendSignal");
    }

    @Test
    void aSignalWithoutItsNameOrWithAnUnknownFieldIsRefused() throws Exception {
        HttpResponse<String> noName = post("/v1/signals", "{\"data\":{}}");
        HttpResponse<String> misspelt = post("/v1/signals", "{\"signal\":\"s\",\"dta\":{}}");
        HttpResponse<String> notAnObject = post("/v1/signals", "[\"s\"]");

        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(noName).path("parameter").asText()).isEqualTo("signal");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(json(misspelt).path("parameter").asText()).isEqualTo("dta");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(json(notAnObject).path("parameter").asText()).isEqualTo("body");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void invokesAFunction() throws Exception {
        serve("v2-invokeFunction");

        HttpResponse<String> response = post("/v1/apps/test-app/functions/ship-order/invoke",
                "{\"data\":{\"order\":\"77\"},\"idempotencyKey\":\"order-77\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("run_id").asText()).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
        inngest.wireMock().verify(postRequestedFor(urlPathEqualTo("/v2/apps/test-app/functions/ship-order/invoke"))
                .withRequestBody(equalToJson("{\"data\":{\"order\":\"77\"},\"idempotencyKey\":\"order-77\"}", true, true)));
    }

    @Test
    void invokingAnUnknownFunctionIsNotFound() throws Exception {
        serve("v2-invokeFunction-unknown");

        HttpResponse<String> response = post("/v1/apps/test-app/functions/no-such-fn/invoke", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).contains("no-such-fn");
    }

    @Test
    void rerunsARun() throws Exception {
        serve("v2-rerun");

        HttpResponse<String> response = post("/v1/runs/01M8T01D08W9PB4VKVN3ZRQNA0/rerun", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("run_id").asText()).isEqualTo("01M8T026XEC239HSPXW2162X3T");
    }

    @Test
    void rerunningAnUnknownRunIsNotFound() throws Exception {
        serve("v2-rerun-unknown");

        HttpResponse<String> response = post("/v1/runs/" + UNKNOWN + "/rerun", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).contains(UNKNOWN);
    }

    @Test
    void anInngestServerErrorIsABadGatewayAfterTheComponentsRetries() throws Exception {
        stub(inngest.wireMock().stubFor(any(urlPathMatching("/v1/events.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"boom\",\"status\":500}"))));

        HttpResponse<String> response = get("/v1/events");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("inngest_error");
        assertThat(json(response).path("inngest_status").asInt()).isEqualTo(500);
        // a read is repeated by the component (maxRetries 3) before it gives up
        assertThat(requestsToInngest()).isEqualTo(4);
    }

    @Test
    void anInngestThatDoesNotAnswerInTimeIsAGatewayTimeout() throws Exception {
        stub(inngest.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/v1/events.*")).atPriority(1)
                        .willReturn(aResponse().withFixedDelay(3000).withStatus(200))));

        HttpResponse<String> response = get("/v1/events?limit=1");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("error").asText()).isEqualTo("inngest_timeout");
    }

    @Test
    void anUnknownPathIsAJsonNotFoundAndAWrongMethodA405() throws Exception {
        HttpResponse<String> path = get("/v1/nothing-here");
        HttpResponse<String> method = get("/v1/runs/" + UNKNOWN + "/cancel");
        HttpResponse<String> openApi = post(RestRoutes.OPENAPI_PATH, "{}");

        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(json(path).path("error").asText()).isEqualTo("unknown_path");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(method).path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(json(method).path("message").asText()).contains("GET /v1/runs/");
        assertThat(openApi.statusCode()).isEqualTo(405);
        assertThat(openApi.headers().firstValue("Allow")).hasValue("GET");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void theOpenApiDocumentListsEveryPath() throws Exception {
        HttpResponse<String> response = get(RestRoutes.OPENAPI_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).path("paths");
        for (GatewayOperation operation : GatewayOperation.values()) {
            JsonNode path = paths.path(operation.path()).path(operation.method().toLowerCase());
            assertThat(path.isMissingNode()).as(operation.path()).isFalse();
            assertThat(path.path("summary").asText() + path.path("description").asText()).as(operation.path())
                    .contains(operation.description());
        }
        assertThat(paths.path("/v1/events").path("get").path("parameters").findValuesAsText("name"))
                .containsExactly("name", "limit");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void aSlowRunIsStillRunningWhenRead() throws Exception {
        inngest.fake().onEvent("acc/slow", "test-app", "slow-job", Duration.ofMinutes(10), data -> Map.of());
        String eventId = json(post("/e/k", "{\"name\":\"acc/slow\"}")).path("ids").get(0).asText();

        JsonNode runs = json(get("/v1/events/" + eventId + "/runs")).path("data");

        assertThat(runs).hasSize(1);
        assertThat(json(get("/v1/runs/" + runs.get(0).path("run_id").asText())).path("data").path("status").asText())
                .isEqualTo("Running");
    }
}
