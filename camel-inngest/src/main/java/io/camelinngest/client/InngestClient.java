package io.camelinngest.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.net.URIBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelinngest.client.HttpTransport.HttpResponseData;
import io.camelinngest.client.ResponseReader.Outcome;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.Cancellation;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.InngestFunction;
import io.camelinngest.model.RunJob;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;
import io.camelinngest.model.SendResult;

/**
 * A plain-Java client for Inngest's HTTP APIs: every call goes through one path that adds the credentials, reads
 * the response with both server traps in mind ({@link ResponseReader}), retries what is safe to retry with
 * exponential backoff and jitter (honouring {@code Retry-After}), and retries once with the fallback signing key on
 * 401/403. Failures are {@link InngestApiException}s; bad input is an {@link IllegalArgumentException} thrown
 * before any request is made. Thread-safe.
 */
public final class InngestClient {

    private static final Logger LOG = LoggerFactory.getLogger(InngestClient.class);
    private static final int V2_PAGE_SIZE = 100;
    /** The most runs one page of an event's runs holds: the Dev Server answers "Limit cannot exceed 40" above it. */
    private static final int V2_EVENT_RUNS_PAGE_SIZE = 40;

    private final InngestClientConfig config;
    private final HttpTransport transport;
    private final ResponseReader reader;
    private final Redactor redactor;
    private final Backoff backoff;
    /** Built once: a URIBuilder per send was a quarter of the client's own CPU time per event sent (benchmarks). */
    private final URI sendUri;
    /** The v2 runs path ending in "/", built once: a run ID (a checked ULID) is appended as is; null: build each. */
    private final String runsV2Prefix;
    private volatile boolean preferFallbackKey;
    private volatile boolean v2Missing;

    public InngestClient(InngestClientConfig config, HttpTransport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.redactor = new Redactor(config.secrets());
        this.reader = new ResponseReader(redactor);
        this.backoff = new Backoff(config.retryDelay(), config.retryMaxDelay());
        this.sendUri = config.hasEventKey() ? uri(config.eventBaseUrl(), "e", config.eventKey()) : null;
        URI api = config.apiBaseUrl();
        this.runsV2Prefix = api.getRawQuery() == null && api.getRawFragment() == null
                ? uri(api, "v2", "runs") + "/"
                : null;
    }

    public InngestClientConfig config() {
        return config;
    }

    /** Whether a request is safe to send again after a failure whose outcome is unknown. */
    private enum Safety {
        /** GET, DELETE, and sends carrying an event ID seed: repeat on connection errors, 429 and 5xx. */
        REPEATABLE,
        /** A POST that changes state: repeat only when the server cannot have acted (connect failure, 429). */
        ONCE
    }

    private enum Auth {
        NONE,
        SIGNING_KEY
    }

    // ---------------------------------------------------------------------------------------------------------
    // Events

    /**
     * Sends events ({@code POST /e/{eventKey}}), split into requests of at most {@code maxEventsPerRequest}. The
     * whole send carries one event ID seed, reused on every retry, so a retried send cannot start duplicate runs.
     *
     * @param  events               one event or a collection/array of events (see {@link EventBatch#of})
     * @return                      the internal event IDs in the order given
     * @throws InngestApiException  when the server rejects a request; for a send that failed part-way, it names
     *                              the accepted IDs and the index of the first event not accepted
     */
    public SendResult sendEvents(Object events) {
        return sendEvents(events, EventIdSeed.random());
    }

