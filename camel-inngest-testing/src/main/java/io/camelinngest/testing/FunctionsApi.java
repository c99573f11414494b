package io.camelinngest.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static io.camelinngest.testing.Responses.json;

/**
 * Apps and functions: {@code GET /v1/apps/{appId}/functions}, {@code GET /v2/apps},
 * {@code GET /v2/apps/{appId}/functions} and {@code POST /v2/apps/{appId}/functions/{functionId}/invoke}, which starts
 * a run without an event.
 */
final class FunctionsApi {

    /** How long the Dev Server answers a reused idempotency key of invoke with 200 before it says 409 (seen live). */
    private static final Duration REUSED_KEY_STILL_OK = Duration.ofMillis(200);

    private final FakeState state;

    FunctionsApi(FakeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.route("GET", "/v1/apps/{appId}/functions", this::listV1)
                .route("GET", "/v2/apps", this::apps)
                .route("GET", "/v2/apps/{appId}/functions", this::listV2)
                .route("POST", "/v2/apps/{appId}/functions/{functionId}/invoke", this::invoke);
    }

    private ResponseDefinition listV1(FakeRequest request) {
        String appId = request.path("appId");
        ArrayNode list = FakeJson.MAPPER.createArrayNode();
        state.functionsOf(appId).forEach((fn, t) -> list.add(FakeJson.v1Function(appId, fn, state.eventsOf(appId, fn),
                t.registeredAt())));
        return json(200, list.toString());
    }

    private ResponseDefinition apps(FakeRequest request) {
        List<ObjectNode> apps = state.appIds().stream()
                .map(app -> {
                    Map<String, FakeState.Trigger> functions = state.functionsOf(app);
                    return FakeJson.v2App(app, functions.size(), functions.values().iterator().next().registeredAt());
                })
                .toList();
        return json(200, FakeJson.v2(apps, state.now(), 20));
    }

    private ResponseDefinition listV2(FakeRequest request) {
        String appId = request.path("appId");
        List<ObjectNode> functions = state.functionsOf(appId).keySet().stream()
                .map(fn -> FakeJson.v2Function(appId, fn, state.eventsOf(appId, fn))).toList();
        return json(200, FakeJson.v2(functions, state.now(), 20));
    }

    /**
     * Starts a run with the body's {@code data}. An {@code idempotencyKey} already used answers the same run: with 200
     * within 200 ms of the first call, then with 409 Conflict naming that run, as the Dev Server does.
     */
    private ResponseDefinition invoke(FakeRequest request) {
        FakeState.Trigger trigger = state.trigger(request.path("appId"), request.path("functionId"));
        if (trigger == null) {
            return json(404, FakeJson.v2Error("not_found", "Function not found"));
        }
        JsonNode body;
        try {
            String text = request.body();
            body = text == null || text.isBlank() ? FakeJson.MAPPER.createObjectNode() : request.json();
        } catch (Exception e) {
            return json(400, FakeJson.v2Error("invalid_request", "Invalid request body"));
        }
        Instant now = state.now();
        FakeState.Invocation invocation = state.invoke(trigger, FakeRequest.objectField(body, "data"),
                body.path("idempotencyKey").asText(""));
        int status = Duration.between(invocation.at(), now).compareTo(REUSED_KEY_STILL_OK) < 0 ? 200 : 409;
        return json(status, FakeJson.v2(Map.of("runId", invocation.runId()), now, null));
    }
}
