package io.camelinngest.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;

/**
 * The JSON the real server writes, shape by shape, as recorded from a Dev Server (v1.43.0): v1 in snake_case with
 * {@code {"data": ..., "metadata": {...}}} envelopes and {@code {"error", "data": null, "status"}} errors; v2 in
 * camelCase, capital statuses, 64-bit numbers as strings, zero values omitted, {@code {"errors": [...]}} errors.
 */
final class FakeJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";
    /** The environment ID {@code GET /v1/runs/{id}} reports on the Dev Server (the event runs list says all zeros). */
    private static final String RUN_ENVIRONMENT = "00000000-0000-4000-b000-000000000000";

    private FakeJson() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // envelopes

    static String v1(Object data, Instant fetchedAt, Duration cachedFor) {
        ObjectNode body = NODES.objectNode();
        body.set("data", MAPPER.valueToTree(data));
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("fetched_at", time(fetchedAt));
        if (cachedFor != null) {
            metadata.put("cached_until", time(fetchedAt.plus(cachedFor)));
        }
        return body.toString();
    }

    static String v1Error(int status, String error) {
        ObjectNode body = NODES.objectNode();
        body.put("error", error);
        body.putNull("data");
        body.put("status", status);
        return body.toString();
    }

    /** A v2 answer; {@code pageLimit} adds the {@code page} of a listing. An empty list has no {@code data} at all. */
    static String v2(Object data, Instant fetchedAt, Integer pageLimit) {
        ObjectNode body = NODES.objectNode();
        if (!(data instanceof List<?> list && list.isEmpty())) {
            body.set("data", MAPPER.valueToTree(data));
        }
        body.putObject("metadata").put("fetchedAt", time(fetchedAt));
        if (pageLimit != null) {
            body.putObject("page").put("limit", pageLimit);
        }
        return body.toString();
    }

    static String v2Error(String code, String message) {
        ObjectNode body = NODES.objectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return body.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    static ObjectNode event(StoredEvent e) {
        ObjectNode node = NODES.objectNode();
        node.put("internal_id", e.internalId());
        node.put("account_id", ZERO_UUID);
        node.put("environment_id", ZERO_UUID);
        node.put("source", "");
        node.putNull("source_id");
        node.put("received_at", time(e.receivedAt()));
        node.put("id", e.internalId());
        node.put("name", e.name());
        node.set("data", MAPPER.valueToTree(e.data() == null ? Map.of() : e.data()));
        node.put("ts", e.receivedAt().toEpochMilli());
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------
    // runs

    /**
     * A v1 run. Its {@code output} is what v1 shows, not the function's return value: {@code ""} for a run that
     * completed (the value is only in v2), {@code {}} for a cancelled run, the error object for a failed run, and no
     * {@code output} at all while the run has not ended.
     *
     * @param fromEventList the {@code GET /v1/events/{id}/runs} form, whose environment ID is all zeros
     */
    static ObjectNode v1Run(StoredRun r, boolean fromEventList) {
        ObjectNode node = NODES.objectNode();
        node.put("run_id", r.runId());
        node.put("run_started_at", time(r.startedAt()));
        // v1 names the function by its internal UUID, as /v1/apps/{appId}/functions lists it; v2 by its ID in the app
        node.put("function_id", functionUuid(String.valueOf(r.appId()), r.functionId()));
        node.put("function_version", 0);
        node.put("environment_id", fromEventList ? ZERO_UUID : RUN_ENVIRONMENT);
        node.put("event_id", r.eventId() == null ? "00000000000000000000000000" : r.eventId());
        node.put("status", r.status());
        if (r.endedAt() == null) {
            node.putNull("ended_at");
        } else {
            node.put("ended_at", time(r.endedAt()));
        }
        switch (r.status()) {
            case "Running", "Scheduled", "Unknown" -> {
                // no output before the end
            }
            case "Failed" -> node.set("output", MAPPER.valueToTree(r.output() == null ? Map.of() : r.output()));
            case "Cancelled" -> node.putObject("output");
            default -> node.put("output", "");
        }
        return node;
    }

    /**
     * A v2 run; with {@code includeOutput} the output of a completed or failed run (a non-object wrapped in data). In a
     * listing ({@code listed}: {@code /v2/runs}, {@code /v2/events/{id}/runs}) a failed run's output is the error
     * wrapped in {@code {"error": ...}}, while {@code /v2/runs/{id}} gives the error itself (recorded, see
     * {@code recorded/failedRun-v2*.http}).
     */
    static ObjectNode v2Run(StoredRun r, boolean includeOutput, boolean listed) {
        ObjectNode node = NODES.objectNode();
        node.putObject("app").put("id", r.appId());
        if (r.endedAt() != null) {
            node.put("durationMs", Long.toString(Duration.between(r.startedAt(), r.endedAt()).toMillis()));
            node.put("endedAt", time(r.endedAt()));
        }
        node.putObject("function").put("id", r.functionId()).put("name", r.functionId());
        node.put("id", r.runId());
        boolean hasOutput = r.status().equals("Completed") || r.status().equals("Failed");
        if (includeOutput && hasOutput && r.output() != null) {
            ObjectNode output = r.output() instanceof Map<?, ?>
                    ? MAPPER.valueToTree(r.output())
                    : NODES.objectNode().set("data", MAPPER.valueToTree(r.output()));
            node.set("output", listed && r.status().equals("Failed") ? NODES.objectNode().set("error", output) : output);
        }
        node.put("queuedAt", time(r.startedAt()));
        node.put("startedAt", time(r.startedAt()));
        node.put("status", v2Status(r.status()));
        if (r.eventId() != null) {
            node.putObject("trigger").putArray("eventIds").add(r.eventId());
        }
        return node;
    }

    /**
     * One page of a v2 run listing from {@code offset}: no {@code data} key when empty, {@code page.cursor} (the next
     * offset, opaque to clients) and {@code page.hasMore} while more follow.
     */
    static String v2RunPage(List<StoredRun> listed, int offset, int limit, boolean includeOutput, Instant fetchedAt) {
        ObjectNode body = NODES.objectNode();
        List<StoredRun> page = listed.subList(Math.min(offset, listed.size()), Math.min(offset + limit, listed.size()));
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(r -> data.add(v2Run(r, includeOutput, true)));
        }
        body.putObject("metadata").put("fetchedAt", time(fetchedAt));
        ObjectNode pageNode = body.putObject("page");
        if (offset + limit < listed.size()) {
            pageNode.put("cursor", Base64.getEncoder().encodeToString(
                    Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8)));
            pageNode.put("hasMore", true);
        }
        pageNode.put("limit", limit);
        return body.toString();
    }

    /** v2 shortens the statuses; Scheduled, Skipped, Unknown and Overflowed are all QUEUED. */
    static String v2Status(String v1) {
        return switch (v1) {
            case "Running", "Completed", "Failed", "Cancelled" -> v1.toUpperCase();
            default -> "QUEUED";
        };
    }

    /** A job as {@code GET /v1/runs/{id}/jobs} lists it, with the server's internal {@code Raw} queue item. */
    static ObjectNode job(String jobId, String kind, Instant at, StoredRun run) {
        ObjectNode node = NODES.objectNode();
        node.put("JobID", jobId);
        node.put("at", time(at));
        node.put("position", 0);
        node.put("kind", kind);
        node.put("attempt", 0);
        ObjectNode raw = node.putObject("Raw");
        raw.put("id", jobId);
        raw.put("at", at.toEpochMilli());
        ObjectNode identifier = raw.putObject("data").put("kind", kind).putObject("identifier");
        identifier.put("runID", run.runId());
        if (run.eventId() != null) {
            identifier.put("evtID", run.eventId());
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------
    // apps and functions

    /** A function as {@code GET /v1/apps/{appId}/functions} lists it: internal UUIDs and the synced config. */
    static ObjectNode v1Function(String appId, String functionId, List<String> events, Instant syncedAt) {
        String slug = appId + "-" + functionId;
        String internalId = functionUuid(appId, functionId);
        ObjectNode node = NODES.objectNode();
        node.put("internal_id", internalId);
        node.put("env_id", ZERO_UUID);
        node.put("app_id", uuid("app:" + appId));
        node.put("id", slug);
        node.put("name", functionId);
        ObjectNode config = node.putObject("config");
        config.put("id", internalId);
        config.put("fv", 1);
        config.put("name", functionId);
        config.put("slug", slug);
        ArrayNode triggers = config.putArray("triggers");
        events.forEach(e -> triggers.addObject().put("event", e));
        config.putArray("steps").addObject().put("id", "step").put("name", "step");
        node.put("created_at", time(syncedAt));
        node.put("archived_at", "0001-01-01T00:00:00Z");
        return node;
    }

    /** A function as {@code GET /v2/apps/{appId}/functions} lists it. */
    static ObjectNode v2Function(String appId, String functionId, List<String> events) {
        ObjectNode node = NODES.objectNode();
        node.putObject("app").put("id", appId);
        ObjectNode configuration = node.putObject("configuration");
        configuration.putArray("concurrency").addObject().put("scope", "ACCOUNT")
                .putObject("limit").put("isPlanLimit", true).put("value", -1);
        configuration.putObject("retries").put("isDefault", true).put("value", 4);
        node.put("id", functionId);
        node.put("name", functionId);
        node.put("slug", functionId);
        ArrayNode triggers = node.putArray("triggers");
        events.forEach(e -> triggers.addObject().put("type", "EVENT").put("value", e));
        return node;
    }

    static ObjectNode v2App(String appId, int functionCount, Instant syncedAt) {
        ObjectNode node = NODES.objectNode();
        node.put("createdAt",
                DateTimeFormatter.ISO_INSTANT.format(syncedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        node.put("functionCount", functionCount);
        node.put("id", appId);
        node.putObject("latestSync").put("framework", "fake").put("sdkLanguage", "java").put("sdkVersion", "v0")
                .put("url", "http://localhost/api/inngest");
        node.put("method", "SERVE");
        node.put("name", appId);
        return node;
    }

    /** The internal UUID of a function, stable per app and function (what v1 runs of it report). */
    static String functionUuid(String appId, String functionId) {
        return uuid("fn:" + appId + "-" + functionId);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