    /**
     * Sends events with a given event ID seed: sending the same events again with the same seed (a redelivery of
     * the same message) yields the same internal IDs and starts no duplicate runs.
     *
     * @see #sendEvents(Object)
     */
    public SendResult sendEvents(Object events, EventIdSeed seed) {
        requireEventKey("sendEvents");
        EventBatch batch = EventBatch.of(events, config.maxEventSize());
        URI uri = sendUri;
        List<String> ids = new ArrayList<>(batch.size());
        for (int from = 0; from < batch.size(); from += config.maxEventsPerRequest()) {
            int to = Math.min(batch.size(), from + config.maxEventsPerRequest());
            Outcome outcome;
            try {
                outcome = exchange("sendEvents", "POST", uri, Auth.NONE, batch.arrayBody(from, to),
                        Map.of(EventIdSeed.HEADER, seed.forOffset(from).headerValue()), Safety.REPEATABLE, false);
            } catch (InngestApiException e) {
                // no answer (connection failure): what earlier requests had accepted still counts
                throw partialSendFailure(e, ids, batch.size());
            }
            List<String> returned = outcome.json() == null ? List.of() : textList(outcome.json().get("ids"));
            if (outcome.failed()) {
                List<String> accepted = new ArrayList<>(ids);
                returned.stream().filter(id -> !id.isEmpty()).forEach(accepted::add);
                throw partialSendFailure(outcome.error(), accepted, batch.size());
            }
            if (returned.size() != to - from) {
                throw new InngestApiException("sendEvents", 200, 200, null, null, false, ids, from,
                        "sendEvents failed: the server returned " + returned.size() + " IDs for " + (to - from) + " events",
                        null);
            }
            ids.addAll(returned);
        }
        return new SendResult(ids);
    }

    private static InngestApiException partialSendFailure(InngestApiException cause, List<String> accepted, int total) {
        String message = accepted.isEmpty()
                ? cause.getMessage()
                : "sendEvents failed part-way: Inngest accepted " + accepted.size() + " of " + total
                  + " events (they will start runs) and rejected the event at index " + accepted.size() + ": "
                  + cause.getMessage().substring("sendEvents failed: ".length());
        return cause.withSendProgress(accepted, message);
    }

