package io.camelinngest.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A fake Inngest server as a WireMock response transformer, answering as a real Dev Server (v1.43.0) does in the
 * recordings of {@code camel-inngest/src/test/resources/fixtures/inngest-dev}:
 * <ul>
 * <li>{@code POST /e/{key}} stores events (one object or an array; names checked as the server does) and answers
 * {@code {"ids":[...],"status":200}} as {@code text/plain}; functions registered with {@link #onEvent} start a run for
 * each matching event, which ends after the function's run time. The internal ID comes from the
 * {@code x-inngest-event-id-seed} header when there is one, as on the server: a second send with the same seed gets
 * the same ID and starts no run;</li>
 * <li>v1 reads: {@code GET /v1/events} (filters on {@code received_at}, newest first, {@code cursor}, {@code limit}
 * clamped to [1, 51]), {@code /v1/events/{id}}, {@code /v1/events/{id}/runs}, {@code /v1/runs/{id}},
 * {@code /v1/runs/{id}/jobs}, {@code /v1/apps/{appId}/functions}. Errors come as HTTP 200 with the status in the
 * body. A run's v1 {@code output} is {@code ""} once completed (its value is only in v2), {@code {}} once cancelled,
 * the error object once failed. The v1 GETs are cached per URL as on the server (event 5 s, event runs 15 s, run
 * 3 s, jobs 5 s): an early empty run list stays empty for 15 s. See {@link #cacheV1Reads} and {@link #setClock};</li>
 * <li>v2 reads: {@code GET /v2/runs/{id}} ({@code includeOutput=true} for the output), {@code /v2/events/{id}/runs},
 * {@code /v2/runs} (filtered by app, function, status and a time field, with an opaque cursor), {@code /v2/apps},
 * {@code /v2/apps/{appId}/functions}; {@code POST /v2/apps/{appId}/functions/{functionId}/invoke} (starts a run
 * without an event; an {@code idempotencyKey} already used answers the same run: with 200 within 200 ms of the first
 * call, then with 409 Conflict, as the Dev Server does) and
 * {@code POST /v2/runs/{id}/rerun} (a new run of the function with the same input, listed with the original's
 * event); unknown ones are 404
 * {@code {"errors":[{"code":"not_found",...}]}};</li>
 * <li>{@code DELETE /v1/runs/{id}} (200 and empty, also for a run that already ended), {@code POST /v1/signals}
 * (resumes a run waiting with {@link #waitForSignal}; 404 when none waits), bulk cancellations (500 with an empty
 * body, as on a Dev Server), {@code GET /health};</li>
 * <li>any other path under {@code /v1}: the plain-text {@code 404 page not found}; under {@code /v2}: 404
 * {@code {"errors":[{"code":"api_error","message":"Not Found"}]}}; any other path: 200 with an empty body.</li>
 * </ul>
 * Tests add events and move runs along while routes poll; faults go on top as ordinary WireMock stubs of higher
 * priority. {@link FakeInngestServer} runs one on a port of its own.
 */
public final class FakeInngest implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-inngest";
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String SEED_HEADER = "x-inngest-event-id-seed";
    private static final Duration EVENT_TTL = Duration.ofSeconds(5);
    private static final Duration EVENT_RUNS_TTL = Duration.ofSeconds(15);
    private static final Duration RUN_TTL = Duration.ofSeconds(3);
    private static final Duration JOBS_TTL = Duration.ofSeconds(5);
    /** How long the Dev Server answers a reused idempotency key of invoke with 200 before it says 409 (seen live). */
    private static final Duration REUSED_KEY_STILL_OK = Duration.ofMillis(200);

    /** An event as stored: internal ID, name, when stored, payload. */
    public record StoredEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
    }

    /** A run as stored. {@code functionId} is the function's ID within its app, e.g. {@code ship-order}. */
    public record StoredRun(String runId, String eventId, String functionId, String appId, String status, Instant startedAt,
                            Instant endedAt, Object output) {

        public StoredRun withStatus(String newStatus, Instant ended, Object newOutput) {
            return new StoredRun(runId, eventId, functionId, appId, newStatus, startedAt, ended, newOutput);
        }
    }

    private record Trigger(String eventName, String appId, String functionId, Duration runTime,
                           Function<Map<String, Object>, Object> handler, Instant registeredAt) {
    }

    private record Transition(String runId, Instant at, String status, Object output) {
    }

    /** A run an idempotency key started, and when. */
    private record Invocation(String runId, Instant at) {
    }

    private record Waiter(String runId, Function<Map<String, Object>, Object> output) {
    }

    private record Job(String jobId, String kind, Instant at) {
    }

    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> runsByEvent = new ConcurrentHashMap<>();
    /** The data each run was started with (event data, or the data of an invocation): what a rerun starts with. */
    private final Map<String, Map<String, Object>> inputs = new ConcurrentHashMap<>();
    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final Map<String, List<Job>> jobs = new ConcurrentHashMap<>();
    private final Map<String, Invocation> invocations = new ConcurrentHashMap<>();
    private final ResponseCache cache = new ResponseCache();
    private volatile Clock clock = Clock.systemUTC();
    private volatile boolean cacheV1Reads = true;
    private final FakeFunctions functions = new FakeFunctions(this);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // how time passes

    /**
     * The clock of everything that depends on time: when events are received, runs start and end, and cached v1
     * answers expire. A test that moves its own clock sees the server's cache windows pass without waiting.
     */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether v1 GETs are cached per URL as on the real server (the default). Off, every v1 read is fresh: for tests
     * of logic that polls far faster than the server's cache windows and does not test how it copes with them.
     */
    public void cacheV1Reads(boolean enabled) {
        this.cacheV1Reads = enabled;
        cache.clear();
    }

    Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------------------------------------------------
    // test data

    /** The apps synced with this fake ({@code POST /fn/register}) and the runs it drives by calling them. */
    public FakeFunctions functions() {
        return functions;
    }

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

    /** Forgets all events, runs, functions, waiting signals, jobs and cached answers. */
    public void clear() {
        events.clear();
        runs.clear();
        runsByEvent.clear();
        inputs.clear();
        triggers.clear();
        transitions.clear();
        waiters.clear();
        jobs.clear();
        invocations.clear();
        cache.clear();
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
        runs.put(runId, run.withStatus(status, isEnded(status) ? now() : null, output));
    }

    /**
     * Registers a function: every event named {@code eventName} sent through {@code POST /e/{key}} starts a run of
     * it (status Running), which completes {@code runTime} later with the handler's result as its output (or fails
     * with an error output when the handler throws). The function is also listed by the apps and functions
     * endpoints, and can be invoked ({@code POST /v2/apps/{appId}/functions/{functionId}/invoke}) with the data given.
     */
    public void onEvent(String eventName, String appId, String functionId, Duration runTime,
                        Function<Map<String, Object>, Object> handler) {
        triggers.add(new Trigger(eventName, appId, functionId, runTime, handler, now()));
    }

    /**
     * Makes a run wait for a signal, as {@code step.waitForSignal} does: {@code POST /v1/signals} with that signal
     * completes it with {@code output} applied to the signal's data.
     */
    public void waitForSignal(String runId, String signal, Function<Map<String, Object>, Object> output) {
        waiters.put(signal, new Waiter(runId, output));
    }

    /** Adds a job enqueued for a run (e.g. {@code sleep} until {@code at}), as {@code GET /v1/runs/{id}/jobs} lists. */
    public void addJob(String runId, String kind, Instant at) {
        jobs.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>())
                .add(new Job(Long.toString(Math.abs((runId + kind + at).hashCode()), 36), kind, at));
    }

    private static boolean isEnded(String status) {
        return !status.equals("Running") && !status.equals("Scheduled") && !status.equals("Unknown");
    }

    private void applyTransitions() {
        Instant now = now();
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
        String[] p = path.substring(1).split("/");
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");

        if (post && p.length == 2 && p[0].equals("e")) {
            return sendEvents(request);
        }
        if (post && path.equals("/fn/register")) {
            return functions.register(request);
        }
        if (get && path.equals("/health")) {
            return json(200, "{\"status\":200,\"message\":\"OK\"}");
        }
        if (p[0].equals("v1")) {
            ResponseDefinition v1 = v1(request, method, p);
            if (v1 != null) {
                return v1;
            }
        }
        if (p[0].equals("v2")) {
            ResponseDefinition v2 = v2(request, get, post, p);
            if (v2 != null) {
                return v2;
            }
        }
        if (p[0].equals("v1")) {
            return responseDefinition().withStatus(404).withHeader("Content-Type", "text/plain; charset=utf-8")
                    .withHeader("X-Content-Type-Options", "nosniff").withBody("404 page not found\n").build();
        }
        if (p[0].equals("v2")) {
            return json(404, FakeJson.v2Error("api_error", "Not Found"));
        }
        // what a Dev Server answers for a path it does not know (recorded with GET): 200, no type, no body
        return responseDefinition().withStatus(200).build();
    }

    private ResponseDefinition v1(Request request, String method, String[] p) {
        boolean get = method.equals("GET");
        if (p.length >= 2 && p[1].equals("cancellations")) {
            return cancellations(request, method);
        }
        if (get && p.length == 2 && p[1].equals("events")) {
            return listEvents(request);
        }
        if (get && p.length == 3 && p[1].equals("events")) {
            if (!ULID.matcher(p[2]).matches()) {
                return json(200, FakeJson.v1Error(400, "Invalid event ID: " + p[2]));
            }
            return cached(request, EVENT_TTL, () -> events.stream().filter(e -> e.internalId().equals(p[2])).findFirst()
                            .map(FakeJson::event).orElse(null),
                    () -> FakeJson.v1Error(404, "Event not found"));
        }
        if (get && p.length == 4 && p[1].equals("events") && p[3].equals("runs")) {
            return cached(request, EVENT_RUNS_TTL, () -> {
                ArrayNode data = FakeJson.MAPPER.createArrayNode();
                runsByEvent.getOrDefault(p[2], List.of()).forEach(id -> data.add(FakeJson.v1Run(runs.get(id), true)));
                return data;
            }, null);
        }
        if (p.length == 3 && p[1].equals("runs")) {
            if (method.equals("DELETE")) {
                return cancelRun(p[2]);
            }
            if (get) {
                if (!ULID.matcher(p[2]).matches()) {
                    return json(200, FakeJson.v1Error(400, "Invalid run ID: " + p[2]));
                }
                return cached(request, RUN_TTL, () -> runs.containsKey(p[2]) ? FakeJson.v1Run(runs.get(p[2]), false) : null,
                        () -> FakeJson.v1Error(500, "Unable to load function run: " + p[2]));
            }
        }
        if (get && p.length == 4 && p[1].equals("runs") && p[3].equals("jobs")) {
            return cached(request, JOBS_TTL, () -> {
                ArrayNode data = FakeJson.MAPPER.createArrayNode();
                StoredRun run = runs.get(p[2]);
                if (run != null && !isEnded(run.status())) {
                    jobs.getOrDefault(p[2], List.of()).forEach(j -> data.add(FakeJson.job(j.jobId(), j.kind(), j.at(), run)));
                }
                return data;
            }, null);
        }
        if (get && p.length == 4 && p[1].equals("apps") && p[3].equals("functions")) {
            ArrayNode list = FakeJson.MAPPER.createArrayNode();
            functionsOf(p[2]).forEach((fn, t) -> list.add(FakeJson.v1Function(p[2], fn, eventsOf(p[2], fn),
                    t.registeredAt())));
            return json(200, list.toString());
        }
        if (method.equals("POST") && p.length == 2 && p[1].equals("signals")) {
            return signal(request);
        }
        return null;
    }

    private ResponseDefinition v2(Request request, boolean get, boolean post, String[] p) {
        boolean includeOutput = "true".equals(param(request, "includeOutput")) || "true".equals(param(request, "include_output"));
        if (get && p.length == 2 && p[1].equals("runs")) {
            return listRunsV2(request, includeOutput);
        }
        if (get && p.length == 3 && p[1].equals("runs")) {
            StoredRun run = runs.get(p[2]);
            return run == null
                    ? json(404, FakeJson.v2Error("not_found", "Run not found"))
                    : json(200, FakeJson.v2(FakeJson.v2Run(run, includeOutput), now(), null));
        }
        if (post && p.length == 4 && p[1].equals("runs") && p[3].equals("rerun")) {
            return rerun(p[2]);
        }
        if (get && p.length == 4 && p[1].equals("events") && p[3].equals("runs")) {
            // newest first (v1 lists them oldest first); a rerun is listed with the event that started the original
            List<String> ids = new ArrayList<>(runsByEvent.getOrDefault(p[2], List.of()));
            java.util.Collections.reverse(ids);
            // pages of 20 by default (also for limit=0) and 40 at most, followed with page.cursor while page.hasMore;
            // a limit out of range is a 400, as on the Dev Server
            int limit = param(request, "limit") == null ? 0 : Integer.parseInt(param(request, "limit"));
            if (limit < 0 || limit > 40) {
                return json(400, FakeJson.v2Error("invalid_field_format",
                        limit < 0 ? "Limit must be at least 1" : "Limit cannot exceed 40"));
            }
            limit = limit == 0 ? 20 : limit;
            List<StoredRun> listed = ids.stream().map(runs::get).toList();
            return json(200, v2Page(listed, offsetOf(request), limit, includeOutput));
        }
        if (get && p.length == 2 && p[1].equals("apps")) {
            List<ObjectNode> apps = triggers.stream().map(Trigger::appId).distinct()
                    .map(app -> FakeJson.v2App(app, functionsOf(app).size(),
                            functionsOf(app).values().iterator().next().registeredAt()))
                    .toList();
            return json(200, FakeJson.v2(apps, now(), 20));
        }
        if (get && p.length == 4 && p[1].equals("apps") && p[3].equals("functions")) {
            List<ObjectNode> functions = functionsOf(p[2]).keySet().stream()
                    .map(fn -> FakeJson.v2Function(p[2], fn, eventsOf(p[2], fn))).toList();
            return json(200, FakeJson.v2(functions, now(), 20));
        }
        if (post && p.length == 6 && p[1].equals("apps") && p[3].equals("functions") && p[5].equals("invoke")) {
            return invoke(request, p[2], p[4]);
        }
        return null;
    }

    /**
     * A v1 GET: the fresh answer of {@code data} (null: {@code error}'s answer, never cached), or, within the route's
     * cache window, the very bytes first sent, without Cache-Control and without an explicit type (Go then sniffs
     * text/plain), as the server's cache answers.
     */
    private ResponseDefinition cached(Request request, Duration ttl, Supplier<Object> data,
                                      Supplier<String> error) {
        Instant now = now();
        Supplier<String> compute = () -> {
            Object value = data.get();
            return value == null ? null : FakeJson.v1(value, now, ttl);
        };
        if (!cacheV1Reads) {
            String body = compute.get();
            return body == null ? json(200, error.get()) : json(200, body);
        }
        String key = request.getUrl() + " " + request.getHeader("Authorization");
        ResponseCache.Hit hit = cache.get(key, now, ttl, compute);
        if (hit.body() == null) {
            return json(200, error.get());
        }
        if (hit.cached()) {
            return responseDefinition().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
                    .withBody(hit.body() + "\n").build();
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=" + ttl.toSeconds()).withBody(hit.body() + "\n").build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    private ResponseDefinition sendEvents(Request request) {
        JsonNode body;
        try {
            body = FakeJson.MAPPER.readTree(request.getBodyAsString());
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
        String seed = request.getHeader(SEED_HEADER);
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
            @SuppressWarnings("unchecked")
            Map<String, Object> data = item.hasNonNull("data")
                    ? FakeJson.MAPPER.convertValue(item.get("data"), Map.class)
                    : Map.of();
            Instant now = now();
            String id = seed == null ? null : seededId(seed, i + 1);
            boolean seen = id != null && events.stream().anyMatch(e -> e.internalId().equals(id));
            StoredEvent event = addEvent(id == null ? Ulids.at(now) : id, name, now, data);
            ids.add(event.internalId());
            if (!seen) {
                // the server stores an event sent again under the same ID, but starts no second run for it
                startRuns(event);
            }
        }
        ObjectNode ok = FakeJson.MAPPER.createObjectNode();
        ok.set("ids", ids);
        ok.put("status", 200);
        return eventApi(200, ok.toString());
    }

    /** The event API sets no Content-Type: Go sniffs text/plain. */
    private static ResponseDefinition eventApi(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(body + "\n").build();
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

    private void startRuns(StoredEvent event) {
        functions.onEvent(event);
        for (Trigger trigger : triggers) {
            if (trigger.eventName().equals(event.name())) {
                startRun(trigger, event.internalId(), event.data());
            }
        }
    }

    private StoredRun startRun(Trigger trigger, String eventId, Map<String, Object> data) {
        Instant now = now();
        StoredRun run = putRun(new StoredRun(Ulids.at(now), eventId, trigger.functionId(), trigger.appId(), "Running", now,
                null, null));
        inputs.put(run.runId(), data);
        Object output;
        String status;
        try {
            output = trigger.handler().apply(data);
            status = "Completed";
        } catch (RuntimeException e) {
            output = Map.of("name", "Error", "message", String.valueOf(e.getMessage()));
            status = "Failed";
        }
        transitions.add(new Transition(run.runId(), now.plus(trigger.runTime()), status, output));
        return run;
    }

    private ResponseDefinition listEvents(Request request) {
        Instant after;
        Instant before;
        try {
            after = param(request, "received_after") == null
                    ? now().minusSeconds(3600)
                    : OffsetDateTime.parse(param(request, "received_after")).toInstant();
        } catch (DateTimeParseException e) {
            return json(200, FakeJson.v1Error(400, "Invalid received_after query parameter"));
        }
        try {
            before = param(request, "received_before") == null
                    ? now()
                    : OffsetDateTime.parse(param(request, "received_before")).toInstant();
        } catch (DateTimeParseException e) {
            // sic: the server's handler reuses the received_after message
            return json(200, FakeJson.v1Error(400, "Invalid received_after query parameter"));
        }
        String name = param(request, "name");
        String cursor = param(request, "cursor");
        int limit = eventsLimit(param(request, "limit"));
        ArrayNode data = FakeJson.MAPPER.createArrayNode();
        events.stream()
                // as the Dev Server compares: received_after inclusive, received_before exclusive (an event received at
                // exactly received_before is left out)
                .filter(e -> !e.receivedAt().isBefore(after) && e.receivedAt().isBefore(before))
                .filter(e -> name == null || name.equals(e.name()))
                .filter(e -> cursor == null || e.internalId().compareTo(cursor) < 0)
                .sorted(Comparator.comparing(StoredEvent::internalId).reversed())
                .limit(limit)
                .forEach(e -> data.add(FakeJson.event(e)));
        return json(200, FakeJson.v1(data, now(), null));
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

    // ---------------------------------------------------------------------------------------------------------
    // runs

    private ResponseDefinition cancelRun(String runId) {
        if (!ULID.matcher(runId).matches()) {
            return json(400, FakeJson.v1Error(400, "Invalid run ID: " + runId));
        }
        StoredRun run = runs.get(runId);
        if (run == null) {
            return json(404, FakeJson.v1Error(404, "Unable to load function run: " + runId));
        }
        if (!isEnded(run.status())) {
            runs.put(runId, run.withStatus("Cancelled", now(), null));
        }
        // a run that already ended stays as it was
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json").build();
    }

    /**
     * Bulk cancellations are Inngest Cloud only: the Dev Server answers 500 with an empty body, after checking that a
     * new cancellation's {@code started_before} lies in the past.
     */
    private ResponseDefinition cancellations(Request request, String method) {
        if (method.equals("GET")) {
            return responseDefinition().withStatus(500).build();
        }
        if (method.equals("POST")) {
            try {
                JsonNode body = FakeJson.MAPPER.readTree(request.getBodyAsString());
                String before = body.path("started_before").asText("");
                if (!before.isEmpty() && OffsetDateTime.parse(before).toInstant().isAfter(now())) {
                    return json(400, FakeJson.v1Error(400, "started_before must be in the past"));
                }
            } catch (Exception e) {
                return json(400, FakeJson.v1Error(400, "Invalid request body"));
            }
        }
        return responseDefinition().withStatus(500).withHeader("Content-Type", "application/json").build();
    }

    private ResponseDefinition rerun(String runId) {
        StoredRun original = runs.get(runId);
        if (original == null) {
            return json(404, FakeJson.v2Error("not_found", "Run not found"));
        }
        Map<String, Object> input = inputs.getOrDefault(runId, dataOf(original.eventId()));
        Trigger trigger = triggerOf(original.appId(), original.functionId());
        StoredRun rerun;
        if (trigger != null) {
            rerun = startRun(trigger, original.eventId(), input);
        } else {
            // a run put in by a test, of a function the fake does not know: it starts and stays running
            Instant now = now();
            rerun = putRun(new StoredRun(Ulids.at(now), original.eventId(), original.functionId(), original.appId(),
                    "Running", now, null, null));
            inputs.put(rerun.runId(), input);
        }
        return json(200, FakeJson.v2(Map.of("runId", rerun.runId()), now(), null));
    }

    private ResponseDefinition invoke(Request request, String appId, String functionId) {
        Trigger trigger = triggerOf(appId, functionId);
        if (trigger == null) {
            return json(404, FakeJson.v2Error("not_found", "Function not found"));
        }
        JsonNode body;
        try {
            String text = request.getBodyAsString();
            body = text == null || text.isBlank() ? FakeJson.MAPPER.createObjectNode() : FakeJson.MAPPER.readTree(text);
        } catch (Exception e) {
            return json(400, FakeJson.v2Error("invalid_request", "Invalid request body"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = body.hasNonNull("data") ? FakeJson.MAPPER.convertValue(body.get("data"), Map.class) : Map.of();
        String key = body.path("idempotencyKey").asText("");
        if (key.isEmpty()) {
            return json(200, FakeJson.v2(Map.of("runId", startRun(trigger, Ulids.at(now()), data).runId()), now(), null));
        }
        Instant now = now();
        Invocation first = invocations.computeIfAbsent(appId + "/" + functionId + "/" + key,
                k -> new Invocation(startRun(trigger, Ulids.at(now), data).runId(), now));
        // as the Dev Server: the same key answers the same run with 200 for a moment, then 409 naming that run
        int status = Duration.between(first.at(), now).compareTo(REUSED_KEY_STILL_OK) < 0 ? 200 : 409;
        return json(status, FakeJson.v2(Map.of("runId", first.runId()), now, null));
    }

    private ResponseDefinition signal(Request request) {
        JsonNode body;
        try {
            body = FakeJson.MAPPER.readTree(request.getBodyAsString());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.path("signal").isTextual()) {
            return json(400, FakeJson.v1Error(400, "Invalid signal data"));
        }
        Waiter waiter = waiters.remove(body.path("signal").asText());
        StoredRun run = waiter == null ? null : runs.get(waiter.runId());
        if (run == null || isEnded(run.status())) {
            return json(404, FakeJson.v1Error(404, "No signal found"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = body.path("data").isObject() ? FakeJson.MAPPER.convertValue(body.get("data"), Map.class) : Map.of();
        runs.put(run.runId(), run.withStatus("Completed", now(), waiter.output().apply(data)));
        return json(200, FakeJson.v1(Map.of("run_id", run.runId()), now(), null));
    }

    private ResponseDefinition listRunsV2(Request request, boolean includeOutput) {
        String appId = param(request, "appId");
        String functionId = param(request, "functionId");
        List<String> statuses = request.queryParameter("status").isPresent()
                ? request.queryParameter("status").values()
                : List.of();
        Instant from = param(request, "from") == null ? Instant.EPOCH : OffsetDateTime.parse(param(request, "from")).toInstant();
        int limit = param(request, "limit") == null ? 20 : Integer.parseInt(param(request, "limit"));
        int offset = offsetOf(request);
        // the run's queued time is its start time here. By endedAt, runs that have not ended come first in the
        // default (descending) order, as recorded, unless a window start leaves them out
        boolean byEnd = "endedAt".equals(param(request, "timeField"));
        boolean openRuns = byEnd && param(request, "from") == null;
        Function<StoredRun, Instant> time = byEnd ? StoredRun::endedAt : StoredRun::startedAt;
        Comparator<StoredRun> order = Comparator.comparing(time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(StoredRun::runId);
        List<StoredRun> matching = runs.values().stream()
                .filter(r -> time.apply(r) == null ? openRuns : !time.apply(r).isBefore(from))
                .filter(r -> appId == null || appId.equals(r.appId()))
                .filter(r -> functionId == null || functionId.equals(r.functionId()))
                .filter(r -> statuses.isEmpty() || statuses.contains(FakeJson.v2Status(r.status())))
                .sorted("ASC".equals(param(request, "order")) ? order : order.reversed())
                .toList();
        return json(200, v2Page(matching, offset, limit, includeOutput));
    }

    /** Where a v2 listing goes on: the offset its opaque cursor holds. */
    private static int offsetOf(Request request) {
        String cursor = param(request, "cursor");
        return cursor == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
    }

    /** One page of a v2 run listing: no data key when empty, page.cursor and page.hasMore while more follow. */
    private String v2Page(List<StoredRun> listed, int offset, int limit, boolean includeOutput) {
        ObjectNode body = FakeJson.MAPPER.createObjectNode();
        List<StoredRun> page = listed.subList(Math.min(offset, listed.size()), Math.min(offset + limit, listed.size()));
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(r -> data.add(FakeJson.v2Run(r, includeOutput)));
        }
        body.putObject("metadata").put("fetchedAt", FakeJson.time(now()));
        ObjectNode pageNode = body.putObject("page");
        if (offset + limit < listed.size()) {
            pageNode.put("cursor", Base64.getEncoder().encodeToString(
                    Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8)));
            pageNode.put("hasMore", true);
        }
        pageNode.put("limit", limit);
        return body.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // functions

    /** The functions of an app, by function ID, with the first trigger registered for each. */
    private Map<String, Trigger> functionsOf(String appId) {
        Map<String, Trigger> functions = new LinkedHashMap<>();
        triggers.stream().filter(t -> t.appId().equals(appId)).forEach(t -> functions.putIfAbsent(t.functionId(), t));
        return functions;
    }

    private List<String> eventsOf(String appId, String functionId) {
        return triggers.stream().filter(t -> t.appId().equals(appId) && t.functionId().equals(functionId))
                .map(Trigger::eventName).distinct().toList();
    }

    private Trigger triggerOf(String appId, String functionId) {
        return triggers.stream().filter(t -> t.appId().equals(appId) && t.functionId().equals(functionId))
                .findFirst().orElse(null);
    }

    private Map<String, Object> dataOf(String eventId) {
        return events.stream().filter(e -> e.internalId().equals(eventId)).findFirst()
                .map(StoredEvent::data).orElse(Map.of());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private static String param(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }
}
