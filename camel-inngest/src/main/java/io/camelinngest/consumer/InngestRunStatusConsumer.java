package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.RunStatus;
import io.camelinngest.tracking.EventScanner;
import io.camelinngest.tracking.RunListingScanner;
import io.camelinngest.tracking.RunWatcher;
import io.camelinngest.tracking.Watermark;
import org.apache.camel.Processor;

/**
 * {@code from("inngest:runStatus")}: one message per observed status change of a run. Which runs:
 * <ul>
 * <li>{@code source=v1} (default): the runs started by new events named {@code eventName}, the runs named in
 * {@code runId}, and runs handed over by {@code to("inngest:runStatus")}; each polled until it ends;</li>
 * <li>{@code source=v2}: the runs of {@code appId} (and {@code functionId}), read from the v2 runs listing: each new
 * run once (by {@code queuedAt}) and each end once (by {@code endedAt}), with no per-run polling.</li>
 * </ul>
 * The watch set, the events still being looked at, the watermarks and the status each run was first seen with are saved
 * in the state repository, one small entry each (see {@link StateStore}); a run's new status is recorded only after the
 * exchange that carried it completed, by writing that run's entry alone.
 */
public class InngestRunStatusConsumer extends AbstractInngestConsumer<InngestRunStatusConsumer.Session> {

    /** The most ended run IDs remembered, so that runs named in {@code runId} are not watched again after a restart. */
    private static final int MAX_FINISHED = 10_000;

    // the prefixes of the entries in the state store
    static final String EVENTS = "events.";
    static final String ENDED = "ended.";
    static final String QUEUED = "queued.";
    static final String RUN = "run.";
    static final String PENDING = "pending.";
    static final String FINISHED = "finished.";
    static final String SEEN = "seen.";

    /** One start's position: what is watched, what was delivered, and the readers that find what comes next. */
    static final class Session extends ConsumerSession {
        private final RunWatcher watcher;
        private final EventScanner scanner;
        private final RunListingScanner listings;
        private Watermark events;
        private Watermark endedRuns;
        private Watermark queuedRuns;
        /** source=v2: the status each new run was delivered with, for the previous-status header of its end. */
        private final Map<String, RunStatus> seenQueued = new LinkedHashMap<>();
        /** Runs given directly (option runId, hand-over) that ended: not watched again, even after a restart. */
        private final Set<String> finished = new LinkedHashSet<>();
        /** The runs given directly, as opposed to found from events (whose runs are remembered per pending event). */
        private final Set<String> direct = new HashSet<>();

        /** source=v2: the newest time delivered from each listing in this session; a run listed before it is late. */
        private Instant newestQueued;
        private Instant newestEnded;

        Session(StateStore store, PositionCommit commit, RunWatcher watcher, EventScanner scanner,
                RunListingScanner listings) {
            super(store, commit);
            this.watcher = watcher;
            this.scanner = scanner;
            this.listings = listings;
        }
    }

    private final InngestConfiguration config;
    private final Set<RunStatus> statuses;
    private final boolean v2;
    private final Duration overlap;
    private volatile Map<String, Object> position = Map.of();
    /** source=v2: runs delivered after one of their listing with a later time, since this consumer was created. */
    private final AtomicLong lateRuns = new AtomicLong();

    /** Option checks happen in {@link InngestEndpoint#createConsumer}, before this is built. */
    public InngestRunStatusConsumer(InngestEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration();
        this.statuses = Statuses.parse(config.getStatuses());
        this.v2 = "v2".equalsIgnoreCase(config.getSource());
        this.overlap = Duration.ofMillis(config.getOverlap());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().runStatusConsumerStarted(true);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().runStatusConsumerStarted(false);
        super.doStop();
    }

