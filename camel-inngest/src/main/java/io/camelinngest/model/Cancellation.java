package io.camelinngest.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A bulk cancellation (Inngest Cloud only: {@code /v1/cancellations}).
 *
 * @param id                 the cancellation ID (a ULID)
 * @param createdAt          when it was created
 * @param accountId          the account UUID
 * @param environmentId      the environment UUID
 * @param appId              the app ID
 * @param functionInternalId the function's internal UUID
 * @param functionId         the function ID (slug)
 * @param startedAfter       runs started after this time are cancelled, or {@code null}
 * @param startedBefore      runs started before this time are cancelled
 * @param condition          the CEL expression ({@code if}) a run must match, or {@code null}
 * @param kind               the kind, {@code bulk_run}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cancellation(
        @JsonProperty("id") String id,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("environment_id") String environmentId,
        @JsonProperty("app_id") String appId,
        @JsonProperty("function_internal_id") String functionInternalId,
        @JsonProperty("function_id") String functionId,
        @JsonProperty("started_after") OffsetDateTime startedAfter,
        @JsonProperty("started_before") OffsetDateTime startedBefore,
        @JsonProperty("if") String condition,
        @JsonProperty("kind") String kind) {
}
