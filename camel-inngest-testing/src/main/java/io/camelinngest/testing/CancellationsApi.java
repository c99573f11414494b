package io.camelinngest.testing;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static io.camelinngest.testing.Responses.json;

/**
 * Bulk cancellations ({@code /v1/cancellations}, {@code /v1/cancellations/{id}}) are Inngest Cloud only: the Dev Server
 * answers 500 with an empty body, after checking that a new cancellation's {@code started_before} lies in the past.
 */
final class CancellationsApi {

    private final FakeState state;

    CancellationsApi(FakeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.route("POST", "/v1/cancellations", this::create)
                .route("GET", "/v1/cancellations", request -> Responses.empty(500))
                .route(Router.ANY, "/v1/cancellations", request -> Responses.emptyJson(500))
                .route("GET", "/v1/cancellations/{id}", request -> Responses.empty(500))
                .route(Router.ANY, "/v1/cancellations/{id}", request -> Responses.emptyJson(500));
    }

    private ResponseDefinition create(FakeRequest request) {
        try {
            JsonNode body = request.json();
            String before = body.path("started_before").asText("");
            if (!before.isEmpty() && OffsetDateTime.parse(before).toInstant().isAfter(state.now())) {
                return json(400, FakeJson.v1Error(400, "started_before must be in the past"));
            }
        } catch (Exception e) {
            return json(400, FakeJson.v1Error(400, "Invalid request body"));
        }
        return Responses.emptyJson(500);
    }
}
