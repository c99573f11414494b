package io.camelinngest.model;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A function synced to Inngest ({@code GET /v1/apps/{appId}/functions}).
 *
 * @param internalId the function's internal UUID (what runs report as {@code function_id})
 * @param envId      the environment UUID
 * @param appId      the app's internal UUID
 * @param id         the function slug, {@code <appId>-<functionId>}
 * @param name       the display name
 * @param config     the function configuration as synced (triggers, concurrency, ...)
 * @param createdAt  when the function was first synced
 * @param archivedAt when it was archived; Go's zero time ({@code 0001-01-01T00:00:00Z}) for active functions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InngestFunction(
        @JsonProperty("internal_id") String internalId,
        @JsonProperty("env_id") String envId,
        @JsonProperty("app_id") String appId,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("archived_at") OffsetDateTime archivedAt) {
}
