package io.camelinngest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.camelinngest.client.ApiSupport.bytes;
import static io.camelinngest.client.ApiSupport.data;
import static io.camelinngest.client.ApiSupport.requireText;
import static io.camelinngest.client.ApiSupport.uri;

/** The signals area: resuming a run that waits for a signal. */
final class SignalsApi {

    private final ApiCalls calls;

    SignalsApi(ApiCalls calls) {
        this.calls = calls;
    }

    /**
     * Resumes the run waiting for a signal ({@code POST /v1/signals}).
     *
     * @return the ID of the run that was resumed
     */
    public String sendSignal(String signal, Object data) {
        requireText(signal, "signal");
        calls.requireSigningKey("sendSignal");
        ObjectNode body = InngestJson.mapper().createObjectNode();
        body.put("signal", signal);
        body.set("data", InngestJson.mapper().valueToTree(data));
        JsonNode json
                = calls.exchange(Request.post("sendSignal", uri(calls.config().apiBaseUrl(), "v1", "signals"), bytes(body)))
                        .throwIfFailed();
        return data("sendSignal", json).path("run_id").asText(null);
    }
}
