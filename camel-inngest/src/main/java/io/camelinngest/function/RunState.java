package io.camelinngest.function;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one call request gives the route's steps, and what they report back: kept on the exchange (property
 * {@link #PROPERTY}) while the route runs. Steps ask it for their memoized result; the first step that has none either
 * runs (when the request allows it) or is planned, and the route stops there so the call can answer 206.
 */
final class RunState {

    /** The exchange property that holds this state: only routes started by inngest-function have it. */
    static final String PROPERTY = "CamelInngestRunState";

    /** The {@code stepId} query value that lets the SDK find and run the first new step itself. */
    static final String ANY_STEP = "step";

    private final CallRequest request;
    private final String requestedStep;
    private final StepIds ids = new StepIds();
    private final Set<String> used = new HashSet<>();
    private volatile Map<String, Object> reported;

    RunState(CallRequest request, String requestedStep) {
        this.request = request;
        this.requestedStep = requestedStep == null || requestedStep.isBlank() ? ANY_STEP : requestedStep;
    }

    CallRequest request() {
        return request;
    }

    String nextId(String name) {
        return ids.next(name);
    }

    /** The memoized entry of a step ({@code {data}} or {@code {error}} or another value), or null when it has none. */
    @SuppressWarnings("unchecked")
    Object memoized(String hashedId) {
        if (!request.steps().containsKey(hashedId)) {
            return null;
        }
        used.add(hashedId);
        Object value = request.steps().get(hashedId);
        return value == null ? NULL_ENTRY : value;
    }

    boolean isMemoized(String hashedId) {
        return request.steps().containsKey(hashedId);
    }

    /** Whether a new run step with this ID may run within this request (SDK spec 5.3.1). */
    boolean mayRun(String hashedId) {
        if (ANY_STEP.equals(requestedStep)) {
            return !request.disableImmediateExecution();
        }
        return requestedStep.equals(hashedId);
    }

    /** Whether the server asked for one planned step by its ID (then nothing else may be reported). */
    boolean targetsOneStep() {
        return !ANY_STEP.equals(requestedStep);
    }

    String requestedStep() {
        return requestedStep;
    }

    void report(Map<String, Object> op) {
        this.reported = op;
    }

    /** The step op to answer with (206), or null when the route ran to its end. */
    Map<String, Object> reported() {
        return reported;
    }

    /** Memoized steps the route did not reach: a sign that it changed since they ran (SDK spec 5.4). */
    List<String> unused() {
        return request.steps().keySet().stream().filter(id -> !used.contains(id)).toList();
    }

    /** Stands for a step memoized as JSON null (a sleep that elapsed, a wait that timed out). */
    static final Object NULL_ENTRY = new Object();
}
