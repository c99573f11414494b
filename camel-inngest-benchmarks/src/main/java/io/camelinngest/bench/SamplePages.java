package io.camelinngest.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Response bodies in the recorded shapes, for the JSON microbenchmarks. */
public final class SamplePages {

    private SamplePages() {
    }

    /** A full {@code GET /v1/events} page: 51 events. */
    public static byte[] eventsPage() {
        EventBacklog backlog = new EventBacklog(EventBacklog.MAX_LIMIT, Instant.parse("2026-12-01T23:00:00Z"), 10);
        return backlog.page(backlog.oldest(), null, null, EventBacklog.MAX_LIMIT, null);
    }

    /** A full {@code GET /v2/runs} page: 100 runs. */
    public static byte[] v2RunsPage() {
        try {
            return new RunBoard(100, Instant.parse("2026-12-01T23:00:00Z"), 10).v2Page("queuedAt", null, List.of(), 100, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /v1/runs/{id}} of a completed run with an output object, as recorded (getRun-completed). */
    public static byte[] v1Run() {
        ObjectNode body = (ObjectNode) Fixtures.responseBody("getRun-completed");
        ((ObjectNode) body.get("data")).putObject("output").put("shipped", true).put("tracking", "TRK-42");
        return bytes(body);
    }

    /** {@code GET /v2/runs/{id}?includeOutput=true} of a completed run, as recorded (getRun-v2-completed). */
    public static byte[] v2Run() {
        return bytes(Fixtures.responseBody("getRun-v2-completed"));
    }

    /** The run ID of {@link #v1Run()} and {@link #v2Run()}. */
    public static String runId() {
        return Fixtures.responseBody("getRun-v2-completed").path("data").path("id").asText();
    }

    /** {@code n} events to send, as a route would hold them (maps). */
    public static List<Map<String, Object>> events(int n) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(Map.of("name", "shop/order.paid", "data", Map.of("order", Integer.toString(i), "amount", 4200 + i)));
        }
        return events;
    }

    /** The answer of the event API to a send of {@code n} events. */
    public static byte[] sendAnswer(int n) {
        StringBuilder ids = new StringBuilder("{\"ids\":[");
        for (int i = 0; i < n; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(Ids.ulid(System.currentTimeMillis())).append('"');
        }
        return ids.append("],\"status\":200}").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(Object json) {
        try {
            return Fixtures.JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