    /** Lists one page of events, newest first ({@code GET /v1/events}). */
    public EventPage listEvents(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.limit() != null && (query.limit() < 1 || query.limit() > EventQuery.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + EventQuery.MAX_LIMIT + ", was " + query.limit());
        }
        if (query.cursor() != null && !Ulid.isValid(query.cursor())) {
            throw new IllegalArgumentException("cursor must be the internal ID (a ULID) of an event, was '" + query.cursor() + "'");
        }
        Instant before = query.receivedBefore();
        Instant after = query.receivedAfter() != null
                ? query.receivedAfter()
                : (before != null ? before : Instant.now()).minus(Duration.ofHours(1));
        if (before != null && after.isAfter(before)) {
            throw new IllegalArgumentException("receivedAfter (" + after + ") must not be after receivedBefore (" + before + ")");
        }
        URIBuilder builder = builder(config.apiBaseUrl(), "v1", "events").addParameter("received_after", after.toString());
        if (before != null) {
            builder.addParameter("received_before", before.toString());
        }
        if (query.name() != null) {
            builder.addParameter("name", query.name());
        }
        if (query.cursor() != null) {
            builder.addParameter("cursor", query.cursor());
        }
        if (query.limit() != null) {
            builder.addParameter("limit", query.limit().toString());
        }
        List<InngestEvent> events = getList("listEvents", build(builder), InngestEvent.class);
        int limit = query.limit() == null ? EventQuery.DEFAULT_LIMIT : query.limit();
        String next = events.size() >= limit && !events.isEmpty() ? events.get(events.size() - 1).internalId() : null;
        return new EventPage(events, next);
    }

    /** Gets one event by its internal ID ({@code GET /v1/events/{internalId}}). */
    public InngestEvent getEvent(String internalId) {
        requireUlid(internalId, "eventId");
        return getObject("getEvent", uri(config.apiBaseUrl(), "v1", "events", internalId),
                InngestEvent.class);
    }

    /**
     * Lists the runs an event started, with their outputs: {@code GET /v2/events/{internalId}/runs} (not cached by the
     * server, so a run shows as soon as it exists), or {@code GET /v1/events/{internalId}/runs} on a server without
     * v2 (cached 15 s, no output for completed runs). Empty for an unknown event.
     */
    public List<FunctionRun> listEventRuns(String internalId) {
        requireUlid(internalId, "eventId");
        JsonNode v2 = v2Get("listEventRuns", eventRunsPage(internalId, null));
        if (v2 != null) {
            List<FunctionRun> runs = new ArrayList<>();
            String cursor = null;
            while (true) {
                v2.path("data").forEach(run -> runs.add(V2Runs.toRun("listEventRuns", run)));
                JsonNode page = v2.path("page");
                String next = page.path("hasMore").asBoolean(false) ? page.path("cursor").asText(null) : null;
                if (next == null) {
                    return runs;
                }
                if (next.equals(cursor)) {
                    throw unexpected("listEventRuns", "a new page: the server returned the same cursor twice");
                }
                cursor = next;
                v2 = get("listEventRuns", eventRunsPage(internalId, cursor));
            }
        }
        return getList("listEventRuns", uri(config.apiBaseUrl(), "v1", "events", internalId, "runs"), FunctionRun.class)
                .stream().map(InngestClient::v1Run).toList();
    }

    /** A page of {@code GET /v2/events/{id}/runs}, at the server's largest page size (40). */
    private URI eventRunsPage(String internalId, String cursor) {
        URIBuilder builder = builder(config.apiBaseUrl(), "v2", "events", internalId, "runs")
                .addParameter("includeOutput", "true")
                .addParameter("limit", Integer.toString(V2_EVENT_RUNS_PAGE_SIZE));
        if (cursor != null) {
            builder.addParameter("cursor", cursor);
        }
        return build(builder);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Runs

    /**
     * Gets a run with its status and output: {@code GET /v2/runs/{runId}?includeOutput=true} (not cached by the
     * server), or {@code GET /v1/runs/{runId}} on a server without v2 (cached 3 s, no output for completed runs).
     *
     * @throws InngestApiException with status 404 and error code {@code not_found} when the server does not know the
     *                             run (or does not show it yet); not retryable
     */
    public FunctionRun getRun(String runId) {
        requireUlid(runId, "runId");
        try {
            JsonNode v2 = v2Get("getRun", runsV2Prefix != null
                    ? URI.create(runsV2Prefix + runId + "?includeOutput=true")
                    : build(builder(config.apiBaseUrl(), "v2", "runs", runId).addParameter("includeOutput", "true")));
            if (v2 != null) {
                return V2Runs.toRun("getRun", data("getRun", v2));
            }
            return v1Run(getObject("getRun", uri(config.apiBaseUrl(), "v1", "runs", runId), FunctionRun.class));
        } catch (InngestApiException e) {
            throw isUnknownRun(e) ? notFound(e, "run " + runId) : e;
        }
    }

    /**
     * Whether a failed read means the server does not know the run: v2 answers 404 {@code not_found}; v1 hides it as
     * status 500 "Unable to load function run" inside an HTTP 200 (a run also reads so until it is stored).
     */
    private static boolean isUnknownRun(InngestApiException e) {
        return e.getStatus() == 404 || (e.getError() != null && e.getError().startsWith("Unable to load function run"));
    }

    /** v1 writes {@code ""} where a completed run's output would be: it has none to give. */
    private static FunctionRun v1Run(FunctionRun run) {
        return "".equals(run.output())
                ? new FunctionRun(run.runId(), run.runStartedAt(), run.functionId(), run.functionVersion(), run.environmentId(),
                        run.eventId(), run.batchId(), run.originalRunId(), run.cron(), run.status(), run.endedAt(), null,
                        run.queuedAt(), run.appId())
                : run;
    }

    /**
     * Starts a run of a function directly, without an event ({@code POST /v2/apps/{appId}/functions/{functionId}/invoke}).
     *
     * @param  data           the function's input, as the event data it would otherwise get: a JSON object, or
     *                        {@code null} for {@code {}}
     * @param  idempotencyKey when given, the server starts at most one run for it; the request is then also safe to
     *                        repeat after a failure whose outcome is unknown
     * @return                the ID of the run started, or of the run this idempotency key started before (the
     *                        server answers a reused key with 409 Conflict and that run's ID)
     * @throws InngestApiException with status 404 naming the app and function when the server does not know them
     */
    public String invokeFunction(String appId, String functionId, Object data, String idempotencyKey) {
        requireText(appId, "appId");
        requireText(functionId, "functionId");
        JsonNode input = data == null ? InngestJson.mapper().createObjectNode() : InngestJson.mapper().valueToTree(data);
        if (!input.isObject()) {
            throw new IllegalArgumentException("invokeFunction: the function's data must be a JSON object, was a "
                                               + input.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        requireSigningKey("invokeFunction");
        ObjectNode body = InngestJson.mapper().createObjectNode();
        body.set("data", input);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            body.put("idempotencyKey", idempotencyKey);
        }
        Safety safety = body.has("idempotencyKey") ? Safety.REPEATABLE : Safety.ONCE;
        try {
            Outcome outcome = exchange("invokeFunction", "POST",
                    uri(config.apiBaseUrl(), "v2", "apps", appId, "functions", functionId, "invoke"), Auth.SIGNING_KEY,
                    bytes(body), Map.of(), safety, false);
            if (outcome.failed() && outcome.error().getHttpStatus() == 409 && safety == Safety.REPEATABLE
                && outcome.json() != null && !outcome.json().path("data").path("runId").asText("").isEmpty()) {
                // the key started a run before (an earlier call, or a retry of this one): the server answers 409 with
                // that run's ID, which is what the key promises to return
                return runIdOf("invokeFunction", outcome.json());
            }
            return runIdOf("invokeFunction", outcome.throwIfFailed());
        } catch (InngestApiException e) {
            throw e.getStatus() == 404 ? notFound(e, "function '" + functionId + "' of app '" + appId + "'") : e;
        }
    }

    /**
     * Runs a run's function again with the same input, as a new run ({@code POST /v2/runs/{runId}/rerun}).
     *
     * @return                     the ID of the new run
     * @throws InngestApiException with status 404 naming the run when the server does not know it
     */
    public String rerunRun(String runId) {
        requireUlid(runId, "runId");
        requireSigningKey("rerunRun");
        try {
            JsonNode json = exchange("rerunRun", "POST", uri(config.apiBaseUrl(), "v2", "runs", runId, "rerun"),
                    Auth.SIGNING_KEY, null, Map.of(), Safety.ONCE, false).throwIfFailed();
            return runIdOf("rerunRun", json);
        } catch (InngestApiException e) {
            if (e.getStatus() == 500) {
                // probed against the Dev Server: it answers so until the run's triggering event is stored, which for
                // an invoked run can be 50 to 200 ms after the run ended; the same request then succeeds
                throw e.withMessage(e.getMessage() + " (the Dev Server answers so while the run's event is not stored"
                                    + " yet, up to a few hundred milliseconds after an invoked run ended; not repeated"
                                    + " here, as a rerun is not safe to repeat: send it again once the event is there)");
            }
            throw e.getStatus() == 404 ? notFound(e, "run " + runId) : e;
        }
    }

    private static String runIdOf(String operation, JsonNode json) {
        String runId = data(operation, json).path("runId").asText(null);
        if (runId == null || runId.isEmpty()) {
            throw unexpected(operation, "an object with data.runId");
        }
        return runId;
    }

    /** A "not found" answer, said as such: not a server fault, and not worth repeating. */
    private static InngestApiException notFound(InngestApiException e, String what) {
        String detail = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
        return new InngestApiException(e.getOperation(), e.getHttpStatus(), 404, "not_found", e.getError(), false,
                e.getOperation() + " failed: " + what + " not found, or not visible yet (Inngest answered " + detail + ")",
                e.getCause());
    }

    /**
     * Lists one page of runs through the v2 API ({@code GET /v2/runs}), with their output. v2 statuses are mapped to
     * {@link io.camelinngest.model.RunStatus}; the run's {@code functionId} is the function's slug within its app
     * (v2 exposes no function UUID).
     */
    public RunPage listRuns(RunQuery query) {
        Objects.requireNonNull(query, "query");
        URIBuilder builder = builder(config.apiBaseUrl(), "v2", "runs")
                .addParameter("timeField", query.timeField().name())
                .addParameter("order", query.ascending() ? "ASC" : "DESC")
                .addParameter("includeOutput", "true")
                .addParameter("limit", Integer.toString(query.limit()));
        if (query.from() != null) {
            builder.addParameter("from", query.from().toString());
        }
        if (query.appId() != null) {
            builder.addParameter("appId", query.appId());
        }
        if (query.functionId() != null) {
            builder.addParameter("functionId", query.functionId());
        }
        for (RunStatus status : query.statuses()) {
            builder.addParameter("status", V2Runs.statusName(status));
        }
        if (query.cursor() != null) {
            builder.addParameter("cursor", query.cursor());
        }
        JsonNode json = get("listRuns", build(builder));
        List<FunctionRun> runs = new ArrayList<>();
        json.path("data").forEach(run -> runs.add(V2Runs.toRun("listRuns", run)));
        JsonNode page = json.path("page");
        return new RunPage(runs, page.path("hasMore").asBoolean(false) ? page.path("cursor").asText(null) : null);
    }

    /** Lists the jobs currently enqueued for a run ({@code GET /v1/runs/{runId}/jobs}). */
    public List<RunJob> listRunJobs(String runId) {
        requireUlid(runId, "runId");
        return getList("listRunJobs", uri(config.apiBaseUrl(), "v1", "runs", runId, "jobs"),
                RunJob.class);
    }

    /**
     * Cancels a run ({@code DELETE /v1/runs/{runId}}). Cancelling a run that already ended succeeds and does
     * nothing, as on the server.
     */
    public void cancelRun(String runId) {
        requireUlid(runId, "runId");
        try {
            delete("cancelRun", uri(config.apiBaseUrl(), "v1", "runs", runId));
        } catch (InngestApiException e) {
            // said as getRun says it, so that one check covers both
            throw isUnknownRun(e) ? notFound(e, "run " + runId) : e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Functions

    /** Lists the active functions of one app ({@code GET /v1/apps/{appId}/functions}). */
    public List<InngestFunction> listFunctions(String appId) {
        requireText(appId, "appId");
        JsonNode json = get("listFunctions", uri(config.apiBaseUrl(), "v1", "apps", appId, "functions"));
        if (!json.isArray()) {
            throw unexpected("listFunctions", "a JSON array of functions");
        }
        return list("listFunctions", json, InngestFunction.class);
    }

    /**
     * Lists the functions of every app of the environment, through the v2 listings of apps and of each app's
     * functions ({@code GET /v2/apps}, {@code GET /v2/apps/{appId}/functions}), following every page.
     */
    public List<AppFunction> listAllFunctions() {
        List<AppFunction> functions = new ArrayList<>();
        for (String appId : v2Pages("listFunctions", "apps").stream().map(app -> app.path("id").asText()).toList()) {
            for (JsonNode fn : v2Pages("listFunctions", "apps", appId, "functions")) {
                functions.add(new AppFunction(appId, fn.path("id").asText(null), fn.path("name").asText(null),
                        fn.path("isPaused").asBoolean(false), fn.path("isArchived").asBoolean(false),
                        convert(fn.path("triggers"), List.class, List.of()),
                        convert(fn.path("configuration"), Map.class, Map.of())));
            }
        }
        return functions;
    }

    private List<JsonNode> v2Pages(String operation, String... path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        java.util.Set<String> cursors = new java.util.HashSet<>();
        do {
            URIBuilder builder = builder(config.apiBaseUrl(), prepend("v2", path))
                    .addParameter("limit", Integer.toString(V2_PAGE_SIZE));
            if (cursor != null) {
                builder.addParameter("cursor", cursor);
            }
            JsonNode json = get(operation, build(builder));
            json.path("data").forEach(items::add);
            JsonNode page = json.path("page");
            String next = page.path("hasMore").asBoolean(false) ? page.path("cursor").asText(null) : null;
            if (next != null && !cursors.add(next)) {
                throw unexpected(operation, "a new page: the server returned a cursor already followed");
            }
            cursor = next;
        } while (cursor != null);
        return items;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Signals and bulk cancellations

    /**
     * Resumes the run waiting for a signal ({@code POST /v1/signals}).
     *
     * @return the ID of the run that was resumed
     */
    public String sendSignal(String signal, Object data) {
        requireText(signal, "signal");
        requireSigningKey("sendSignal");
        ObjectNode body = InngestJson.mapper().createObjectNode();
        body.put("signal", signal);
        body.set("data", InngestJson.mapper().valueToTree(data));
        JsonNode json = exchange("sendSignal", "POST", uri(config.apiBaseUrl(), "v1", "signals"), Auth.SIGNING_KEY,
                bytes(body), Map.of(), Safety.ONCE, false).throwIfFailed();
        return data("sendSignal", json).path("run_id").asText(null);
    }

    /** Creates a bulk cancellation ({@code POST /v1/cancellations}; Inngest Cloud only). */
    public Cancellation createCancellation(CancellationRequest request) {
        Objects.requireNonNull(request, "request");
        requireText(request.appId(), "appId");
        requireText(request.functionId(), "functionId");
        if (request.startedBefore() == null) {
            throw new IllegalArgumentException("startedBefore is required: runs started before it are cancelled");
        }
        if (request.startedAfter() != null && !request.startedAfter().isBefore(request.startedBefore())) {
            throw new IllegalArgumentException("createCancellation: started_after must be before started_before");
        }
        requireSigningKey("createCancellation");
        JsonNode json = exchange("createCancellation", "POST", uri(config.apiBaseUrl(), "v1", "cancellations"),
                Auth.SIGNING_KEY, bytes(InngestJson.mapper().valueToTree(request)), Map.of(), Safety.ONCE, false)
                .throwIfFailed();
        return object("createCancellation", data("createCancellation", json), Cancellation.class);
    }

    /** Lists bulk cancellations ({@code GET /v1/cancellations}; Inngest Cloud only). */
    public List<Cancellation> listCancellations() {
        return getList("listCancellations", uri(config.apiBaseUrl(), "v1", "cancellations"),
                Cancellation.class);
    }

    /** Deletes a bulk cancellation ({@code DELETE /v1/cancellations/{id}}; Inngest Cloud only). */
    public void deleteCancellation(String cancellationId) {
        requireUlid(cancellationId, "cancellationId");
        delete("deleteCancellation", uri(config.apiBaseUrl(), "v1", "cancellations", cancellationId));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The one HTTP path

    /**
     * A GET of the v2 API, or {@code null} when this server has none (an older self-hosted server: an HTML page or a
     * plain 404 instead of JSON). The client then reads the v1 API from then on, and says so once.
     */
    private JsonNode v2Get(String operation, URI uri) {
        if (v2Missing) {
            return null;
        }
        requireSigningKey(operation);
        Outcome outcome = exchange(operation, "GET", uri, Auth.SIGNING_KEY, null, Map.of(), Safety.REPEATABLE, false);
        if (outcome.failed() && isMissingApi(outcome.error())) {
            v2Missing = true;
            LOG.info("Inngest at {}://{} has no v2 API ({}): runs are read through v1, which has no output for completed"
                     + " runs and is cached by the server (runs 3 s, an event's runs 15 s)",
                    uri.getScheme(), uri.getAuthority(), outcome.error().getMessage());
            return null;
        }
        return outcome.throwIfFailed();
    }

    /** An answer that is not the API at all (not a JSON error of the API): the path does not exist on this server. */
    private static boolean isMissingApi(InngestApiException e) {
        return e.getErrorCode() == null && !e.isRetryable()
               && (e.getHttpStatus() == 404 || e.getHttpStatus() == 405 || (e.getHttpStatus() == 200 && e.getStatus() == 200));
    }

    /** Whether runs are read through the v2 API: not cached by the server, so polling them often is worthwhile. */
    public boolean readsRunsThroughV2() {
        return !v2Missing;
    }

    private JsonNode get(String operation, URI uri) {
        requireSigningKey(operation);
        return exchange(operation, "GET", uri, Auth.SIGNING_KEY, null, Map.of(), Safety.REPEATABLE, false).throwIfFailed();
    }

    /** A DELETE: 200 with an empty body is a success. */
    private void delete(String operation, URI uri) {
        requireSigningKey(operation);
        exchange(operation, "DELETE", uri, Auth.SIGNING_KEY, null, Map.of(), Safety.REPEATABLE, true).throwIfFailed();
    }

    private Outcome exchange(String operation, String method, URI uri, Auth auth, byte[] body,
                             Map<String, String> extraHeaders, Safety safety, boolean emptyBodyIsSuccess) {
        return exchange(operation, method, uri, auth, body, extraHeaders, safety, emptyBodyIsSuccess, null);
    }

    /** @param v1Data when not {@code null}, a plain v1 success is bound in one pass with this reader (see {@link V1Envelope}) */
    private Outcome exchange(String operation, String method, URI uri, Auth auth, byte[] body,
                             Map<String, String> extraHeaders, Safety safety, boolean emptyBodyIsSuccess,
                             ObjectReader v1Data) {
        // during a key rotation the key that worked last goes first, so that not every call pays for a 401
        boolean fallbackFirst = preferFallbackKey && config.fallbackKey() != null;
        SigningKey key = auth != Auth.SIGNING_KEY ? null : fallbackFirst ? config.fallbackKey() : config.primaryKey();
        boolean switchedKey = false;
        int retries = 0;
        // callTimeout bounds every attempt and every wait of this one call together
        CallBudget budget = new CallBudget(operation, config.callTimeout());
        while (true) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            if (key != null) {
                headers.put("Authorization", "Bearer " + key.bearerToken());
            }
            if (config.env() != null) {
                headers.put("X-Inngest-Env", config.env());
            }
            headers.putAll(extraHeaders);

            HttpResponseData response;
            try {
                response = transport.execute(method, uri, headers, body, budget.attempt());
            } catch (IOException e) {
                boolean retryable = safety == Safety.REPEATABLE || neverReachedServer(e);
                String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redactor.redact(e.getMessage()));
                String failure = operation + " failed: could not reach Inngest at " + uri.getScheme() + "://"
                                 + uri.getAuthority() + " (" + reason + ")";
                if (e instanceof ConnectException) {
                    // nothing listens there: retrying within seconds rarely helps, so say so now
                    throw new InngestApiException(operation, 0, 0, null, reason, true, failure + ": the connection was"
                            + " refused; is the Inngest server (the Dev Server in dev mode) running there? Check option "
                            + (uri.getPath().startsWith("/e/") ? "eventBaseUrl" : "baseUrl") + ". " + budget.spent(), null);
                }
                boolean retryLeft = retryable && retries < config.maxRetries();
                if (retryLeft) {
                    Duration wait = backoff.delay(retries++);
                    if (budget.allows(wait)) {
                        LOG.debug("{}: connection failed ({}); retry {} of {} in {} ms", operation, reason, retries,
                                config.maxRetries(), wait.toMillis());
                        sleep(operation, wait);
                        continue;
                    }
                }
                throw new InngestApiException(operation, 0, 0, null, reason, retryable,
                        retryLeft || budget.isSpent() ? budget.exceeded(failure) : failure, null);
            }

            Outcome outcome = v1Data == null ? null : reader.readPlainSuccess(response, v1Data);
            if (outcome == null) {
                outcome = reader.read(operation, response, emptyBodyIsSuccess);
            }
            if (!outcome.failed()) {
                if (switchedKey) {
                    preferFallbackKey = key == config.fallbackKey();
                }
                return outcome;
            }
            InngestApiException error = outcome.error();
            int status = error.getStatus();
            if ((status == 401 || status == 403) && key != null && !switchedKey && config.fallbackKey() != null) {
                key = key == config.fallbackKey() ? config.primaryKey() : config.fallbackKey();
                LOG.debug("{}: HTTP {} with one signing key; trying the {} signing key", operation, status,
                        key == config.fallbackKey() ? "fallback" : "primary");
                switchedKey = true;
                continue;
            }
            boolean mayRepeat = safety == Safety.REPEATABLE || status == 429;
            if (error.isRetryable() && mayRepeat && retries < config.maxRetries()) {
                Duration retryAfter = Backoff.retryAfter(response.retryAfter(), ZonedDateTime.now());
                if (retryAfter != null && retryAfter.compareTo(backoff.max()) > 0) {
                    return new Outcome(outcome.json(), error.withMessage(error.getMessage() + " (the server asked to retry"
                                                                          + " after " + retryAfter.toSeconds()
                                                                          + " s, more than retryMaxDelay)"));
                }
                Duration wait = retryAfter != null ? retryAfter : backoff.delay(retries);
                if (!budget.allows(wait)) {
                    return new Outcome(outcome.json(), error.withMessage(budget.exceeded(error.getMessage())));
                }
                retries++;
                LOG.debug("{}: status {}; retry {} of {} in {} ms", operation, status, retries, config.maxRetries(),
                        wait.toMillis());
                sleep(operation, wait);
                continue;
            }
            if (error.isRetryable() && !mayRepeat) {
                // the server may have acted before it failed: repeating this request is not known to be safe
                return new Outcome(outcome.json(), error.notRetryable());
            }
            return outcome;
        }
    }

    private static boolean neverReachedServer(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
               || e instanceof NoRouteToHostException;
    }


    private static void sleep(String operation, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InngestApiException(operation, 0, 0, null, "interrupted", false,
                    operation + " failed: interrupted while waiting to retry", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Input checks

    private void requireSigningKey(String operation) {
        if (!config.isDev() && config.primaryKey() == null) {
            throw new IllegalArgumentException(operation + " needs a signing key: set option signingKey (or the environment"
                                               + " variable INNGEST_SIGNING_KEY), or dev=true to use a Dev Server");
        }
    }

    private void requireEventKey(String operation) {
        if (!config.hasEventKey()) {
            throw new IllegalArgumentException(operation + " needs an event key: set option eventKey (or the environment"
                                               + " variable INNGEST_EVENT_KEY), or dev=true to use a Dev Server");
        }
    }

    private static void requireUlid(String value, String name) {
        requireText(value, name);
        if (!Ulid.isValid(value)) {
            throw new IllegalArgumentException(name + " must be a 26-character ULID such as 01JWNNSVKR5DW3DMHK620M933E, was '"
                                               + value + "'");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON and URI helpers

    private static JsonNode data(String operation, JsonNode json) {
        JsonNode data = json == null ? null : json.get("data");
        if (data == null) {
            throw unexpected(operation, "an object with 'data'");
        }
        return data;
    }

    private static InngestApiException unexpected(String operation, String expected) {
        return new InngestApiException(operation, 200, 200, null, null, false,
                operation + " failed: the response is not " + expected, null);
    }

    @SuppressWarnings("unchecked")
    private <T> T getObject(String operation, URI uri, Class<T> type) {
        Outcome outcome = getV1(operation, uri, InngestJson.mapper().constructType(type));
        return outcome.bound() != null
                ? (T) outcome.bound().data()
                : object(operation, data(operation, outcome.throwIfFailed()), type);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> getList(String operation, URI uri, Class<T> type) {
        Outcome outcome = getV1(operation, uri, InngestJson.mapper().getTypeFactory().constructCollectionType(List.class, type));
        if (outcome.bound() != null) {
            List<T> list = (List<T>) outcome.bound().data();
            return list == null ? List.of() : list;
        }
        return list(operation, data(operation, outcome.throwIfFailed()), type);
    }

    /** A v1 GET whose plain success is bound straight to {@code data} of {@code dataType}; anything else as a tree. */
    private Outcome getV1(String operation, URI uri, JavaType dataType) {
        requireSigningKey(operation);
        return exchange(operation, "GET", uri, Auth.SIGNING_KEY, null, Map.of(), Safety.REPEATABLE, false,
                V1Envelope.reader(dataType));
    }

    private static <T> T object(String operation, JsonNode node, Class<T> type) {
        try {
            return InngestJson.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InngestApiException(operation, 200, 200, null, null, false,
                    operation + " failed: cannot read a " + type.getSimpleName() + " from the response: "
                                                                          + e.getOriginalMessage(), e);
        }
    }

    private static <T> List<T> list(String operation, JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        ObjectMapper mapper = InngestJson.mapper();
        try {
            return mapper.readerForListOf(type).readValue(node);
        } catch (IOException e) {
            throw new InngestApiException(operation, 200, 200, null, null, false,
                    operation + " failed: cannot read a list of " + type.getSimpleName() + " from the response: "
                                                                          + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T convert(JsonNode node, Class<?> type, T absent) {
        return node == null || node.isMissingNode() || node.isNull()
                ? absent
                : (T) InngestJson.mapper().convertValue(node, type);
    }

    private static List<String> textList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return InngestJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static URIBuilder builder(URI base, String... segments) {
        URIBuilder builder = new URIBuilder(base);
        return builder.appendPathSegments(segments);
    }

    private static URI uri(URI base, String... segments) {
        return build(builder(base, segments));
    }

    private static URI build(URIBuilder builder) {
        try {
            return builder.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build a request URL: " + e.getMessage(), e);
        }
    }
}
