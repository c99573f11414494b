package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows runs until they end, and reports each status change once it is observed. Runs are found from the events that
 * started them ({@link InngestClient#listEventRuns}, re-asked while the event's discovery window lasts, since runs can
 * appear late) or given directly; each is then read with {@link InngestClient#getRun}.
 * <p>
 * Through the v2 API neither answer is cached, so the watcher asks soon and then less and less often: the first wait is
 * {@code firstInterval}, each later one 1.5 times the one before, up to {@code runPollInterval} (runs) and
 * {@code eventRunsInterval} (an event's runs). A server without v2 caches the v1 answers (runs 3 s, event runs 15 s,
 * empty lists too), so asking sooner only returns the same bytes: there every wait is the full interval.
 * <p>
 * A change is reported until it is {@linkplain #acknowledge acknowledged}: a consumer acknowledges once the exchange
 * that carried it completed, so a failed exchange sees the same change again on the next poll. A run that reached a
 * terminal status and was acknowledged is no longer watched. Not thread-safe: one poller at a time.
 */
public final class RunWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatcher.class);

    /** A status change of a run: the run as now seen, and the status it had before ({@code null} on first sight). */
    public record Change(FunctionRun run, RunStatus previous) {
    }

    /** A run being watched, as persisted: its last acknowledged status (null before first sight) and its event. */
    public record WatchedRun(String runId, String eventId, RunStatus status) {
    }

    /** An event whose runs are being looked for, as persisted. */
    public record PendingEvent(String eventId, Instant receivedAt, List<String> runIds) {
    }

    private static final class RunEntry {
        final String runId;
        final String eventId;
        RunStatus status;
        long nextPollAt;
        long lastWait;
        long failingSince;

        RunEntry(String runId, String eventId, RunStatus status) {
            this.runId = runId;
            this.eventId = eventId;
            this.status = status;
        }
    }

    private static final class EventEntry {
        final String eventId;
        final Instant receivedAt;
        final Set<String> runIds = new LinkedHashSet<>();
        long nextCheckAt;
        long lastWait;

        EventEntry(String eventId, Instant receivedAt) {
            this.eventId = eventId;
            this.receivedAt = receivedAt;
        }
    }

    private final InngestClient client;
    private final LongSupplier clock;
    private final long firstInterval;
    private final long runPollInterval;
    private final long eventRunsInterval;
    private final long discoveryWindow;
    private final int maxWatchedRuns;
    private final long giveUpAfter;
    private final Map<String, RunEntry> runs = new LinkedHashMap<>();
    private final Map<String, EventEntry> events = new LinkedHashMap<>();

    /**
     * @param runPollInterval   the least time between two {@code GET /v1/runs/{id}} of one run (the server caches 3 s)
     * @param eventRunsInterval the least time between two {@code GET /v1/events/{id}/runs} of one event (cached 15 s)
     * @param discoveryWindow   how long after an event was received its runs are looked for
     * @param maxWatchedRuns    the most runs watched at once; past it the oldest is dropped, with a warning
     * @param clock             milliseconds now ({@code System::currentTimeMillis})
     */
    public RunWatcher(InngestClient client, Duration runPollInterval, Duration eventRunsInterval, Duration discoveryWindow,
                      int maxWatchedRuns, LongSupplier clock) {
        this(client, runPollInterval, runPollInterval, eventRunsInterval, discoveryWindow, maxWatchedRuns, clock);
    }

    /**
     * @param firstInterval the first wait between two reads of a run or of an event's runs, when the server reads them
     *                      uncached (v2); each later wait is 1.5 times longer, up to the interval of its kind
     * @see                 #RunWatcher(InngestClient, Duration, Duration, Duration, int, LongSupplier)
     */
    public RunWatcher(InngestClient client, Duration firstInterval, Duration runPollInterval, Duration eventRunsInterval,
                      Duration discoveryWindow, int maxWatchedRuns, LongSupplier clock) {
        if (maxWatchedRuns < 1) {
            throw new IllegalArgumentException("Option maxWatchedRuns must be 1 or more, was " + maxWatchedRuns);
        }
        this.client = client;
        this.firstInterval = firstInterval.toMillis();
        this.runPollInterval = runPollInterval.toMillis();
        this.eventRunsInterval = eventRunsInterval.toMillis();
        this.discoveryWindow = discoveryWindow.toMillis();
        this.maxWatchedRuns = maxWatchedRuns;
        this.clock = clock;
        // a run that cannot be read is asked for at least as long as its runs are looked for after an event
        this.giveUpAfter = Math.max(this.discoveryWindow, 5 * this.runPollInterval);
    }

    /** Looks for the runs this event starts, for the discovery window after {@code receivedAt}. */
    public void watchEvent(String eventId, Instant receivedAt) {
        events.computeIfAbsent(eventId, id -> new EventEntry(id, receivedAt));
    }

    /** Watches one run; {@code status} is its last acknowledged status, {@code null} if never seen. */
    public void watchRun(String runId, String eventId, RunStatus status) {
        if (runs.containsKey(runId)) {
            return;
        }
        if (runs.size() >= maxWatchedRuns) {
            Iterator<RunEntry> oldest = runs.values().iterator();
            RunEntry dropped = oldest.next();
            oldest.remove();
            LOG.warn(
                    "Watching {} runs, the most allowed (maxWatchedRuns); no longer watching the oldest, run {} (last status {})",
                    maxWatchedRuns, dropped.runId, dropped.status == null ? "not seen yet" : dropped.status);
        }
        runs.put(runId, new RunEntry(runId, eventId, status));
    }

    /**
     * Makes the calls that are due and returns the status changes observed, oldest watched run first. Changes stay
     * reported until acknowledged.
     *
     * @throws InngestApiException when a call fails in a way worth retrying (the poll as a whole failed)
     */
    public List<Change> poll() {
        discoverRuns();
        List<Change> changes = new ArrayList<>();
        long now = clock.getAsLong();
        for (RunEntry entry : new ArrayList<>(runs.values())) {
            if (entry.nextPollAt > now) {
                continue;
            }
            FunctionRun run;
            try {
                run = client.getRun(entry.runId);
                entry.failingSince = 0;
            } catch (InngestApiException e) {
                if (!isAboutThisRun(e)) {
                    throw e; // the poll failed (rate limit, outage, a rejected key): nothing is dropped
                }
                // the run cannot be read (not found, or not visible yet): keep asking for a while, then let it go
                if (entry.failingSince == 0) {
                    entry.failingSince = now;
                }
                if (now - entry.failingSince >= giveUpAfter) {
                    runs.remove(entry.runId);
                    LOG.warn("No longer watching run {}: it could not be read for {} ms; the last answer: {}", entry.runId,
                            now - entry.failingSince, e.getMessage());
                } else {
                    entry.nextPollAt = now + (entry.lastWait = nextWait(entry.lastWait, runPollInterval));
                    LOG.debug("Could not read run {}: {}", entry.runId, e.getMessage());
                }
                continue;
            }
            entry.nextPollAt = now + (entry.lastWait = nextWait(entry.lastWait, runPollInterval));
            if (run.status() != entry.status) {
                changes.add(new Change(run, entry.status));
            }
        }
        return changes;
    }

    /** Whether a failed read says something about the run itself (unknown, not visible yet), not about the call. */
    private static boolean isAboutThisRun(InngestApiException e) {
        return e.getStatus() == 404 || e.getStatus() == 400
                || (e.getError() != null && e.getError().startsWith("Unable to load function run"));
    }

    private void discoverRuns() {
        long now = clock.getAsLong();
        for (EventEntry event : new ArrayList<>(events.values())) {
            if (event.nextCheckAt > now) {
                continue;
            }
            for (FunctionRun run : client.listEventRuns(event.eventId)) {
                if (event.runIds.add(run.runId())) {
                    watchRun(run.runId(), event.eventId, null);
                }
            }
            event.nextCheckAt = now + (event.lastWait = nextWait(event.lastWait, eventRunsInterval));
            if (now >= event.receivedAt.toEpochMilli() + discoveryWindow) {
                events.remove(event.eventId);
            }
        }
    }

    /**
     * The wait before the next read: growing from firstInterval where reads are uncached (v2), else the full interval.
     */
    private long nextWait(long lastWait, long interval) {
        if (!client.readsRunsThroughV2()) {
            return interval;
        }
        return Math.min(interval, lastWait == 0 ? firstInterval : lastWait * 3 / 2);
    }

    /** Records that a change was delivered: the run's status is now the one seen; an ended run is dropped. */
    public void acknowledge(Change change) {
        RunEntry entry = runs.get(change.run().runId());
        if (entry == null) {
            return;
        }
        entry.status = change.run().status();
        if (entry.status != null && entry.status.isTerminal()) {
            runs.remove(entry.runId);
        }
    }

    /** The runs still watched (not ended), oldest first. */
    public List<WatchedRun> watchedRuns() {
        return runs.values().stream().map(r -> new WatchedRun(r.runId, r.eventId, r.status)).toList();
    }

    /** The events whose runs are still looked for, oldest first. */
    public List<PendingEvent> pendingEvents() {
        return events.values().stream()
                .map(e -> new PendingEvent(e.eventId, e.receivedAt, List.copyOf(e.runIds)))
                .toList();
    }

    /** The run IDs found for an event so far, in the order found (empty when none, or when no longer pending). */
    public List<String> runsOf(String eventId) {
        EventEntry event = events.get(eventId);
        return event == null ? List.of() : List.copyOf(event.runIds);
    }

    /** Restores an event whose runs were being looked for, with the runs already found. */
    public void restore(PendingEvent pending) {
        EventEntry entry = events.computeIfAbsent(pending.eventId(), id -> new EventEntry(id, pending.receivedAt()));
        entry.runIds.addAll(pending.runIds());
    }

    /** How long until the next call is due, in milliseconds (0 when one is due now). */
    public long millisUntilNextCall() {
        long now = clock.getAsLong();
        long next = Long.MAX_VALUE;
        for (RunEntry r : runs.values()) {
            next = Math.min(next, r.nextPollAt);
        }
        for (EventEntry e : events.values()) {
            next = Math.min(next, e.nextCheckAt);
        }
        return next == Long.MAX_VALUE ? runPollInterval : Math.max(0, next - now);
    }
}
