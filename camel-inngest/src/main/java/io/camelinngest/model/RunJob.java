package io.camelinngest.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A job (queue item) currently enqueued for a run ({@code GET /v1/runs/{runId}/jobs}). The server's internal
 * {@code Raw} queue item is deliberately not modelled: it is unstable.
 *
 * @param jobId    the queue item ID
 * @param at       when the job is due
 * @param position the rank in the function queue (0 when unknown)
 * @param kind     the job kind: {@code start}, {@code edge}, {@code sleep}, {@code pause}, ...
 * @param attempt  the 0-based attempt
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunJob(
        @JsonProperty("JobID") String jobId,
        @JsonProperty("at") OffsetDateTime at,
        @JsonProperty("position") Integer position,
        @JsonProperty("kind") String kind,
        @JsonProperty("attempt") Integer attempt) {
}
