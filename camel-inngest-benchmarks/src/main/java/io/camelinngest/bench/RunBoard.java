package io.camelinngest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs in flight (all still running), served as {@code GET /v1/runs/{id}} and the v2 listing {@code GET /v2/runs}
 * answer them, in the shapes of the recordings {@code getRun-running} and {@code v2-runs}. v2 lists by {@code queuedAt}
 * ascending from {@code from}; listing ended runs ({@code timeField=endedAt}) finds none, and an empty v2 page has no
 * {@code data} key (protobuf JSON omits empty lists).
 */
final class RunBoard {

    private final String[] ids;
    private final long[] queuedMillis;
    private final byte[][] v1;
    private final byte[][] v2;
    private final Map<String, Integer> index = new HashMap<>();

    RunBoard(int count, Instant first, long spacing) {
        ObjectNode v1Template = Fixtures.firstItem("getRun-running");
        ObjectNode v2Template = Fixtures.firstItem("v2-runs");
        ids = new String[count];
        queuedMillis = new long[count];
        v1 = new byte[count][];
        v2 = new byte[count][];
        for (int i = 0; i < count; i++) {
            long queued = first.toEpochMilli() + i * spacing;
            String id = Ids.ulid(queued);
            String eventId = Ids.ulid(queued - 1);
            ids[i] = id;
            queuedMillis[i] = queued;
            index.put(id, i);
            v1Template.put("run_id", id);
            v1Template.put("run_started_at", Instant.ofEpochMilli(queued).toString());
            v1Template.put("event_id", eventId);
            v1Template.put("status", "Running");
            v2Template.put("id", id);
            v2Template.put("queuedAt", Instant.ofEpochMilli(queued).toString());
            v2Template.put("startedAt", Instant.ofEpochMilli(queued + 1).toString());
            v2Template.put("status", "RUNNING");
            v2Template.putObject("trigger").putArray("eventIds").add(eventId);
            try {
                v1[i] = Fixtures.JSON.writeValueAsBytes(v1Template);
                v2[i] = Fixtures.JSON.writeValueAsBytes(v2Template);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    int size() {
        return ids.length;
    }

    List<String> ids() {
        return List.of(ids);
    }

    Instant oldest() {
        return Instant.ofEpochMilli(queuedMillis[0]);
    }

    /** {@code GET /v1/runs/{id}}; null for an unknown run. */
    byte[] v1Run(String id) {
        Integer i = index.get(id);
        if (i == null) {
            return null;
        }
        Instant now = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream(v1[i].length + 120);
        out.writeBytes("{\"data\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(v1[i]);
        out.writeBytes(("," + "\"metadata\":{\"fetched_at\":\"" + now + "\",\"cached_until\":\"" + now.plusSeconds(3) + "\"}}")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code GET /v2/runs}: oldest first by queuedAt from {@code from}; ended runs: none. */
    byte[] v2Page(String timeField, Instant from, List<String> statuses, int limit, String cursor) throws IOException {
        boolean inFlightAsked = statuses.isEmpty() || statuses.contains("RUNNING");
        List<Integer> page = new ArrayList<>();
        boolean hasMore = false;
        if (!"endedAt".equals(timeField) && inFlightAsked) {
            int start = from == null ? 0 : lowerBound(from.toEpochMilli());
            if (cursor != null) {
                String last = Fixtures.JSON.readTree(Base64.getDecoder().decode(cursor)).path("id").asText();
                start = index.get(last) + 1;
            }
            for (int i = start; i < ids.length && page.size() < limit; i++) {
                page.add(i);
            }
            hasMore = !page.isEmpty() && page.get(page.size() - 1) < ids.length - 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + page.size() * 400);
        out.write('{');
        if (!page.isEmpty()) {
            out.writeBytes("\"data\":[".getBytes(StandardCharsets.US_ASCII));
            for (int n = 0; n < page.size(); n++) {
                if (n > 0) {
                    out.write(',');
                }
                out.writeBytes(v2[page.get(n)]);
            }
            out.writeBytes("],".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(
                ("\"metadata\":{\"fetchedAt\":\"" + Instant.now() + "\"},\"page\":{").getBytes(StandardCharsets.US_ASCII));
        if (hasMore) {
            int last = page.get(page.size() - 1);
            String token = "{\"id\":\"" + ids[last] + "\",\"c\":{\"queued_at\":{\"f\":\"queued_at\",\"v\":" + queuedMillis[last]
                           + "}}}";
            out.writeBytes(("\"cursor\":\"" + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
                            + "\",\"hasMore\":true,")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("\"limit\":" + limit + "}}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private int lowerBound(long millis) {
        int at = Arrays.binarySearch(queuedMillis, millis);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && queuedMillis[at - 1] == millis) {
            at--;
        }
        return at;
    }
}
