package io.camelinngest.client;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.model.Cancellation;
import io.camelinngest.model.CancellationRequest;

import static io.camelinngest.client.ApiSupport.bytes;
import static io.camelinngest.client.ApiSupport.data;
import static io.camelinngest.client.ApiSupport.object;
import static io.camelinngest.client.ApiSupport.requireText;
import static io.camelinngest.client.ApiSupport.requireUlid;
import static io.camelinngest.client.ApiSupport.uri;

/** The bulk cancellations area (Inngest Cloud only): creating, listing and deleting them. */
final class CancellationsApi {

    private final ApiCalls calls;

    CancellationsApi(ApiCalls calls) {
        this.calls = calls;
    }

    /** Creates a bulk cancellation ({@code POST /v1/cancellations}; Inngest Cloud only). */
    public Cancellation createCancellation(CancellationRequest request) {
        Objects.requireNonNull(request, "request");
        requireText(request.appId(), "appId");
        requireText(request.functionId(), "functionId");
        if (request.startedBefore() == null) {
            throw new IllegalArgumentException("startedBefore is required: runs started before it are cancelled");
        }
        if (request.startedAfter() != null && !request.startedAfter().isBefore(request.startedBefore())) {
            throw new IllegalArgumentException("createCancellation: started_after must be before started_before");
        }
        calls.requireSigningKey("createCancellation");
        JsonNode json
                = calls.exchange(Request.post("createCancellation", uri(calls.config().apiBaseUrl(), "v1", "cancellations"),
                        bytes(InngestJson.mapper().valueToTree(request)))).throwIfFailed();
        return object("createCancellation", data("createCancellation", json), Cancellation.class);
    }

    /** Lists bulk cancellations ({@code GET /v1/cancellations}; Inngest Cloud only). */
    public List<Cancellation> listCancellations() {
        return calls.getList("listCancellations", uri(calls.config().apiBaseUrl(), "v1", "cancellations"),
                Cancellation.class);
    }

    /** Deletes a bulk cancellation ({@code DELETE /v1/cancellations/{id}}; Inngest Cloud only). */
    public void deleteCancellation(String cancellationId) {
        requireUlid(cancellationId, "cancellationId");
        calls.delete("deleteCancellation", uri(calls.config().apiBaseUrl(), "v1", "cancellations", cancellationId));
    }
}
