package io.camelinngest.testing;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;

import static io.camelinngest.testing.Responses.eventApi;
import static io.camelinngest.testing.Responses.json;

/**
 * The events API: {@code POST /e/{key}} (send), {@code GET /v1/events} (list), {@code GET /v1/events/{id}},
 * {@code GET /v1/events/{id}/runs} and {@code GET /v2/events/{id}/runs}.
 */
final class EventsApi {

    static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String SEED_HEADER = "x-inngest-event-id-seed";
    private static final Duration EVENT_TTL = Duration.ofSeconds(5);
    private static final Duration EVENT_RUNS_TTL = Duration.ofSeconds(15);

    private final FakeState state;
    private final ResponseCache cache;
    private final Consumer<StoredEvent> onNewEvent;

    /**
     * @param onNewEvent told of each event sent for the first time under its ID (what starts runs of served functions),
     *                   after the state's lock is released
     */
    EventsApi(FakeState state, ResponseCache cache, Consumer<StoredEvent> onNewEvent) {
        this.state = state;
        this.cache = cache;
        this.onNewEvent = onNewEvent;
    }

    void routes(Router router) {
        router.route("POST", "/e/{key}", this::send)
                .route("GET", "/v1/events", this::list)
                .route("GET", "/v1/events/{id}", this::get)
                .route("GET", "/v1/events/{id}/runs", this::runsV1)
                .route("GET", "/v2/events/{id}/runs", this::runsV2);
    }

