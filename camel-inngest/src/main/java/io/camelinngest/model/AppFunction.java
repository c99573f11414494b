package io.camelinngest.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A function as the v2 API lists it ({@code GET /v2/apps/{appId}/functions}), used when functions are listed across all
 * apps of an environment. Unlike {@link InngestFunction} it carries no internal UUIDs: the v2 API does not expose them.
 *
 * @param appId         the app ID the SDK was created with, e.g. {@code my-app}
 * @param id            the function ID within the app, e.g. {@code ship-order}
 * @param name          the display name
 * @param paused        whether the function is paused
 * @param archived      whether the function is archived
 * @param triggers      the triggers: each with {@code type} ({@code EVENT} or {@code CRON}), {@code value} (event name
 *                      or cron expression) and an optional {@code if} expression
 * @param configuration the parsed configuration (retries, concurrency, rateLimit, debounce, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppFunction(
        @JsonProperty("appId") String appId,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("paused") boolean paused,
        @JsonProperty("archived") boolean archived,
        @JsonProperty("triggers") List<Map<String, Object>> triggers,
        @JsonProperty("configuration") Map<String, Object> configuration) {

    /** The slug other APIs use for this function: {@code <appId>-<id>}. */
    public String slug() {
        return appId + "-" + id;
    }
}
