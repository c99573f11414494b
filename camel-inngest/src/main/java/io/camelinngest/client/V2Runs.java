package io.camelinngest.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;

/**
 * Reads v2 run objects (lowerCamelCase, statuses in capitals, zero values omitted) into {@link FunctionRun}, with the
 * model's status names ({@code COMPLETED} becomes {@link RunStatus#COMPLETED}, written {@code Completed}).
 */
final class V2Runs {

    private V2Runs() {
    }

    static FunctionRun toRun(String operation, JsonNode run) {
        JsonNode eventIds = run.path("trigger").path("eventIds");
        JsonNode output = run.get("output");
        OffsetDateTime startedAt = time(operation, run, "startedAt");
        OffsetDateTime endedAt = time(operation, run, "endedAt");
        OffsetDateTime queuedAt = time(operation, run, "queuedAt");
        RunStatus status = RunStatus.fromName(text(run, "status"));
        if (status != null && status.isTerminal() && endedAt == null) {
            // the Dev Server reports COMPLETED for up to a few hundred milliseconds before the run's end time and output
            // are stored: until its end time is there, the run has not ended as far as a reader can tell
            status = RunStatus.RUNNING;
        }
        return new FunctionRun(
                text(run, "id"),
                startedAt != null ? startedAt : queuedAt,
                text(run.path("function"), "id"),
                null,
                null,
                eventIds.isArray() && !eventIds.isEmpty() ? eventIds.get(0).asText() : null,
                text(run.path("trigger"), "batchId"),
                null,
                text(run.path("trigger"), "cronSchedule"),
                status,
                endedAt,
                output == null || output.isNull()
                        ? null
                        : InngestJson.mapper().convertValue(unwrapError(status, output), Object.class),
                queuedAt,
                text(run.path("app"), "id"));
    }

    /**
     * A failed run's error as {@code GET /v2/runs/{id}} gives it: the listings ({@code /v2/runs},
     * {@code /v2/events/{id}/runs}) wrap it in {@code {"error": ...}} (recorded from a Dev Server), so that a run read
     * either way has the same output.
     */
    private static JsonNode unwrapError(RunStatus status, JsonNode output) {
        return status == RunStatus.FAILED && output.isObject() && output.size() == 1 && output.path("error").isObject()
                ? output.get("error")
                : output;
    }

    /** The v2 name of a status filter: v2 knows QUEUED, RUNNING, COMPLETED, FAILED and CANCELLED. */
    static String statusName(RunStatus status) {
        return switch (status) {
            case RUNNING -> "RUNNING";
            case COMPLETED -> "COMPLETED";
            case FAILED -> "FAILED";
            case CANCELLED -> "CANCELLED";
            default -> "QUEUED";
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OffsetDateTime time(String operation, JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw InngestApiException.unexpected(operation, "the run's " + field + " is not an RFC 3339 time: " + text, e);
        }
    }
}
