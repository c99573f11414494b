package io.camelinngest.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A function run (v1 {@code GET /v1/runs/{runId}} and {@code GET /v1/events/{internalId}/runs}).
 *
 * @param runId           the run ID (a ULID)
 * @param runStartedAt    when the run started
 * @param functionId      the function's internal UUID ({@link InngestFunction#internalId()})
 * @param functionVersion the function version (0 on the Dev Server)
 * @param environmentId   the environment UUID
 * @param eventId         the internal ID of the triggering event (all zeros when there is none)
 * @param batchId         the batch ID when the run came from an event batch, else {@code null}
 * @param originalRunId   the original run when this run is a replay or rerun, else {@code null}
 * @param cron            the cron expression when cron-triggered, else {@code null}
 * @param status          the run status
 * @param endedAt         when the run ended, {@code null} while it has not
 * @param output          the run's output as plain JSON values (map, list, string, number, boolean), when it has
 *                        one: the function's return value, or an error object for a failed run
 * @param queuedAt        when the run was queued: read from the v2 API only ({@code null} from v1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionRun(
        @JsonProperty("run_id") String runId,
        @JsonProperty("run_started_at") OffsetDateTime runStartedAt,
        @JsonProperty("function_id") String functionId,
        @JsonProperty("function_version") Integer functionVersion,
        @JsonProperty("environment_id") String environmentId,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("original_run_id") String originalRunId,
        @JsonProperty("cron") String cron,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("ended_at") OffsetDateTime endedAt,
        @JsonProperty("output") Object output,
        @JsonProperty("queued_at") OffsetDateTime queuedAt) {

    /** Whether the run has ended (its status is terminal). Not a field of the API's JSON. */
    @JsonIgnore
    public boolean isEnded() {
        return status != null && status.isTerminal();
    }
}
