package io.camelinngest.client;

import java.util.List;
import java.util.Objects;

import io.camelinngest.model.AppFunction;
import io.camelinngest.model.Cancellation;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.InngestFunction;
import io.camelinngest.model.RunJob;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.SendResult;

/**
 * A plain-Java client for Inngest's HTTP APIs, one class per API area behind it ({@link EventsApi}, {@link RunsApi},
 * {@link FunctionsApi}, {@link SignalsApi}, {@link CancellationsApi}), all on one HTTP path ({@link ApiCalls}) that
 * adds the credentials, reads the response with both server traps in mind, retries what is safe to retry with
 * exponential backoff and jitter (honouring {@code Retry-After}), and retries once with the fallback signing key on
 * 401/403. Failures are {@link InngestApiException}s; bad input is an {@link IllegalArgumentException} thrown before
 * any request is made. Thread-safe; a copy made by {@link #deferringRetries()} is for one caller.
 */
public final class InngestClient {

    private final ApiCalls calls;
    private final EventsApi events;
    private final RunsApi runs;
    private final FunctionsApi functions;
    private final SignalsApi signals;
    private final CancellationsApi cancellations;

    public InngestClient(InngestClientConfig config, HttpTransport transport) {
        this(new ApiCalls(Objects.requireNonNull(config, "config"), Objects.requireNonNull(transport, "transport")));
    }

    private InngestClient(ApiCalls calls) {
        this.calls = calls;
        this.events = new EventsApi(calls);
        this.runs = new RunsApi(calls);
        this.functions = new FunctionsApi(calls);
        this.signals = new SignalsApi(calls);
        this.cancellations = new CancellationsApi(calls);
    }

    /**
     * A client for one logical call (with what follows it, such as an await) that does not sleep through a back-off:
     * when a retry must wait, a method throws {@link RetryLater} with the wait, and calling the same method again on
     * this copy resumes the call. The caller waits on a timer, so no thread is held during a back-off. One caller at a
     * time; make a new copy per call. It shares what this client learned about the server.
     */
    public InngestClient deferringRetries() {
        return new InngestClient(calls.deferring());
    }

    public InngestClientConfig config() {
        return calls.config();
    }

    /** Whether runs are read through the v2 API: not cached by the server, so polling them often is worthwhile. */
    public boolean readsRunsThroughV2() {
        return calls.readsRunsThroughV2();
    }

    /**
     * Sends events ({@code POST /e/{eventKey}}), split into requests of at most {@code maxEventsPerRequest}. The whole
     * send carries one event ID seed, reused on every retry, so a retried send cannot start duplicate runs.
     *
     * @param  events              one event or a collection/array of events (see {@link EventBatch#of})
     * @return                     the internal event IDs in the order given
     * @throws InngestApiException when the server rejects a request; for a send that failed part-way, it names the
     *                             accepted IDs and the index of the first event not accepted
     */
    public SendResult sendEvents(Object events) {
        return sendEvents(events, EventIdSeed.random());
    }

    /**
     * Sends events with a given event ID seed: sending the same events again with the same seed (a redelivery of the
     * same message) yields the same internal IDs and starts no duplicate runs.
     *
     * @see #sendEvents(Object)
     */
    public SendResult sendEvents(Object events, EventIdSeed seed) {
        return this.events.sendEvents(events, seed);
    }

    /** Lists one page of events, newest first ({@code GET /v1/events}). */
    public EventPage listEvents(EventQuery query) {
        return events.listEvents(query);
    }

    /** Gets one event by its internal ID ({@code GET /v1/events/{internalId}}). */
    public InngestEvent getEvent(String internalId) {
        return events.getEvent(internalId);
    }

    /**
     * Lists the runs an event started, with their outputs: {@code GET /v2/events/{internalId}/runs} (not cached by the
     * server, so a run shows as soon as it exists), or {@code GET /v1/events/{internalId}/runs} on a server without v2
     * (cached 15 s, no output for completed runs). Empty for an unknown event.
     */
    public List<FunctionRun> listEventRuns(String internalId) {
        return events.listEventRuns(internalId);
    }

