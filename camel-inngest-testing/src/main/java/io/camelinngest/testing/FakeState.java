package io.camelinngest.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;

/**
 * Everything the fake server knows, behind one lock (this object's monitor): the events, the runs and what started
 * them, the functions, the runs waiting for a signal, the jobs, the idempotency keys of invocations, and the runs'
 * scheduled ends. Every method is one atomic step, so concurrent requests see a run start and end as a whole.
 * <p>
 * What grows: the events, runs, functions, jobs and invocation keys that tests and routes create (as on a real server,
 * which keeps them until it restarts; {@link #clear} forgets them). What does not: a run's scheduled end is dropped
 * once reached, a signal's waiter once signalled, and reading creates nothing.
 */
final class FakeState {

    /** A function: the event that starts it, its app and ID, how long a run takes and what it returns. */
    record Trigger(String eventName, String appId, String functionId, Duration runTime,
            Function<Map<String, Object>, Object> handler, Instant registeredAt) {
    }

    /** A run an idempotency key of invoke started, and when. */
    record Invocation(String runId, Instant at) {
    }

    /** A job enqueued for a run, as {@code GET /v1/runs/{id}/jobs} lists it. */
    record Job(String jobId, String kind, Instant at) {
    }

    private record Transition(String runId, Instant at, String status, Object output) {
    }

    private record Waiter(String runId, Function<Map<String, Object>, Object> output) {
    }

    private final List<StoredEvent> events = new ArrayList<>();
    /** The first event stored under each internal ID (a seeded send stores a second one under the same ID). */
    private final Map<String, StoredEvent> firstById = new HashMap<>();
    private final Map<String, StoredRun> runs = new LinkedHashMap<>();
    private final Map<String, List<String>> runsByEvent = new HashMap<>();
    /** The data each run was started with (event data, or the data of an invocation): what a rerun starts with. */
    private final Map<String, Map<String, Object>> inputs = new HashMap<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final PriorityQueue<Transition> transitions = new PriorityQueue<>(Comparator.comparing(Transition::at));
    private final Map<String, Waiter> waiters = new HashMap<>();
    private final Map<String, List<Job>> jobs = new HashMap<>();
    private final Map<String, Invocation> invocations = new HashMap<>();
    private Clock clock = Clock.systemUTC();

    // ---------------------------------------------------------------------------------------------------------
    // time

    synchronized void setClock(Clock clock) {
        this.clock = clock;
    }

    synchronized Instant now() {
        return clock.instant();
    }

    /** Ends the runs whose run time has passed, with the status and output their function gave. */
    synchronized void applyTransitions() {
        Instant now = clock.instant();
        while (!transitions.isEmpty() && !transitions.peek().at().isAfter(now)) {
            Transition t = transitions.poll();
            StoredRun run = runs.get(t.runId());
            if (run != null && !isEnded(run.status())) {
                runs.put(t.runId(), run.withStatus(t.status(), t.at(), t.output()));
            }
        }
    }

