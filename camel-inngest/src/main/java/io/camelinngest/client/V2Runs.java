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
        return new FunctionRun(
                text(run, "id"),
                startedAt != null ? startedAt : time(operation, run, "queuedAt"),
                text(run.path("function"), "id"),
                null,
                null,
                eventIds.isArray() && !eventIds.isEmpty() ? eventIds.get(0).asText() : null,
                text(run.path("trigger"), "batchId"),
                null,
                text(run.path("trigger"), "cronSchedule"),
                RunStatus.fromName(text(run, "status")),
                time(operation, run, "endedAt"),
                output == null || output.isNull() ? null : InngestJson.mapper().convertValue(output, Object.class),
                time(operation, run, "queuedAt"),
                text(run.path("app"), "id"));
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
            throw new InngestApiException(operation, 200, 200, null, null, false,
                    operation + " failed: the run's " + field + " is not an RFC 3339 time: " + text, e);
        }
    }
}
