package io.camelinngest.testing;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.camelinngest.testing.FakeInngest.StoredRun;

import static io.camelinngest.testing.Responses.json;

/** {@code POST /v1/signals}: resumes the run waiting for the signal; 404 when none waits. */
final class SignalsApi {

    private final FakeState state;

    SignalsApi(FakeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.route("POST", "/v1/signals", this::signal);
    }

    private ResponseDefinition signal(FakeRequest request) {
        JsonNode body;
        try {
            body = request.json();
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.path("signal").isTextual()) {
            return json(400, FakeJson.v1Error(400, "Invalid signal data"));
        }
        StoredRun run = state.signal(body.path("signal").asText(), FakeRequest.objectField(body, "data"));
        if (run == null) {
            return json(404, FakeJson.v1Error(404, "No signal found"));
        }
        return json(200, FakeJson.v1(Map.of("run_id", run.runId()), state.now(), null));
    }
}
