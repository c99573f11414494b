package io.camelinngest.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event to send. Only {@code name} is required.
 *
 * @param name the event name, e.g. {@code shop/order.created}; must not start with {@code inngest/}
 * @param data the payload (a JSON object)
 * @param id   an idempotency ID: a second event with the same ID starts no new run of a function for 24 hours
 * @param ts   the event time in Unix milliseconds; the server uses the time of receipt when absent
 * @param v    a free-form schema version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewEvent(
        @JsonProperty("name") String name,
        @JsonProperty("data") Map<String, Object> data,
        @JsonProperty("id") String id,
        @JsonProperty("ts") Long ts,
        @JsonProperty("v") String v) {

    /** An event with a name and a payload. */
    public static NewEvent of(String name, Map<String, Object> data) {
        return new NewEvent(name, data, null, null, null);
    }
}
