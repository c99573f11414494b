package io.camelinngest.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A fake Inngest server as a WireMock response transformer, behaving as the real server's routes do:
 * <ul>
 * <li>{@code POST /e/{key}} stores events (one object or an array; names checked as the server does) and answers
 * {@code {"ids":[...],"status":200}}; functions registered with {@link #onEvent} start a run for each matching
 * event, which ends after the function's run time;</li>
 * <li>{@code GET /v1/events} filters on {@code received_at} ({@code received_after} inclusive, defaulting to one hour
 * ago), lists newest first by internal ID, pages backwards with {@code cursor} and clamps {@code limit} to [1, 51];</li>
 * <li>{@code GET /v1/events/{id}}, {@code GET /v1/events/{id}/runs} ({@code []} for an unknown event),
 * {@code GET /v1/runs/{id}} (an unknown run is the 500-in-an-HTTP-200 envelope), {@code DELETE /v1/runs/{id}};</li>
 * <li>{@code GET /v2/runs} filtered by app, function, status and {@code endedAt}, ascending, with an opaque cursor;</li>
 * <li>any other path: the Dev Server's HTML page with HTTP 200.</li>
 * </ul>
 * Tests add events and move runs along while routes poll; faults go on top as ordinary WireMock stubs of higher
 * priority. {@link FakeInngestServer} runs one on a port of its own.
 */
public final class FakeInngest implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-inngest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event as stored: internal ID, name, when stored, payload. */
    public record StoredEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
    }

    /** A run as stored. */
    public record StoredRun(String runId, String eventId, String functionId, String appId, String status, Instant startedAt,
                            Instant endedAt, Object output) {

        public StoredRun withStatus(String newStatus, Instant ended, Object newOutput) {
            return new StoredRun(runId, eventId, functionId, appId, newStatus, startedAt, ended, newOutput);
        }
    }

    private record Trigger(String eventName, String appId, String functionId, Duration runTime,
                           Function<Map<String, Object>, Object> handler) {
    }

    private record Transition(String runId, Instant at, String status, Object output) {
    }

    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> runsByEvent = new ConcurrentHashMap<>();
    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // test data

    public StoredEvent addEvent(String name, Instant receivedAt, Map<String, Object> data) {
        return addEvent(Ulids.at(receivedAt), name, receivedAt, data);
    }

    /** Adds an event with a given internal ID, e.g. one made earlier than it was stored (written late). */
    public StoredEvent addEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
        StoredEvent event = new StoredEvent(internalId, name, receivedAt, data);
        events.add(event);
        return event;
    }

    public List<StoredEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets all events, runs and functions. */
    public void clear() {
        events.clear();
        runs.clear();
        runsByEvent.clear();
        triggers.clear();
        transitions.clear();
    }

    public StoredRun putRun(StoredRun run) {
        runs.put(run.runId(), run);
        if (run.eventId() != null) {
            List<String> ids = runsByEvent.computeIfAbsent(run.eventId(), id -> new CopyOnWriteArrayList<>());
            if (!ids.contains(run.runId())) {
                ids.add(run.runId());
            }
        }
        return run;
    }

    public StoredRun run(String runId) {
        applyTransitions();
        return runs.get(runId);
    }

    /** The runs an event started so far. */
    public List<StoredRun> runsOf(String eventId) {
        applyTransitions();
        return runsByEvent.getOrDefault(eventId, List.of()).stream().map(runs::get).toList();
    }

    /** Moves a run to a status; an ended status sets its end time and output. */
    public void setStatus(String runId, String status, Object output) {
        StoredRun run = runs.get(runId);
        runs.put(runId, run.withStatus(status, isEnded(status) ? Instant.now() : null, output));
    }

    /**
     * Registers a function: every event named {@code eventName} sent through {@code POST /e/{key}} starts a run of
     * it (status Running), which completes {@code runTime} later with the handler's result as its output (or fails
     * with an error output when the handler throws).
     */
    public void onEvent(String eventName, String appId, String functionId, Duration runTime,
                        Function<Map<String, Object>, Object> handler) {
        triggers.add(new Trigger(eventName, appId, functionId, runTime, handler));
    }

    private static boolean isEnded(String status) {
        return !status.equals("Running") && !status.equals("Scheduled") && !status.equals("Unknown");
    }

    private void applyTransitions() {
        Instant now = Instant.now();
        for (Transition t : transitions) {
            if (!t.at().isAfter(now) && transitions.remove(t)) {
                StoredRun run = runs.get(t.runId());
                if (run != null && !isEnded(run.status())) {
                    runs.put(t.runId(), run.withStatus(t.status(), t.at(), t.output()));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the server

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        applyTransitions();
        Request request = serveEvent.getRequest();
        String method = request.getMethod().getName();
        String path = request.getUrl().split("\\?")[0];
        String[] parts = path.substring(1).split("/");
        if (method.equals("POST") && parts.length == 2 && parts[0].equals("e")) {
            return sendEvents(request);
        }
        if (method.equals("GET") && path.equals("/health")) {
            return json(200, "{\"status\":200,\"message\":\"OK\"}");
        }
        if (method.equals("GET") && parts.length == 2 && parts[0].equals("v1") && parts[1].equals("events")) {
            return listEvents(request);
        }
        if (method.equals("GET") && parts.length == 3 && parts[0].equals("v1") && parts[1].equals("events")) {
            return events.stream().filter(e -> e.internalId().equals(parts[2])).findFirst()
                    .map(e -> envelope(eventJson(e)))
                    .orElse(json(200, "{\"error\":\"Event not found\",\"data\":null,\"status\":404}"));
        }
        if (method.equals("GET") && parts.length == 4 && parts[0].equals("v1") && parts[1].equals("events")
            && parts[3].equals("runs")) {
            ArrayNode data = JSON.createArrayNode();
            runsByEvent.getOrDefault(parts[2], List.of()).forEach(id -> data.add(v1Run(runs.get(id), false)));
            return envelope(data);
        }
        if (parts.length == 3 && parts[0].equals("v1") && parts[1].equals("runs")) {
            StoredRun run = runs.get(parts[2]);
            if (method.equals("DELETE")) {
                if (run == null) {
                    return json(404, "{\"error\":\"Unable to load function run: " + parts[2] + "\",\"data\":null,\"status\":404}");
                }
                if (!isEnded(run.status())) {
                    runs.put(run.runId(), run.withStatus("Cancelled", Instant.now(), null));
                }
                return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json").build();
            }
            if (method.equals("GET")) {
                return run == null
                        ? json(200, "{\"error\":\"Unable to load function run: " + parts[2] + "\",\"data\":null,\"status\":500}")
                        : envelope(v1Run(run, true));
            }
        }
        if (method.equals("GET") && parts.length == 2 && parts[0].equals("v2") && parts[1].equals("runs")) {
            return listRunsV2(request);
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body>Inngest Dev Server</body></html>").build();
    }

    private ResponseDefinition sendEvents(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            return json(400, "{\"ids\":[\"\"],\"status\":400,\"error\":\"unexpected end of JSON input\"}");
        }
        List<JsonNode> items = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(items::add);
        } else if (body != null && body.isObject()) {
            items.add(body);
        } else {
            return json(400, "{\"ids\":[\"\"],\"status\":400,"
                             + "\"error\":\"Request body must contain an event object or an array of event objects\"}");
        }
        ArrayNode ids = JSON.createArrayNode();
        for (JsonNode item : items) {
            String name = item.path("name").asText("");
            String error = name.isEmpty() ? "event name is empty"
                    : name.toLowerCase().startsWith("inngest/") ? "event name is reserved for internal use: " + name : null;
            if (error != null) {
                if (ids.isEmpty()) {
                    ids.add("");
                }
                ObjectNode failure = JSON.createObjectNode();
                failure.set("ids", ids);
                failure.put("status", 400);
                failure.put("error", error);
                return json(400, failure.toString());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = item.hasNonNull("data") ? JSON.convertValue(item.get("data"), Map.class) : Map.of();
            StoredEvent event = addEvent(name, Instant.now(), data);
            ids.add(event.internalId());
            startRuns(event);
        }
        ObjectNode ok = JSON.createObjectNode();
        ok.set("ids", ids);
        ok.put("status", 200);
        // the open-source handler sets no Content-Type: Go sniffs text/plain
        return responseDefinition().withStatus(200).withBody(ok.toString() + "\n").build();
    }

    private void startRuns(StoredEvent event) {
        for (Trigger trigger : triggers) {
            if (!trigger.eventName().equals(event.name())) {
                continue;
            }
            Instant now = Instant.now();
            StoredRun run = putRun(new StoredRun(Ulids.at(now), event.internalId(), trigger.functionId(), trigger.appId(),
                    "Running", now, null, null));
            Object output;
            String status;
            try {
                output = trigger.handler().apply(event.data());
                status = "Completed";
            } catch (RuntimeException e) {
                output = Map.of("name", "Error", "message", String.valueOf(e.getMessage()));
                status = "Failed";
            }
            transitions.add(new Transition(run.runId(), now.plus(trigger.runTime()), status, output));
        }
    }

    private ResponseDefinition listEvents(Request request) {
        Instant after = param(request, "received_after") == null
                ? Instant.now().minusSeconds(3600)
                : OffsetDateTime.parse(param(request, "received_after")).toInstant();
        Instant before = param(request, "received_before") == null
                ? Instant.now()
                : OffsetDateTime.parse(param(request, "received_before")).toInstant();
        String name = param(request, "name");
        String cursor = param(request, "cursor");
        int limit = eventsLimit(param(request, "limit"));
        ArrayNode data = JSON.createArrayNode();
        events.stream()
                .filter(e -> !e.receivedAt().isBefore(after) && !e.receivedAt().isAfter(before))
                .filter(e -> name == null || name.equals(e.name()))
                .filter(e -> cursor == null || e.internalId().compareTo(cursor) < 0)
                .sorted(Comparator.comparing(StoredEvent::internalId).reversed())
                .limit(limit)
                .forEach(e -> data.add(eventJson(e)));
        return envelope(data);
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

    private ResponseDefinition listRunsV2(Request request) {
        String appId = param(request, "appId");
        String functionId = param(request, "functionId");
        List<String> statuses = request.queryParameter("status").isPresent()
                ? request.queryParameter("status").values()
                : List.of();
        Instant from = param(request, "from") == null ? Instant.EPOCH : OffsetDateTime.parse(param(request, "from")).toInstant();
        int limit = param(request, "limit") == null ? 20 : Integer.parseInt(param(request, "limit"));
        int offset = param(request, "cursor") == null
                ? 0
                : Integer.parseInt(new String(Base64.getDecoder().decode(param(request, "cursor")), StandardCharsets.UTF_8));
        // the run's queued time is its start time here; endedAt lists ended runs only
        boolean byEnd = "endedAt".equals(param(request, "timeField"));
        Function<StoredRun, Instant> time = byEnd ? StoredRun::endedAt : StoredRun::startedAt;
        Comparator<StoredRun> order = Comparator.comparing(time).thenComparing(StoredRun::runId);
        List<StoredRun> matching = runs.values().stream()
                .filter(r -> time.apply(r) != null && !time.apply(r).isBefore(from))
                .filter(r -> appId == null || appId.equals(r.appId()))
                .filter(r -> functionId == null || functionId.equals(r.functionId()))
                .filter(r -> statuses.isEmpty() || statuses.contains(v2Status(r.status())))
                .sorted("DESC".equals(param(request, "order")) ? order.reversed() : order)
                .toList();
        ObjectNode body = JSON.createObjectNode();
        List<StoredRun> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(r -> data.add(v2Run(r)));
        }
        body.putObject("metadata").put("fetchedAt", Instant.now().toString());
        ObjectNode pageNode = body.putObject("page");
        if (offset + limit < matching.size()) {
            pageNode.put("cursor", Base64.getEncoder().encodeToString(
                    Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8)));
            pageNode.put("hasMore", true);
        }
        pageNode.put("limit", limit);
        return json(200, body.toString());
    }

    private static ObjectNode eventJson(StoredEvent e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("internal_id", e.internalId());
        node.put("account_id", "00000000-0000-0000-0000-000000000000");
        node.put("environment_id", "00000000-0000-0000-0000-000000000000");
        node.put("source", "");
        node.putNull("source_id");
        node.put("received_at", DateTimeFormatter.ISO_INSTANT.format(e.receivedAt()));
        node.put("id", e.internalId());
        node.put("name", e.name());
        node.set("data", JSON.valueToTree(e.data() == null ? Map.of() : e.data()));
        node.put("ts", e.receivedAt().toEpochMilli());
        return node;
    }

    private static ObjectNode v1Run(StoredRun r, boolean withOutput) {
        ObjectNode node = JSON.createObjectNode();
        node.put("run_id", r.runId());
        node.put("run_started_at", r.startedAt().toString());
        node.put("function_id", r.functionId());
        node.put("function_version", 0);
        node.put("environment_id", "00000000-0000-4000-b000-000000000000");
        node.put("event_id", r.eventId() == null ? "00000000000000000000000000" : r.eventId());
        node.put("status", r.status());
        if (r.endedAt() == null) {
            node.putNull("ended_at");
        } else {
            node.put("ended_at", r.endedAt().toString());
        }
        if (withOutput && r.output() != null) {
            node.set("output", JSON.valueToTree(r.output()));
        }
        return node;
    }

    private static ObjectNode v2Run(StoredRun r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", r.runId());
        node.putObject("function").put("id", r.functionId()).put("name", r.functionId());
        node.putObject("app").put("id", r.appId());
        node.put("status", v2Status(r.status()));
        node.put("queuedAt", r.startedAt().toString());
        node.put("startedAt", r.startedAt().toString());
        if (r.endedAt() != null) {
            node.put("endedAt", r.endedAt().toString());
            node.put("durationMs", Long.toString(r.endedAt().toEpochMilli() - r.startedAt().toEpochMilli()));
        }
        if (r.eventId() != null) {
            node.putObject("trigger").putArray("eventIds").add(r.eventId());
        }
        if (r.output() != null) {
            node.set("output", JSON.valueToTree(r.output()));
        }
        return node;
    }

    /** v2 shortens the statuses; Scheduled, Skipped, Unknown and Overflowed are all QUEUED. */
    private static String v2Status(String v1) {
        return switch (v1) {
            case "Running", "Completed", "Failed", "Cancelled" -> v1.toUpperCase();
            default -> "QUEUED";
        };
    }

    private static ResponseDefinition envelope(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("metadata", Map.of("fetched_at", Instant.now().toString()));
        return json(200, JSON.valueToTree(body).toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static String param(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }
}
