package io.camelinngest.gateway;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON shapes of the REST adapter, as the OpenAPI document describes them. Only documentation: the adapter reads
 * and writes JSON itself ({@link RestArguments}, {@link RestRoutes}).
 */
final class RestModels {

    private RestModels() {
    }

    /** One event of {@code POST /e/{eventKey}} (the body is one of these or an array of them). */
    record Event(@JsonProperty(required = true) String name, Map<String, Object> data, String id, Long ts) {
    }

    /** The body of {@code POST /v1/signals}. */
    record Signal(@JsonProperty(required = true) String signal, Map<String, Object> data) {
    }

    /** The body of {@code POST /v1/apps/{appId}/functions/{functionId}/invoke}. */
    record Invocation(Map<String, Object> data, String idempotencyKey) {
    }

    /** The answer of {@code POST /e/{eventKey}}, as Inngest's own. */
    record Sent(List<String> ids, int status) {
    }

    /** Every other answer: Inngest's envelope ({@code run_id} for the writes). */
    record Data(Object data) {
    }

    /** Every error, on both ports' JSON. */
    record Error(int status, String error, String message, String parameter, String operation,
            @JsonProperty("inngest_status") Integer inngestStatus) {
    }
}
