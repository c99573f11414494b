package io.camelinngest.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A fake Inngest server as a WireMock response transformer, answering as a real Dev Server (v1.43.0) does in the
 * recordings of {@code camel-inngest/src/test/resources/fixtures/inngest-dev}:
 * <ul>
 * <li>{@code POST /e/{key}} stores events (one object or an array; names checked as the server does) and answers
 * {@code {"ids":[...],"status":200}} as {@code text/plain}; functions registered with {@link #onEvent} start a run for
 * each matching event, which ends after the function's run time. The internal ID comes from the
 * {@code x-inngest-event-id-seed} header when there is one, as on the server: a second send with the same seed gets the
 * same ID and starts no run;</li>
 * <li>v1 reads: {@code GET /v1/events} (filters on {@code received_at}, newest first, {@code cursor}, {@code limit}
 * clamped to [1, 51]), {@code /v1/events/{id}}, {@code /v1/events/{id}/runs}, {@code /v1/runs/{id}},
 * {@code /v1/runs/{id}/jobs}, {@code /v1/apps/{appId}/functions}. Errors come as HTTP 200 with the status in the body.
 * A run's v1 {@code output} is {@code ""} once completed (its value is only in v2), {@code {}} once cancelled, the
 * error object once failed. The v1 GETs are cached per URL as on the server (event 5 s, event runs 15 s, run 3 s, jobs
 * 5 s): an early empty run list stays empty for 15 s. See {@link #cacheV1Reads} and {@link #setClock};</li>
 * <li>v2 reads: {@code GET /v2/runs/{id}} ({@code includeOutput=true} for the output), {@code /v2/events/{id}/runs},
 * {@code /v2/runs} (filtered by app, function, status and a time field, with an opaque cursor), {@code /v2/apps},
 * {@code /v2/apps/{appId}/functions}; {@code POST /v2/apps/{appId}/functions/{functionId}/invoke} (starts a run without
 * an event; an {@code idempotencyKey} already used answers the same run: with 200 within 200 ms of the first call, then
 * with 409 Conflict, as the Dev Server does) and {@code POST /v2/runs/{id}/rerun} (a new run of the function with the
 * same input, listed with the original's event); unknown ones are 404
 * {@code {"errors":[{"code":"not_found",...}]}};</li>
 * <li>{@code DELETE /v1/runs/{id}} (200 and empty, also for a run that already ended), {@code POST /v1/signals}
 * (resumes a run waiting with {@link #waitForSignal}; 404 when none waits), bulk cancellations (500 with an empty body,
 * as on a Dev Server), {@code GET /health};</li>
 * <li>any other path under {@code /v1}: the plain-text {@code 404 page not found}; under {@code /v2}: 404
 * {@code {"errors":[{"code":"api_error","message":"Not Found"}]}}; any other path: 200 with an empty body.</li>
 * </ul>
 * A function that throws fails its run with the error output a JavaScript function's run has on the server:
 * {@code {"__serialized": true, "message": ..., "name": "Error", "stack": "Error: ...\n    at ..."}}.
 * <p>
 * Tests add events and move runs along while routes poll; faults go on top as ordinary WireMock stubs of higher
 * priority. {@link FakeInngestServer} runs one on a port of its own.
 * <p>
 * Memory: the events, runs, functions, jobs and invocation keys that tests and routes create are kept until
 * {@link #clear} (as a real server keeps them until it restarts); the cache of v1 answers holds at most
 * {@value ResponseCache#MAX_ENTRIES} answers and drops expired ones; a run's scheduled end and a signal's waiter go
 * once used. The state is in {@code FakeState} behind one lock, the routing in {@code Router}, and each API has a
 * handler class of its own ({@code EventsApi}, {@code RunsApi}, {@code FunctionsApi}, {@code SignalsApi},
 * {@code CancellationsApi}).
 */
public final class FakeInngest implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-inngest";

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

    private final FakeState state = new FakeState();
    private final ResponseCache cache = new ResponseCache();
    private final FakeFunctions functions = new FakeFunctions(this);
    private final Router router = routes();

    private Router routes() {
        // an unknown path outside v1 and v2: what a Dev Server answers (recorded with GET), 200 and nothing else
        Router routes = new Router(request -> Responses.empty(200))
                .route("POST", "/fn/register", request -> functions.register(request.raw()))
                .route("GET", "/health", request -> Responses.json(200, "{\"status\":200,\"message\":\"OK\"}"))
                .fallback("v1", request -> Responses.pageNotFound())
                .fallback("v2", request -> Responses.json(404, FakeJson.v2Error("api_error", "Not Found")));
        new EventsApi(state, cache, event -> functions.onEvent(event)).routes(routes);
        new RunsApi(state, cache).routes(routes);
        new FunctionsApi(state).routes(routes);
        new SignalsApi(state).routes(routes);
        new CancellationsApi(state).routes(routes);
        return routes;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        state.applyTransitions();
        return router.dispatch(serveEvent.getRequest());
    }

    // ---------------------------------------------------------------------------------------------------------
    // how time passes

    /**
     * The clock of everything that depends on time: when events are received, runs start and end, and cached v1 answers
     * expire. A test that moves its own clock sees the server's cache windows pass without waiting.
     */
    public void setClock(Clock clock) {
        state.setClock(clock);
    }

    /**
     * Whether v1 GETs are cached per URL as on the real server (the default). Off, every v1 read is fresh: for tests of
     * logic that polls far faster than the server's cache windows and does not test how it copes with them.
     */
    public void cacheV1Reads(boolean enabled) {
        cache.enable(enabled);
    }

    // ---------------------------------------------------------------------------------------------------------
    // test data

    /** The apps synced with this fake ({@code POST /fn/register}) and the runs it drives by calling them. */
    public FakeFunctions functions() {
        return functions;
    }

    /** The fake's clock's time: what served functions' runs are timed by. */
    Instant now() {
        return state.now();
    }

    public StoredEvent addEvent(String name, Instant receivedAt, Map<String, Object> data) {
        return addEvent(Ulids.at(receivedAt), name, receivedAt, data);
    }

    /** Adds an event with a given internal ID, e.g. one made earlier than it was stored (written late). */
    public StoredEvent addEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
        return state.addEvent(internalId, name, receivedAt, data);
    }

    public List<StoredEvent> events() {
        return state.events();
    }

    /** Forgets all events, runs, functions, waiting signals, jobs and cached answers. */
    public void clear() {
        state.clear();
        cache.clear();
    }

    public StoredRun putRun(StoredRun run) {
        return state.putRun(run);
    }

    public StoredRun run(String runId) {
        state.applyTransitions();
        return state.run(runId);
    }

    /** The runs an event started so far. */
    public List<StoredRun> runsOf(String eventId) {
        state.applyTransitions();
        return state.runsOf(eventId);
    }

    /** Moves a run to a status; an ended status sets its end time and output. */
    public void setStatus(String runId, String status, Object output) {
        state.setStatus(runId, status, output);
    }

    /**
     * Registers a function: every event named {@code eventName} sent through {@code POST /e/{key}} starts a run of it
     * (status Running), which completes {@code runTime} later with the handler's result as its output (or fails with an
     * error output when the handler throws, see above). The function is also listed by the apps and functions
     * endpoints, and can be invoked ({@code POST /v2/apps/{appId}/functions/{functionId}/invoke}) with the data given.
     */
    public void onEvent(
            String eventName, String appId, String functionId, Duration runTime,
            Function<Map<String, Object>, Object> handler) {
        state.addTrigger(eventName, appId, functionId, runTime, handler);
    }

    /**
     * Makes a run wait for a signal, as {@code step.waitForSignal} does: {@code POST /v1/signals} with that signal
     * completes it with {@code output} applied to the signal's data.
     */
    public void waitForSignal(String runId, String signal, Function<Map<String, Object>, Object> output) {
        state.waitForSignal(runId, signal, output);
    }

    /**
     * Adds a job enqueued for a run (e.g. {@code sleep} until {@code at}), as {@code GET /v1/runs/{id}/jobs} lists it.
     */
    public void addJob(String runId, String kind, Instant at) {
        state.addJob(runId, kind, at);
    }

    // ---------------------------------------------------------------------------------------------------------
    // for the bounds test of this package

    int cachedAnswers() {
        return cache.size();
    }

    int bookkeepingSize() {
        return state.bookkeepingSize();
    }
}
