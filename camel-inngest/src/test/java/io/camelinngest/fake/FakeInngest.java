package io.camelinngest.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.camelinngest.client.InngestJson;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A WireMock response transformer that behaves like the Inngest server's v1 events and runs routes and the v2 runs
 * listing, as the contract describes them: {@code GET /v1/events} filters on {@code received_at}
 * ({@code received_after} inclusive, defaulting to one hour ago), lists newest first by internal ID, pages backwards
 * with {@code cursor} and clamps {@code limit} to [1, 51]; {@code GET /v1/events/{id}/runs} answers {@code []} for an
 * unknown event; {@code GET /v1/runs/{id}} answers an unknown run with the 500-in-an-HTTP-200 envelope;
 * {@code GET /v2/runs} filters by app, function, status and {@code endedAt}, ascending, with an opaque cursor.
 * <p>
 * Tests add events and move runs through their statuses while a consumer polls. Faults are stubbed on top with
 * ordinary WireMock stubs of higher priority.
 */
public final class FakeInngest implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-inngest";

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

    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> runsByEvent = new ConcurrentHashMap<>();

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
        StoredEvent event = new StoredEvent(Ulids.at(receivedAt), name, receivedAt, data);
        events.add(event);
        return event;
    }

    /** Adds an event whose internal ID was made earlier than it was stored (written late, behind newer ones). */
    public StoredEvent addEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
        StoredEvent event = new StoredEvent(internalId, name, receivedAt, data);
        events.add(event);
        return event;
    }

    public List<StoredEvent> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
        runs.clear();
        runsByEvent.clear();
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
        return runs.get(runId);
    }

    /** Moves a run to a status; an ended status sets its end time and output. */
    public void setStatus(String runId, String status, Object output) {
        StoredRun run = runs.get(runId);
        boolean ended = !status.equals("Running") && !status.equals("Scheduled") && !status.equals("Unknown");
        runs.put(runId, run.withStatus(status, ended ? Instant.now() : null, output));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the server

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?")[0];
        String[] parts = path.substring(1).split("/");
        if (parts.length == 2 && parts[0].equals("v1") && parts[1].equals("events")) {
            return listEvents(request);
        }
        if (parts.length == 4 && parts[0].equals("v1") && parts[1].equals("events") && parts[3].equals("runs")) {
            return envelope(runsOf(parts[2]));
        }
        if (parts.length == 3 && parts[0].equals("v1") && parts[1].equals("runs")) {
            StoredRun run = runs.get(parts[2]);
            return run == null
                    ? json(200, "{\"error\":\"Unable to load function run: " + parts[2] + "\",\"data\":null,\"status\":500}")
                    : envelope(v1Run(run, true));
        }
        if (parts.length == 2 && parts[0].equals("v2") && parts[1].equals("runs")) {
            return listRunsV2(request);
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body>Inngest Dev Server</body></html>").build();
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
        int limit = param(request, "limit") == null ? 20 : Math.max(1, Math.min(51, Integer.parseInt(param(request, "limit"))));
        ArrayNode data = InngestJson.mapper().createArrayNode();
        events.stream()
                .filter(e -> !e.receivedAt().isBefore(after) && !e.receivedAt().isAfter(before))
                .filter(e -> name == null || name.equals(e.name()))
                .filter(e -> cursor == null || e.internalId().compareTo(cursor) < 0)
                .sorted(Comparator.comparing(StoredEvent::internalId).reversed())
                .limit(limit)
                .forEach(e -> data.add(eventJson(e)));
        return envelope(data);
    }

    private ArrayNode runsOf(String eventId) {
        ArrayNode data = InngestJson.mapper().createArrayNode();
        runsByEvent.getOrDefault(eventId, List.of()).forEach(id -> data.add(v1Run(runs.get(id), false)));
        return data;
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
        List<StoredRun> matching = runs.values().stream()
                .filter(r -> r.endedAt() != null && !r.endedAt().isBefore(from))
                .filter(r -> appId == null || appId.equals(r.appId()))
                .filter(r -> functionId == null || functionId.equals(r.functionId()))
                .filter(r -> statuses.isEmpty() || statuses.contains(r.status().toUpperCase()))
                .sorted(Comparator.comparing(StoredRun::endedAt).thenComparing(StoredRun::runId))
                .toList();
        ObjectNode body = InngestJson.mapper().createObjectNode();
        List<StoredRun> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(r -> data.add(v2Run(r)));
        }
        body.putObject("metadata").put("fetchedAt", Instant.now().toString());
        ObjectNode pageNode = body.putObject("page");
        boolean hasMore = offset + limit < matching.size();
        if (hasMore) {
            pageNode.put("cursor", Base64.getEncoder().encodeToString(
                    Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8)));
            pageNode.put("hasMore", true);
        }
        pageNode.put("limit", limit);
        return json(200, body.toString());
    }

    private static ObjectNode eventJson(StoredEvent e) {
        ObjectNode node = InngestJson.mapper().createObjectNode();
        node.put("internal_id", e.internalId());
        node.put("account_id", "00000000-0000-0000-0000-000000000000");
        node.put("environment_id", "00000000-0000-0000-0000-000000000000");
        node.put("source", "");
        node.putNull("source_id");
        node.put("received_at", OffsetDateTime.ofInstant(e.receivedAt(), ZoneOffset.UTC).toString());
        node.put("id", e.internalId());
        node.put("name", e.name());
        node.set("data", InngestJson.mapper().valueToTree(e.data() == null ? Map.of() : e.data()));
        node.put("ts", e.receivedAt().toEpochMilli());
        return node;
    }

    private static ObjectNode v1Run(StoredRun r, boolean withOutput) {
        ObjectNode node = InngestJson.mapper().createObjectNode();
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
            node.set("output", InngestJson.mapper().valueToTree(r.output()));
        }
        return node;
    }

    private static ObjectNode v2Run(StoredRun r) {
        ObjectNode node = InngestJson.mapper().createObjectNode();
        node.put("id", r.runId());
        node.putObject("function").put("id", r.functionId()).put("name", r.functionId());
        node.putObject("app").put("id", r.appId());
        node.put("status", r.status().toUpperCase());
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
            node.set("output", InngestJson.mapper().valueToTree(r.output()));
        }
        return node;
    }

    private static ResponseDefinition envelope(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("metadata", Map.of("fetched_at", Instant.now().toString()));
        return json(200, InngestJson.mapper().valueToTree(body).toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static String param(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }
}