    /**
     * Stores one event or an array of events, names checked as the server does, and answers their internal IDs. The
     * internal ID comes from the {@code x-inngest-event-id-seed} header when there is one.
     */
    private ResponseDefinition send(FakeRequest request) {
        JsonNode body;
        try {
            body = request.json();
        } catch (Exception e) {
            return eventApi(400, "{\"ids\":[\"\"],\"status\":400,\"error\":\"unexpected end of JSON input\"}");
        }
        List<JsonNode> items = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(items::add);
        } else if (body != null && body.isObject()) {
            items.add(body);
        } else {
            return eventApi(400, "{\"ids\":[\"\"],\"status\":400,"
                                 + "\"error\":\"Request body must contain an event object or an array of event objects\"}");
        }
        String seed = request.header(SEED_HEADER);
        ArrayNode ids = FakeJson.MAPPER.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String name = item.path("name").asText("");
            String error = name.isEmpty() ? "event name is empty"
                    : name.toLowerCase().startsWith("inngest/") ? "event name is reserved for internal use: " + name : null;
            if (error != null) {
                if (ids.isEmpty()) {
                    ids.add("");
                }
                ObjectNode failure = FakeJson.MAPPER.createObjectNode();
                failure.set("ids", ids);
                failure.put("status", 400);
                failure.put("error", error);
                return eventApi(400, failure.toString());
            }
            String id = seed == null ? null : seededId(seed, i + 1);
            FakeState.Received received = state.receive(id, name, FakeRequest.objectField(item, "data"));
            ids.add(received.event().internalId());
            if (received.isNew()) {
                onNewEvent.accept(received.event());
            }
        }
        ObjectNode ok = FakeJson.MAPPER.createObjectNode();
        ok.set("ids", ids);
        ok.put("status", 200);
        return eventApi(200, ok.toString());
    }

    /**
     * The internal ID the server derives from a seed ({@code <unixMillis>,<base64 of 10 bytes>}) for the event at
     * 1-based position {@code n} of a request: the seed's time, and its entropy with {@code n} added to the last 4
     * bytes. {@code null} for a seed that is not well-formed (the server then makes a new ID).
     */
    static String seededId(String seed, int n) {
        String[] parts = seed.split(",");
        try {
            long millis = Long.parseLong(parts[0].trim());
            byte[] entropy = Base64.getDecoder().decode(parts[1].trim());
            if (parts.length != 2 || entropy.length != 10) {
                return null;
            }
            ByteBuffer bytes = ByteBuffer.wrap(entropy);
            bytes.putInt(6, bytes.getInt(6) + n);
            return Ulids.of(millis, entropy);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Filters on {@code received_at} (after inclusive, before exclusive, as the Dev Server compares), {@code name} and
     * {@code cursor}, newest first, {@code limit} as the server reads it.
     */
    private ResponseDefinition list(FakeRequest request) {
        Instant now = state.now();
        Instant after;
        Instant before;
        try {
            after = request.query("received_after") == null
                    ? now.minusSeconds(3600)
                    : OffsetDateTime.parse(request.query("received_after")).toInstant();
        } catch (DateTimeParseException e) {
            return json(200, FakeJson.v1Error(400, "Invalid received_after query parameter"));
        }
        try {
            before = request.query("received_before") == null
                    ? now
                    : OffsetDateTime.parse(request.query("received_before")).toInstant();
        } catch (DateTimeParseException e) {
            // sic: the server's handler reuses the received_after message
            return json(200, FakeJson.v1Error(400, "Invalid received_after query parameter"));
        }
        String name = request.query("name");
        String cursor = request.query("cursor");
        int limit = eventsLimit(request.query("limit"));
        ArrayNode data = FakeJson.MAPPER.createArrayNode();
        state.events().stream()
                .filter(e -> !e.receivedAt().isBefore(after) && e.receivedAt().isBefore(before))
                .filter(e -> name == null || name.equals(e.name()))
                .filter(e -> cursor == null || e.internalId().compareTo(cursor) < 0)
                .sorted(Comparator.comparing(StoredEvent::internalId).reversed())
                .limit(limit)
                .forEach(e -> data.add(FakeJson.event(e)));
        return json(200, FakeJson.v1(data, now, null));
    }

    /** As the server reads {@code limit}: unparsable or 0 means 20, then clamped to [1, 51]. */
    private static int eventsLimit(String value) {
        int limit;
        try {
            limit = value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        return limit == 0 ? 20 : Math.max(1, Math.min(51, limit));
    }

    private ResponseDefinition get(FakeRequest request) {
        String id = request.path("id");
        if (!ULID.matcher(id).matches()) {
            return json(200, FakeJson.v1Error(400, "Invalid event ID: " + id));
        }
        return cache.answer(request, state.now(), EVENT_TTL, () -> {
            StoredEvent event = state.event(id);
            return event == null ? null : FakeJson.event(event);
        }, () -> FakeJson.v1Error(404, "Event not found"));
    }

    /** Oldest first; cached for 15 s, so an early empty list stays empty that long, as on the server. */
    private ResponseDefinition runsV1(FakeRequest request) {
        return cache.answer(request, state.now(), EVENT_RUNS_TTL, () -> {
            ArrayNode data = FakeJson.MAPPER.createArrayNode();
            state.runsOf(request.path("id")).forEach(run -> data.add(FakeJson.v1Run(run, true)));
            return data;
        }, null);
    }

    /**
     * Newest first (v1 lists them oldest first), not cached; pages of 20 by default (also for limit=0) and 40 at most,
     * followed with page.cursor while page.hasMore; a limit out of range is a 400, as on the Dev Server.
     */
    private ResponseDefinition runsV2(FakeRequest request) {
        List<StoredRun> listed = new ArrayList<>(state.runsOf(request.path("id")));
        Collections.reverse(listed);
        int limit = request.query("limit") == null ? 0 : Integer.parseInt(request.query("limit"));
        if (limit < 0 || limit > 40) {
            return json(400, FakeJson.v2Error("invalid_field_format",
                    limit < 0 ? "Limit must be at least 1" : "Limit cannot exceed 40"));
        }
        limit = limit == 0 ? 20 : limit;
        return json(200, FakeJson.v2RunPage(listed, request.cursorOffset(), limit, request.includeOutput(), state.now()));
    }
}