    /**
     * Gets a run with its status and output: {@code GET /v2/runs/{runId}?includeOutput=true} (not cached by the
     * server), or {@code GET /v1/runs/{runId}} on a server without v2 (cached 3 s, no output for completed runs).
     *
     * @throws InngestApiException with status 404 and error code {@code not_found} when the server does not know the
     *                             run (or does not show it yet); not retryable
     */
    public FunctionRun getRun(String runId) {
        return runs.getRun(runId);
    }

    /**
     * Starts a run of a function directly, without an event
     * ({@code POST /v2/apps/{appId}/functions/{functionId}/invoke}).
     *
     * @param  data                the function's input, as the event data it would otherwise get: a JSON object, or
     *                             {@code null} for {@code {}}
     * @param  idempotencyKey      when given, the server starts at most one run for it; the request is then also safe
     *                             to repeat after a failure whose outcome is unknown
     * @return                     the ID of the run started, or of the run this idempotency key started before (the
     *                             server answers a reused key with 409 Conflict and that run's ID)
     * @throws InngestApiException with status 404 naming the app and function when the server does not know them
     */
    public String invokeFunction(String appId, String functionId, Object data, String idempotencyKey) {
        return functions.invokeFunction(appId, functionId, data, idempotencyKey);
    }

    /**
     * Runs a run's function again with the same input, as a new run ({@code POST /v2/runs/{runId}/rerun}).
     *
     * @return                     the ID of the new run
     * @throws InngestApiException with status 404 naming the run when the server does not know it
     */
    public String rerunRun(String runId) {
        return runs.rerunRun(runId);
    }

    /**
     * Lists one page of runs through the v2 API ({@code GET /v2/runs}), with their output. v2 statuses are mapped to
     * {@link io.camelinngest.model.RunStatus}; the run's {@code functionId} is the function's slug within its app (v2
     * exposes no function UUID).
     */
    public RunPage listRuns(RunQuery query) {
        return runs.listRuns(query);
    }

    /** Lists the jobs currently enqueued for a run ({@code GET /v1/runs/{runId}/jobs}). */
    public List<RunJob> listRunJobs(String runId) {
        return runs.listRunJobs(runId);
    }

    /**
     * Cancels a run ({@code DELETE /v1/runs/{runId}}). Cancelling a run that already ended succeeds and does nothing,
     * as on the server.
     */
    public void cancelRun(String runId) {
        runs.cancelRun(runId);
    }

    /** Lists the active functions of one app ({@code GET /v1/apps/{appId}/functions}). */
    public List<InngestFunction> listFunctions(String appId) {
        return functions.listFunctions(appId);
    }

    /**
     * Lists the functions of every app of the environment, through the v2 listings of apps and of each app's functions
     * ({@code GET /v2/apps}, {@code GET /v2/apps/{appId}/functions}), following every page.
     */
    public List<AppFunction> listAllFunctions() {
        return functions.listAllFunctions();
    }

    /**
     * Resumes the run waiting for a signal ({@code POST /v1/signals}).
     *
     * @return the ID of the run that was resumed
     */
    public String sendSignal(String signal, Object data) {
        return signals.sendSignal(signal, data);
    }

    /** Creates a bulk cancellation ({@code POST /v1/cancellations}; Inngest Cloud only). */
    public Cancellation createCancellation(CancellationRequest request) {
        return cancellations.createCancellation(request);
    }

    /** Lists bulk cancellations ({@code GET /v1/cancellations}; Inngest Cloud only). */
    public List<Cancellation> listCancellations() {
        return cancellations.listCancellations();
    }

    /** Deletes a bulk cancellation ({@code DELETE /v1/cancellations/{id}}; Inngest Cloud only). */
    public void deleteCancellation(String cancellationId) {
        cancellations.deleteCancellation(cancellationId);
    }
}
