package io.camelinngest.client;

import java.time.Instant;
import java.util.List;

import io.camelinngest.model.RunStatus;

/**
 * What one page of the v2 runs listing ({@code GET /v2/runs}) asks for.
 *
 * @param appId      only runs of this app (the SDK's app ID), or {@code null}
 * @param functionId only runs of this function of the app (needs {@code appId}), or {@code null}
 * @param statuses   only runs with these statuses (empty for all)
 * @param timeField  the time the window and the order apply to
 * @param from       the start of the window (inclusive), or {@code null}
 * @param ascending  oldest first when true
 * @param cursor     the cursor of the page to read, or {@code null} for the first
 * @param limit      the page size, 1 to 100
 */
public record RunQuery(String appId, String functionId, List<RunStatus> statuses, TimeField timeField, Instant from,
        boolean ascending, String cursor, int limit) {

    public static final int MAX_LIMIT = 100;

    /** The run time a v2 listing filters and orders on. */
    public enum TimeField {
        queuedAt,
        startedAt,
        endedAt
    }

    public RunQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        if (functionId != null && appId == null) {
            throw new IllegalArgumentException("functionId needs appId: the v2 runs listing filters functions within an app");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InputChecks.outOfRange("limit", MAX_LIMIT, limit);
        }
    }

    public RunQuery withCursor(String next) {
        return new RunQuery(appId, functionId, statuses, timeField, from, ascending, next, limit);
    }
}
