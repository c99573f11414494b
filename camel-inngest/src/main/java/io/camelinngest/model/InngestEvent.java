package io.camelinngest.model;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event as stored by Inngest (v1 {@code GET /v1/events}, {@code GET /v1/events/{internalId}}).
 *
 * @param internalId    the event's internal ID (a ULID): the ID other operations take
 * @param accountId     the account UUID
 * @param environmentId the environment UUID
 * @param source        how the event arrived ({@code key}, a webhook, ...; empty on the Dev Server)
 * @param sourceId      the UUID of the event key or webhook, or {@code null}
 * @param receivedAt    when the server stored the event
 * @param id            the sender's idempotency ID (defaults to the internal ID)
 * @param name          the event name
 * @param data          the event payload
 * @param user          the deprecated user object, or {@code null}
 * @param ts            the event timestamp in Unix milliseconds
 * @param v             the sender's schema version, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InngestEvent(
        @JsonProperty("internal_id") String internalId,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("environment_id") String environmentId,
        @JsonProperty("source") String source,
        @JsonProperty("source_id") String sourceId,
        @JsonProperty("received_at") OffsetDateTime receivedAt,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("data") Map<String, Object> data,
        @JsonProperty("user") Map<String, Object> user,
        @JsonProperty("ts") Long ts,
        @JsonProperty("v") String v) {
}
