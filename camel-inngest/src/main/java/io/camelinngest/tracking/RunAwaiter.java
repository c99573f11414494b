package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.RetryLater;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;

/**
 * Request-reply on top of Inngest: waits, with a {@link RunWatcher}, until runs have ended. Used by
 * {@code sendEvents?awaitRuns=true} and {@code getRun?awaitTerminal=true}. Each wait is a series of steps that can run
 * on the calling thread ({@link #block}) or on timers without holding a thread between them ({@link #schedule}).
 */
public final class RunAwaiter {

    /**
     * The first wait between two reads while awaiting, where the server reads runs uncached (v2): a short function has
     * often ended by then. Later waits grow by half each time, up to runPollInterval.
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
     * One wait, step by step: each step makes the calls that are due and says whether the wait is over (with its
     * result) or how long to wait before the next step. {@link #block} runs the steps on the calling thread;
     * {@link #schedule} runs them on a scheduler, holding no thread between steps.
     */
    public interface Await<T> {
        /** Makes the calls that are due; returns the result, or {@code null} when the wait goes on. */
        T step();

        /** How long to wait before the next step, in milliseconds. */
        long pause();
    }

    /** Runs a wait on the calling thread, sleeping between steps. */
    public static <T> T block(Await<T> await, String operation) {
        while (true) {
            T result = await.step();
            if (result != null) {
                return result;
            }
            try {
                Thread.sleep(await.pause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw InngestApiException.interrupted(operation, "waiting for runs to end", e);
            }
        }
    }

    /**
     * Runs a wait without holding a thread between its steps: the first step runs on the calling thread (a run that has
     * ended answers at once), each later one on {@code io} once a timer of {@code timer} has fired. The timer's threads
     * only fire timers: they make no call and never sleep, so a slow server cannot take them from other waits. A step
     * whose call must wait before a retry ({@link RetryLater}, from a client made with
     * {@link InngestClient#deferringRetries()}) is run again after that wait.
     */
    public static <T> CompletableFuture<T> schedule(Await<T> await, ScheduledExecutorService timer, Executor io) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Runnable() {
            @Override
            public void run() {
                long pause;
                try {
                    T value = await.step();
                    if (value != null) {
                        result.complete(value);
                        return;
                    }
                    pause = await.pause();
                } catch (RetryLater later) {
                    pause = later.delay().toMillis();
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                    return;
                }
                try {
                    timer.schedule(() -> {
                        try {
                            io.execute(this);
                        } catch (RejectedExecutionException e) {
                            result.completeExceptionally(e);
                        }
                    }, pause, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    result.completeExceptionally(e);
                }
            }
        }.run();
        return result;
    }

    /**
     * Waits until every event has started at least one run and every run found has ended.
     *
     * @return                     the ended runs, with their output, grouped by event in the order given
     * @throws InngestApiException when the timeout passes first; the message names the runs still open and the events
     *                             without a run
     */
    public List<FunctionRun> awaitRunsOfEvents(List<String> eventIds, Duration timeout) {
        return block(runsOfEvents(eventIds, timeout), "sendEvents");
    }

    /** The wait of {@link #awaitRunsOfEvents}, to run with {@link #block} or {@link #schedule}. */
    public Await<List<FunctionRun>> runsOfEvents(List<String> eventIds, Duration timeout) {
        RunWatcher watcher = watcher(timeout);
        Instant now = Instant.now();
        eventIds.forEach(id -> watcher.watchEvent(id, now));
        Map<String, FunctionRun> ended = new LinkedHashMap<>();
        // the runs found per event, kept here: the watcher forgets an event once its discovery window has passed
        Map<String, List<String>> found = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        return new Await<>() {
            @Override
            public List<FunctionRun> step() {
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
                return null;
            }

            @Override
            public long pause() {
                return RunAwaiter.pause(watcher, deadline);
            }
        };
    }

    /**
     * Waits until a run has ended.
     *
     * @throws InngestApiException when the run is unknown (at once), or when the timeout passes first
     */
    public FunctionRun awaitRun(String runId, Duration timeout) {
        return block(run(runId, timeout), "getRun");
    }

    /** The wait of {@link #awaitRun}, to run with {@link #block} or {@link #schedule}. */
    public Await<FunctionRun> run(String runId, Duration timeout) {
        return new Await<>() {
            private Await<FunctionRun> rest;

            @Override
            public FunctionRun step() {
                if (rest == null) {
                    // read it once directly: an unknown run fails now, with the server's answer, not after the timeout
                    FunctionRun first = client.getRun(runId);
                    if (first.isEnded()) {
                        return first;
                    }
                    rest = await("getRun", runId, first.status(), timeout);
                    return null;
                }
                return rest.step();
            }

            @Override
            public long pause() {
                return rest == null ? 0 : rest.pause();
            }
        };
    }

    /**
     * Waits until a run that was just started ({@code invokeFunction}, {@code rerunRun}) has ended. Such a run may not
     * be readable at once: it is asked for again until it is, within the timeout.
     *
     * @throws InngestApiException when the timeout passes first
     */
    public FunctionRun awaitNewRun(String operation, String runId, Duration timeout) {
        return block(newRun(operation, runId, timeout), operation);
    }

    /** The wait of {@link #awaitNewRun}, to run with {@link #block} or {@link #schedule}. */
    public Await<FunctionRun> newRun(String operation, String runId, Duration timeout) {
        return await(operation, runId, null, timeout);
    }

    private Await<FunctionRun> await(String operation, String runId, RunStatus status, Duration timeout) {
        RunWatcher watcher = watcher(timeout);
        watcher.watchRun(runId, null, status);
        long deadline = System.nanoTime() + timeout.toNanos();
        return new Await<>() {
            @Override
            public FunctionRun step() {
                for (RunWatcher.Change change : watcher.poll()) {
                    watcher.acknowledge(change);
                    if (change.run().isEnded()) {
                        return change.run();
                    }
                }
                if (watcher.watchedRuns().isEmpty()) {
                    throw InngestApiException.awaitFailed(operation, null, null,
                            "run " + runId + " could not be read while waiting for it to end");
                }
                if (System.nanoTime() >= deadline) {
                    throw timeout(operation, timeout, watcher, List.of());
                }
                return null;
            }

            @Override
            public long pause() {
                return RunAwaiter.pause(watcher, deadline);
            }
        };
    }

    private RunWatcher watcher(Duration timeout) {
        return new RunWatcher(
                client, FIRST_POLL, runPollInterval, eventRunsInterval, timeout, Integer.MAX_VALUE,
                System::currentTimeMillis);
    }

    private static long pause(RunWatcher watcher, long deadline) {
        return Math.max(10, Math.min(watcher.millisUntilNextCall(), (deadline - System.nanoTime()) / 1_000_000));
    }

    private static InngestApiException timeout(
            String operation, Duration timeout, RunWatcher watcher,
            List<String> eventsWithoutRuns) {
        String open = watcher.watchedRuns().stream()
                .map(r -> "run " + r.runId() + " (" + (r.status() == null ? "not seen yet" : r.status()) + ")")
                .collect(Collectors.joining(", "));
        String missing
                = eventsWithoutRuns.stream().map(id -> "event " + id + " (no run yet)").collect(Collectors.joining(", "));
        String still = String.join(", ", List.of(open, missing).stream().filter(s -> !s.isEmpty()).toList());
        if (!eventsWithoutRuns.isEmpty()) {
            still += ". An event with no run after the whole timeout usually has no function triggered by its name:"
                     + " check the event name against the functions' triggers (listFunctions), and that their app is"
                     + " synced with this server";
        }
        return InngestApiException.awaitFailed(operation, "timeout", "timed out",
                "timed out after " + timeout.toMillis() + " ms waiting for runs to end; still open: " + still);
    }
}