    @Override
    protected Session openSession(StateStore store) {
        RunWatcher watcher = new RunWatcher(
                client(), Duration.ofMillis(config.getRunPollInterval()),
                Duration.ofMillis(config.getEventRunsInterval()), Duration.ofMillis(config.getDiscoveryWindow()),
                config.getMaxWatchedRuns(), System::currentTimeMillis);
        Session session = new Session(
                store, positionCommit(), watcher,
                new EventScanner(client(), config.eventNameFilter(), overlap, config.getPageSize()),
                new RunListingScanner(
                        client(), config.getAppId(), config.getFunctionId(), overlap, config.getPageSize(),
                        Duration.ofMillis(config.getSettleWindow())));
        Map<String, String> saved = store.load();
        session.events = Watermark.fromEntries(EVENTS, saved);
        session.endedRuns = Watermark.fromEntries(ENDED, saved);
        session.queuedRuns = Watermark.fromEntries(QUEUED, saved);
        saved.forEach((key, value) -> {
            if (key.startsWith(FINISHED)) {
                session.finished.add(key.substring(FINISHED.length()));
            } else if (key.startsWith(PENDING)) {
                String[] parts = value.split("\\|", -1);
                watcher.restore(new RunWatcher.PendingEvent(
                        key.substring(PENDING.length()), Instant.parse(parts[0]),
                        parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","))));
            } else if (key.startsWith(SEEN)) {
                session.seenQueued.put(key.substring(SEEN.length()), RunStatus.fromName(value));
            }
        });
        saved.forEach((key, value) -> {
            if (key.startsWith(RUN)) {
                String runId = key.substring(RUN.length());
                String[] parts = value.split("\\|", -1);
                String eventId = parts[1].isEmpty() ? null : parts[1];
                watcher.watchRun(runId, eventId, parts[0].isEmpty() ? null : RunStatus.fromName(parts[0]));
                if (eventId == null) {
                    session.direct.add(runId);
                }
            }
        });
        StartFrom startFrom = StartFrom.parse(config.getStartFrom());
        if (session.events == null && config.eventNameFilter() != null) {
            session.events = Watermark.startingAt(startFrom.instant());
        }
        if (session.endedRuns == null && v2) {
            session.endedRuns = Watermark.startingAt(startFrom.instant());
        }
        if (session.queuedRuns == null && v2) {
            session.queuedRuns = Watermark.startingAt(startFrom.instant());
        }
        if (config.getRunId() != null) {
            for (String runId : config.getRunId().split(",")) {
                watch(session, runId.trim());
            }
        }
        saveAll(session);
        session.flush();
        return session;
    }

    private static void watch(Session session, String runId) {
        if (!runId.isEmpty() && !session.finished.contains(runId)) {
            session.direct.add(runId);
            session.watcher.watchRun(runId, null, null);
        }
    }

    @Override
    public Map<String, Object> position() {
        return position;
    }

    @Override
    public long lateDeliveries() {
        return lateRuns.get();
    }

    @Override
    protected boolean isBehind(Session session, int fetched, int processed) {
        // with eventName, a read of events that stopped short of the newest leaves runs to find behind it
        return super.isBehind(session, fetched, processed)
                || fetched > 0 && processed == fetched && session.events != null && session.scanner.moreBehind();
    }

    @Override
    protected List<Delivery> fetch(Session session) {
        return v2 ? fetchV2(session) : fetchChanges(session);
    }

    private List<Delivery> fetchChanges(Session session) {
        getEndpoint().drainHandedOverRuns().forEach(runId -> watch(session, runId));
        if (session.events != null) {
            // bounded like the deliveries: after a long stop, the events (and their run lookups) come over several polls
            for (InngestEvent event : session.scanner.newEvents(session.events, getMaxMessagesPerPoll())) {
                session.watcher.watchEvent(event.internalId(), event.receivedAt().toInstant());
                session.events.delivered(event.internalId(), event.receivedAt().toInstant(), overlap);
            }
        }
        List<RunWatcher.Change> changes = session.watcher.poll();
        List<Delivery> deliveries = new ArrayList<>();
        int max = getMaxMessagesPerPoll();
        for (RunWatcher.Change change : changes) {
            if (!statuses.isEmpty() && !statuses.contains(change.run().status())) {
                record(session, change, null);
                continue;
            }
            if (max > 0 && deliveries.size() >= max) {
                break;
            }
            deliveries.add(new Delivery(session, change.run(), RunHeaders.of(change.run(), change.previous(), false), () -> {
                record(session, change, session.edit());
                updatePosition(session);
            }));
        }
        session.write(() -> saveAll(session));
        return deliveries;
    }

    /**
     * Records that a change was delivered (or not asked for). With an edit, writes what it changed: the run's own entry
     * and, when a run given directly ended, its finished mark; the rest waits for the poll's save.
     */
    private static void record(Session session, RunWatcher.Change change, StateStore.Edit edit) {
        session.watcher.acknowledge(change);
        String runId = change.run().runId();
        if (edit != null) {
            String saved = edit.current(RUN + runId);
            if (change.run().isEnded() || saved == null) {
                edit.remove(RUN + runId);
            } else {
                edit.put(RUN + runId, runEntry(change.run().status(), saved.substring(saved.indexOf('|') + 1)));
            }
        }
        if (change.run().isEnded() && session.direct.remove(runId)) {
            session.finished.add(runId);
            if (edit != null) {
                edit.put(FINISHED + runId, "1");
            }
            while (session.finished.size() > MAX_FINISHED) {
                String oldest = session.finished.iterator().next();
                session.finished.remove(oldest);
                if (edit != null) {
                    edit.remove(FINISHED + oldest);
                }
            }
        }
    }

    private static String runEntry(RunStatus status, String eventId) {
        return (status == null ? "" : status.wireName()) + "|" + (eventId == null ? "" : eventId);
    }

    /**
     * source=v2: new runs from the listing by {@code queuedAt} (those still queued or running: one message each, on
     * first sight) and ended runs from the listing by {@code endedAt} (one message each), merged in time order and held
     * back within {@code settleWindow} (see {@link RunListingScanner}). A run queued and ended between two polls comes
     * once, ended. No per-run polling. A run listed after one of its listing that was delivered with a later time comes
     * marked late.
     */
    private List<Delivery> fetchV2(Session session) {
        boolean wantNew = statuses.isEmpty() || statuses.stream().anyMatch(s -> !s.isTerminal());
        boolean wantEnded = statuses.isEmpty() || statuses.stream().anyMatch(RunStatus::isTerminal);
        List<RunListingScanner.Listed> listed = session.listings.newRuns(
                wantNew ? session.queuedRuns : null, wantEnded ? session.endedRuns : null,
                statuses.stream().filter(RunStatus::isTerminal).toList(), getMaxMessagesPerPoll());
        List<Delivery> deliveries = new ArrayList<>();
        // first sights of this poll: an end of the same run in this poll has it as its previous status
        Map<String, RunStatus> sightedNow = new HashMap<>();
        for (RunListingScanner.Listed item : listed) {
            FunctionRun run = item.run();
            Instant newest = item.ended() ? session.newestEnded : session.newestQueued;
            boolean late = newest != null && item.at().isBefore(newest);
            boolean asked = item.ended() || statuses.isEmpty() || statuses.contains(run.status());
            Runnable counted = () -> {
                if (late) {
                    lateRuns.addAndGet(asked ? 1 : 0);
                } else if (item.ended()) {
                    session.newestEnded = item.at();
                } else {
                    session.newestQueued = item.at();
                }
            };
            if (!item.ended()) {
                sightedNow.put(run.runId(), run.status());
                Runnable record = () -> {
                    counted.run();
                    session.queuedRuns.delivered(run.runId(), item.at(), overlap);
                    StateStore.Edit edit = session.edit();
                    session.queuedRuns.saveTo(edit, QUEUED);
                    edit.put(SEEN + run.runId(), run.status() == null ? "" : run.status().wireName());
                    session.seenQueued.put(run.runId(), run.status());
                    Iterator<String> oldest = session.seenQueued.keySet().iterator();
                    while (session.seenQueued.size() > config.getMaxWatchedRuns() && oldest.hasNext()) {
                        edit.remove(SEEN + oldest.next());
                        oldest.remove();
                    }
                    updatePosition(session);
                };
                if (asked) {
                    deliveries.add(new Delivery(session, run, RunHeaders.of(run, null, late), record));
                } else if (deliveries.isEmpty()) {
                    session.write(record); // not asked for: moves the position without a message
                }
                continue;
            }
            RunStatus previous = sightedNow.getOrDefault(run.runId(), session.seenQueued.get(run.runId()));
            deliveries.add(new Delivery(session, run, RunHeaders.of(run, previous, late), () -> {
                counted.run();
                session.endedRuns.delivered(run.runId(), item.at(), overlap);
                session.seenQueued.remove(run.runId());
                StateStore.Edit edit = session.edit();
                session.endedRuns.saveTo(edit, ENDED);
                edit.remove(SEEN + run.runId());
                updatePosition(session);
            }));
        }
        return deliveries;
    }

    /**
     * Adds every entry that differs from what is saved to the session's edit (once per poll; each delivery adds its own
     * entries), written as {@code positionCommit} says.
     */
    private void saveAll(Session session) {
        List<RunWatcher.WatchedRun> runs = session.watcher.watchedRuns();
        List<RunWatcher.PendingEvent> pending = session.watcher.pendingEvents();
        Map<String, String> runEntries = new LinkedHashMap<>();
        for (RunWatcher.WatchedRun run : runs) {
            runEntries.put(RUN + run.runId(), runEntry(run.status(), run.eventId()));
        }
        Map<String, String> pendingEntries = new LinkedHashMap<>();
        for (RunWatcher.PendingEvent event : pending) {
            pendingEntries.put(PENDING + event.eventId(), event.receivedAt() + "|" + String.join(",", event.runIds()));
        }
        Map<String, String> finishedEntries = new LinkedHashMap<>();
        session.finished.forEach(id -> finishedEntries.put(FINISHED + id, "1"));
        StateStore.Edit edit = session.edit()
                .sync(RUN, runEntries)
                .sync(PENDING, pendingEntries)
                .sync(FINISHED, finishedEntries);
        if (session.events != null) {
            session.events.saveTo(edit, EVENTS);
        }
        if (session.endedRuns != null) {
            session.endedRuns.saveTo(edit, ENDED);
        }
        if (session.queuedRuns != null) {
            session.queuedRuns.saveTo(edit, QUEUED);
        }
        updatePosition(session);
    }

    private void updatePosition(Session session) {
        // a snapshot for the dev console, which reads it from another thread
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("source", v2 ? "v2" : "v1");
        now.put("watchedRuns", session.watcher.watchedRuns().size());
        now.put("eventsLookedAt", session.watcher.pendingEvents().size());
        if (session.events != null) {
            now.put("eventWatermark", session.events.watermark().toString());
        }
        if (session.endedRuns != null) {
            now.put("endedRunsWatermark", session.endedRuns.watermark().toString());
        }
        if (session.queuedRuns != null) {
            now.put("queuedRunsWatermark", session.queuedRuns.watermark().toString());
        }
        if (v2) {
            now.put("lateRuns", lateRuns.get());
        }
        position = Map.copyOf(now);
    }
}