    static boolean isEnded(String status) {
        return !status.equals("Running") && !status.equals("Scheduled") && !status.equals("Unknown");
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    synchronized StoredEvent addEvent(String internalId, String name, Instant receivedAt, Map<String, Object> data) {
        StoredEvent event = new StoredEvent(internalId, name, receivedAt, data);
        events.add(event);
        firstById.putIfAbsent(internalId, event);
        return event;
    }

    /**
     * Stores a sent event, received now, and starts the runs of the functions it triggers, unless an event with that
     * internal ID was stored before: the server stores an event sent again under the same ID, but starts no second run
     * for it.
     *
     * @param  internalId the ID the event's seed gives it, or null for a new one
     * @return            the event stored, and whether it was the first under its ID (only such an event starts runs)
     */
    synchronized Received receive(String internalId, String name, Map<String, Object> data) {
        Instant now = clock.instant();
        String id = internalId == null ? Ulids.at(now) : internalId;
        boolean seen = firstById.containsKey(id);
        StoredEvent event = addEvent(id, name, now, data);
        if (!seen) {
            for (Trigger trigger : List.copyOf(triggers)) {
                if (trigger.eventName().equals(name)) {
                    startRun(trigger, id, data);
                }
            }
        }
        return new Received(event, !seen);
    }

    /** An event {@link #receive} stored, and whether it was new (not sent before under the same ID). */
    record Received(StoredEvent event, boolean isNew) {
    }

    synchronized List<StoredEvent> events() {
        return List.copyOf(events);
    }

    /** The first event stored under an internal ID, or null. */
    synchronized StoredEvent event(String internalId) {
        return firstById.get(internalId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // runs

    synchronized StoredRun putRun(StoredRun run) {
        runs.put(run.runId(), run);
        if (run.eventId() != null) {
            List<String> ids = runsByEvent.computeIfAbsent(run.eventId(), id -> new ArrayList<>());
            if (!ids.contains(run.runId())) {
                ids.add(run.runId());
            }
        }
        return run;
    }

    synchronized StoredRun run(String runId) {
        return runs.get(runId);
    }

    synchronized List<StoredRun> runs() {
        return List.copyOf(runs.values());
    }

    /** The runs an event started, oldest first (a rerun is listed with the event of the run it reran). */
    synchronized List<StoredRun> runsOf(String eventId) {
        return runsByEvent.getOrDefault(eventId, List.of()).stream().map(runs::get).toList();
    }

    synchronized void setStatus(String runId, String status, Object output) {
        StoredRun run = runs.get(runId);
        runs.put(runId, run.withStatus(status, isEnded(status) ? clock.instant() : null, output));
    }

    /** Cancels a run that has not ended (one that has stays as it was); null when there is no such run. */
    synchronized StoredRun cancel(String runId) {
        StoredRun run = runs.get(runId);
        if (run != null && !isEnded(run.status())) {
            run = run.withStatus("Cancelled", clock.instant(), null);
            runs.put(runId, run);
        }
        return run;
    }

    /**
     * A new run of the function of {@code runId} with the same input, listed with the same event; null when there is no
     * such run. A run put in by a test, of a function the fake does not know, starts and stays running.
     */
    synchronized StoredRun rerun(String runId) {
        StoredRun original = runs.get(runId);
        if (original == null) {
            return null;
        }
        StoredEvent event = original.eventId() == null ? null : event(original.eventId());
        Map<String, Object> input = inputs.getOrDefault(runId, event == null ? Map.of() : event.data());
        Trigger trigger = trigger(original.appId(), original.functionId());
        if (trigger != null) {
            return startRun(trigger, original.eventId(), input);
        }
        Instant now = clock.instant();
        StoredRun rerun = putRun(new StoredRun(
                Ulids.at(now), original.eventId(), original.functionId(),
                original.appId(), "Running", now, null, null));
        inputs.put(rerun.runId(), input);
        return rerun;
    }

    /**
     * Starts a run: Running now, ended by {@link #applyTransitions} after the function's run time, Completed with the
     * handler's result, or Failed with the error a thrown exception makes ({@link FunctionError}).
     */
    private StoredRun startRun(Trigger trigger, String eventId, Map<String, Object> data) {
        Instant now = clock.instant();
        StoredRun run = putRun(new StoredRun(
                Ulids.at(now), eventId, trigger.functionId(), trigger.appId(), "Running",
                now, null, null));
        inputs.put(run.runId(), data);
        Object output;
        String status;
        try {
            output = trigger.handler().apply(data);
            status = "Completed";
        } catch (RuntimeException e) {
            output = FunctionError.of(e);
            status = "Failed";
        }
        transitions.add(new Transition(run.runId(), now.plus(trigger.runTime()), status, output));
        return run;
    }

    // ---------------------------------------------------------------------------------------------------------
    // functions

    synchronized void addTrigger(
            String eventName, String appId, String functionId, Duration runTime,
            Function<Map<String, Object>, Object> handler) {
        triggers.add(new Trigger(eventName, appId, functionId, runTime, handler, clock.instant()));
    }

    /** The IDs of the apps that have functions, in the order their first function was registered. */
    synchronized List<String> appIds() {
        return triggers.stream().map(Trigger::appId).distinct().toList();
    }

    /** The functions of an app, by function ID, with the first trigger registered for each. */
    synchronized Map<String, Trigger> functionsOf(String appId) {
        Map<String, Trigger> functions = new LinkedHashMap<>();
        triggers.stream().filter(t -> t.appId().equals(appId)).forEach(t -> functions.putIfAbsent(t.functionId(), t));
        return functions;
    }

    /** The names of the events that start a function. */
    synchronized List<String> eventsOf(String appId, String functionId) {
        return triggers.stream().filter(t -> t.appId().equals(appId) && t.functionId().equals(functionId))
                .map(Trigger::eventName).distinct().toList();
    }

    synchronized Trigger trigger(String appId, String functionId) {
        return triggers.stream().filter(t -> t.appId().equals(appId) && t.functionId().equals(functionId))
                .findFirst().orElse(null);
    }

    /**
     * Invokes a function (no event): a new run each time without a key; with an idempotency key, the run the key
     * started first.
     */
    synchronized Invocation invoke(Trigger trigger, Map<String, Object> data, String idempotencyKey) {
        Instant now = clock.instant();
        if (idempotencyKey.isEmpty()) {
            return new Invocation(startRun(trigger, Ulids.at(now), data).runId(), now);
        }
        return invocations.computeIfAbsent(trigger.appId() + "/" + trigger.functionId() + "/" + idempotencyKey,
                k -> new Invocation(startRun(trigger, Ulids.at(now), data).runId(), now));
    }

    // ---------------------------------------------------------------------------------------------------------
    // signals and jobs

    synchronized void waitForSignal(String runId, String signal, Function<Map<String, Object>, Object> output) {
        waiters.put(signal, new Waiter(runId, output));
    }

    /**
     * Completes the run waiting for {@code signal} with the waiter's output for {@code data}; null when no run that has
     * not ended waits for it.
     */
    synchronized StoredRun signal(String signal, Map<String, Object> data) {
        Waiter waiter = waiters.remove(signal);
        StoredRun run = waiter == null ? null : runs.get(waiter.runId());
        if (run == null || isEnded(run.status())) {
            return null;
        }
        StoredRun completed = run.withStatus("Completed", clock.instant(), waiter.output().apply(data));
        runs.put(run.runId(), completed);
        return completed;
    }

    synchronized void addJob(String runId, String kind, Instant at) {
        jobs.computeIfAbsent(runId, id -> new ArrayList<>())
                .add(new Job(Long.toString(Math.abs((runId + kind + at).hashCode()), 36), kind, at));
    }

    synchronized List<Job> jobsOf(String runId) {
        return List.copyOf(jobs.getOrDefault(runId, List.of()));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Forgets all events, runs, functions, waiting signals, jobs and invocation keys. */
    synchronized void clear() {
        events.clear();
        firstById.clear();
        runs.clear();
        runsByEvent.clear();
        inputs.clear();
        triggers.clear();
        transitions.clear();
        waiters.clear();
        jobs.clear();
        invocations.clear();
    }

    /** How many entries the collections that only the server's own bookkeeping fills hold (for the bounds test). */
    synchronized int bookkeepingSize() {
        return transitions.size() + waiters.size();
    }
}
