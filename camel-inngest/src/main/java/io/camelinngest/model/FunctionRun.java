package io.camelinngest.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A function run, as {@code getRun}, {@code listEventRuns}, the run watcher and the {@code runStatus} consumer deliver
 * it. The component reads runs through the v2 API ({@code GET /v2/runs/{runId}?includeOutput=true},
 * {@code GET /v2/events/{internalId}/runs}), the only one that carries a completed run's output; against a server
 * without v2 it reads the v1 API ({@code GET /v1/runs/{runId}}, {@code GET /v1/events/{internalId}/runs}), which fills
 * the v1-only fields but has no output for completed runs. The JSON names are the v1 API's.
 *
 * @param runId           the run ID (a ULID)
 * @param runStartedAt    when the run started
 * @param functionId      from v2: the function's ID within its app, as the SDK declares it (e.g. {@code ship-order});
 *                        from v1: the function's internal UUID ({@link InngestFunction#internalId()})
 * @param functionVersion the function version (v1 only; 0 on the Dev Server)
 * @param environmentId   the environment UUID (v1 only)
 * @param eventId         the internal ID of the triggering event (v1: all zeros when there is none; v2: the first of
 *                        the trigger's events, {@code null} when there is none)
 * @param batchId         the batch ID when the run came from an event batch, else {@code null}
 * @param originalRunId   the original run when this run is a replay or rerun, else {@code null}
 * @param cron            the cron expression when cron-triggered, else {@code null}
 * @param status          the run status
 * @param endedAt         when the run ended, {@code null} while it has not
 * @param output          the run's output as plain JSON values (map, list, string, number, boolean), when it has one:
 *                        the function's return value, or an error object for a failed run. {@code null} while the run
 *                        has not ended, and from a v1-only server for a completed run (v1 has no output)
 * @param queuedAt        when the run was queued (v2 only)
 * @param appId           the ID of the app the function belongs to (v2 only), e.g. {@code test-app}
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
        @JsonProperty("queued_at") OffsetDateTime queuedAt,
        @JsonProperty("app_id") String appId) {

    /** Whether the run has ended (its status is terminal). Not a field of the API's JSON. */
    @JsonIgnore
    public boolean isEnded() {
        return status != null && status.isTerminal();
    }
}
