package io.camelinngest.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;

/**
 * Request-reply on top of Inngest: waits, with a {@link RunWatcher}, until runs have ended. Used by
 * {@code sendEvents?awaitRuns=true} and {@code getRun?awaitTerminal=true}.
 */
public final class RunAwaiter {

    /**
     * The first wait between two reads while awaiting, where the server reads runs uncached (v2): a short function
     * has often ended by then. Later waits grow by half each time, up to runPollInterval.
     */
    static final Duration FIRST_POLL = Duration.ofMillis(100);

    private final InngestClient client;
    private final Duration runPollInterval;
    private final Duration eventRunsInterval;

    public RunAwaiter(InngestClient client, Duration runPollInterval, Duration eventRunsInterval) {
        this.client = client;
        this.runPollInterval = runPollInterval;
        this.eventRunsInterval = eventRunsInterval;
    }

    /**
     * Waits until every event has started at least one run and every run found has ended.
     *
     * @return                     the ended runs, with their output, grouped by event in the order given
     * @throws InngestApiException when the timeout passes first; the message names the runs still open and the
     *                             events without a run
     */
    public List<FunctionRun> awaitRunsOfEvents(List<String> eventIds, Duration timeout) {
        RunWatcher watcher = watcher(timeout);
        Instant now = Instant.now();
        eventIds.forEach(id -> watcher.watchEvent(id, now));
        Map<String, FunctionRun> ended = new LinkedHashMap<>();
        // the runs found per event, kept here: the watcher forgets an event once its discovery window has passed
        Map<String, List<String>> found = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RunWatcher.Change change : watcher.poll()) {
                watcher.acknowledge(change);
                if (change.run().isEnded()) {
                    ended.put(change.run().runId(), change.run());
                }
            }
            for (String eventId : eventIds) {
                List<String> runIds = watcher.runsOf(eventId);
                if (!runIds.isEmpty()) {
                    found.put(eventId, runIds);
                }
            }
            List<String> withoutRuns = eventIds.stream().filter(id -> !found.containsKey(id)).toList();
            if (withoutRuns.isEmpty() && watcher.watchedRuns().isEmpty()) {
                List<FunctionRun> result = new ArrayList<>();
                for (String eventId : eventIds) {
                    found.get(eventId).stream().map(ended::get).filter(Objects::nonNull).forEach(result::add);
                }
                return result;
            }
            if (System.nanoTime() >= deadline) {
                throw timeout("sendEvents", timeout, watcher, withoutRuns);
            }
            pause(watcher, deadline, "sendEvents");
        }
    }

    /**
     * Waits until a run has ended.
     *
     * @throws InngestApiException when the run is unknown (at once), or when the timeout passes first
     */
    public FunctionRun awaitRun(String runId, Duration timeout) {
        // read it once directly: an unknown run fails now, with the server's answer, not after the timeout
        FunctionRun first = client.getRun(runId);
        if (first.isEnded()) {
            return first;
        }
        return await("getRun", runId, first.status(), timeout);
    }

    /**
     * Waits until a run that was just started ({@code invokeFunction}, {@code rerunRun}) has ended. Such a run may not
     * be readable at once: it is asked for again until it is, within the timeout.
     *
     * @throws InngestApiException when the timeout passes first
     */
    public FunctionRun awaitNewRun(String operation, String runId, Duration timeout) {
        return await(operation, runId, null, timeout);
    }

    private FunctionRun await(String operation, String runId, RunStatus status, Duration timeout) {
        RunWatcher watcher = watcher(timeout);
        watcher.watchRun(runId, null, status);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RunWatcher.Change change : watcher.poll()) {
                watcher.acknowledge(change);
                if (change.run().isEnded()) {
                    return change.run();
                }
            }
            if (watcher.watchedRuns().isEmpty()) {
                throw new InngestApiException(operation, 0, 0, null, null, false,
                        operation + " failed: run " + runId + " could not be read while waiting for it to end", null);
            }
            if (System.nanoTime() >= deadline) {
                throw timeout(operation, timeout, watcher, List.of());
            }
            pause(watcher, deadline, operation);
        }
    }

    private RunWatcher watcher(Duration timeout) {
        return new RunWatcher(client, FIRST_POLL, runPollInterval, eventRunsInterval, timeout, Integer.MAX_VALUE,
                System::currentTimeMillis);
    }

    private static void pause(RunWatcher watcher, long deadline, String operation) {
        long millis = Math.max(10, Math.min(watcher.millisUntilNextCall(), (deadline - System.nanoTime()) / 1_000_000));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InngestApiException(operation, 0, 0, null, "interrupted", false,
                    operation + " failed: interrupted while waiting for runs to end", e);
        }
    }

    private static InngestApiException timeout(String operation, Duration timeout, RunWatcher watcher,
                                                List<String> eventsWithoutRuns) {
        String open = watcher.watchedRuns().stream()
                .map(r -> "run " + r.runId() + " (" + (r.status() == null ? "not seen yet" : r.status()) + ")")
                .collect(Collectors.joining(", "));
        String missing = eventsWithoutRuns.stream().map(id -> "event " + id + " (no run yet)").collect(Collectors.joining(", "));
        String still = String.join(", ", List.of(open, missing).stream().filter(s -> !s.isEmpty()).toList());
        // not retryable: repeating the call would send the events again, or wait on runs that are still going
        return new InngestApiException(operation, 0, 0, "timeout", "timed out", false,
                operation + " failed: timed out after " + timeout.toMillis() + " ms waiting for runs to end; still open: "
                                                                  + still,
                null);
    }
}
