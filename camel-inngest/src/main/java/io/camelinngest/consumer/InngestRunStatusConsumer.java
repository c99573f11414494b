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

import org.apache.camel.Processor;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.client.RunQuery;
import io.camelinngest.client.RunWatcher;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;

/**
 * {@code from("inngest:runStatus")}: one message per observed status change of a run. Which runs:
 * <ul>
 * <li>{@code source=v1} (default): the runs started by new events named {@code eventName}, the runs named in
 * {@code runId}, and runs handed over by {@code to("inngest:runStatus")}; each polled until it ends;</li>
 * <li>{@code source=v2}: the runs of {@code appId} (and {@code functionId}), read from the v2 runs listing: each new
 * run once (by {@code queuedAt}) and each end once (by {@code endedAt}), with no per-run polling.</li>
 * </ul>
 * The watch set, the events still being looked at and the watermarks are saved in the state repository; a run's
 * new status is recorded only after the exchange that carried it completed.
 */
public class InngestRunStatusConsumer extends AbstractInngestConsumer {

    /** The most ended run IDs remembered, so that runs named in {@code runId} are not watched again after a restart. */
    private static final int MAX_FINISHED = 10_000;

    /** What is saved under the state key. */
    public record State(Watermark events, List<RunWatcher.PendingEvent> pending, List<RunWatcher.WatchedRun> runs,
                        List<String> finished, Watermark endedRuns, Watermark queuedRuns) {
    }

    private final InngestConfiguration config;
    private final Set<RunStatus> statuses;
    private final boolean v2;
    private final Duration overlap;
    private StateStore<State> store;
    private RunWatcher watcher;
    private Watermark events;
    private EventScanner scanner;
    private Watermark endedRuns;
    private Watermark queuedRuns;
    /** source=v2: the status each new run was delivered with, for the previous-status header of its end. */
    private final Map<String, RunStatus> seenQueued = new LinkedHashMap<>();
    /** Runs given directly (option runId, hand-over) that ended: not watched again, even after a restart. */
    private final Set<String> finished = new LinkedHashSet<>();
    /** The runs given directly, as opposed to found from events (whose runs are remembered per pending event). */
    private final Set<String> direct = new HashSet<>();
    private volatile Map<String, Object> position = Map.of();

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
    protected void restoreState() {
        store = stateStore(State.class);
        watcher = new RunWatcher(client(), Duration.ofMillis(config.getRunPollInterval()),
                Duration.ofMillis(config.getEventRunsInterval()), Duration.ofMillis(config.getDiscoveryWindow()),
                config.getMaxWatchedRuns(), System::currentTimeMillis);
        State saved = store.load();
        finished.clear();
        direct.clear();
        events = null;
        endedRuns = null;
        queuedRuns = null;
        seenQueued.clear();
        if (saved != null) {
            events = saved.events();
            endedRuns = saved.endedRuns();
            queuedRuns = saved.queuedRuns();
            if (saved.finished() != null) {
                finished.addAll(saved.finished());
            }
            if (saved.pending() != null) {
                saved.pending().forEach(watcher::restore);
            }
            if (saved.runs() != null) {
                for (RunWatcher.WatchedRun run : saved.runs()) {
                    watcher.watchRun(run.runId(), run.eventId(), run.status());
                    if (run.eventId() == null) {
                        direct.add(run.runId());
                    }
                }
            }
        }
        StartFrom startFrom = StartFrom.parse(config.getStartFrom());
        scanner = new EventScanner(client(), config.eventNameFilter(), overlap, config.getPageSize());
        if (events == null && config.eventNameFilter() != null) {
            events = Watermark.startingAt(startFrom.instant());
        }
        if (endedRuns == null && v2) {
            endedRuns = Watermark.startingAt(startFrom.instant());
        }
        if (queuedRuns == null && v2) {
            queuedRuns = Watermark.startingAt(startFrom.instant());
        }
        if (config.getRunId() != null) {
            for (String runId : config.getRunId().split(",")) {
                watch(runId.trim());
            }
        }
        save();
    }

    private void watch(String runId) {
        if (!runId.isEmpty() && !finished.contains(runId)) {
            direct.add(runId);
            watcher.watchRun(runId, null, null);
        }
    }

    @Override
    public Map<String, Object> position() {
        return position;
    }

    @Override
    protected List<Delivery> fetch() {
        return v2 ? fetchV2() : fetchChanges();
    }

    private List<Delivery> fetchChanges() {
        getEndpoint().drainHandedOverRuns().forEach(this::watch);
        if (events != null) {
            // bounded like the deliveries: after a long stop, the events (and their run lookups) come over several polls
            for (InngestEvent event : scanner.newEvents(events, getMaxMessagesPerPoll())) {
                watcher.watchEvent(event.internalId(), event.receivedAt().toInstant());
                events.delivered(event.internalId(), event.receivedAt().toInstant(), overlap);
            }
        }
        List<RunWatcher.Change> changes = watcher.poll();
        List<Delivery> deliveries = new ArrayList<>();
        int max = getMaxMessagesPerPoll();
        for (RunWatcher.Change change : changes) {
            if (!statuses.isEmpty() && !statuses.contains(change.run().status())) {
                record(change);
                continue;
            }
            if (max > 0 && deliveries.size() >= max) {
                break;
            }
            deliveries.add(new Delivery(change.run(), headers(change.run(), change.previous()), () -> {
                record(change);
                save();
            }));
        }
        save();
        return deliveries;
    }

    private void record(RunWatcher.Change change) {
        watcher.acknowledge(change);
        if (change.run().isEnded() && direct.remove(change.run().runId())) {
            finished.add(change.run().runId());
            while (finished.size() > MAX_FINISHED) {
                finished.remove(finished.iterator().next());
            }
        }
    }

    /** A run read from a v2 listing, at the time its listing orders it by. */
    private record Listed(FunctionRun run, Instant at, boolean ended) {
    }

    /**
     * source=v2: new runs from the listing by {@code queuedAt} (those still queued or running: one message each, on
     * first sight) and ended runs from the listing by {@code endedAt} (one message each), merged in time order. A run
     * queued and ended between two polls comes once, ended. No per-run polling.
     */
    private List<Delivery> fetchV2() {
        boolean wantNew = statuses.isEmpty() || statuses.stream().anyMatch(s -> !s.isTerminal());
        boolean wantEnded = statuses.isEmpty() || statuses.stream().anyMatch(RunStatus::isTerminal);
        int max = getMaxMessagesPerPoll();
        List<Listed> listed = new ArrayList<>();
        if (wantNew) {
            list(RunQuery.TimeField.queuedAt, List.of(RunStatus.SCHEDULED, RunStatus.RUNNING), queuedRuns, max, listed);
        }
        if (wantEnded) {
            List<RunStatus> ended = statuses.stream().filter(RunStatus::isTerminal).toList();
            list(RunQuery.TimeField.endedAt, ended.isEmpty() ? V2_ENDED : ended, endedRuns, max, listed);
        }
        listed.sort(java.util.Comparator.comparing(Listed::at).thenComparing(Listed::ended));
        List<Delivery> deliveries = new ArrayList<>();
        for (Listed item : max > 0 && listed.size() > max ? listed.subList(0, max) : listed) {
            FunctionRun run = item.run();
            if (!item.ended()) {
                Runnable record = () -> {
                    queuedRuns.delivered(run.runId(), item.at(), overlap);
                    rememberQueued(run);
                    save();
                };
                if (statuses.isEmpty() || statuses.contains(run.status())) {
                    deliveries.add(new Delivery(run, headers(run, null), record));
                } else if (deliveries.isEmpty()) {
                    record.run(); // not asked for: moves the position without a message
                }
                continue;
            }
            deliveries.add(new Delivery(run, headers(run, seenQueued.get(run.runId())), () -> {
                endedRuns.delivered(run.runId(), item.at(), overlap);
                seenQueued.remove(run.runId());
                save();
            }));
        }
        return deliveries;
    }

    private static final List<RunStatus> V2_ENDED = List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED);

    private void list(RunQuery.TimeField field, List<RunStatus> wanted, Watermark watermark, int max, List<Listed> out) {
        RunQuery query = new RunQuery(config.getAppId(), config.getFunctionId(), wanted, field,
                watermark.readFrom(overlap), true, null, config.getPageSize());
        int found = 0;
        do {
            RunPage page = client().listRuns(query);
            for (FunctionRun run : page.runs()) {
                java.time.OffsetDateTime time = field == RunQuery.TimeField.endedAt ? run.endedAt() : run.queuedAt();
                if (time != null && watermark.isNew(run.runId(), time.toInstant())) {
                    out.add(new Listed(run, time.toInstant(), field == RunQuery.TimeField.endedAt));
                    found++;
                }
            }
            query = page.hasMore() && (max <= 0 || found < max) ? query.withCursor(page.nextCursor()) : null;
        } while (query != null);
    }

    private void rememberQueued(FunctionRun run) {
        seenQueued.put(run.runId(), run.status());
        Iterator<String> oldest = seenQueued.keySet().iterator();
        while (seenQueued.size() > config.getMaxWatchedRuns() && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static Map<String, Object> headers(FunctionRun run, RunStatus previous) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(InngestConstants.RUN_ID, run.runId());
        if (run.status() != null) {
            headers.put(InngestConstants.RUN_STATUS, run.status().wireName());
        }
        if (previous != null) {
            headers.put(InngestConstants.PREVIOUS_RUN_STATUS, previous.wireName());
        }
        if (run.eventId() != null) {
            headers.put(InngestConstants.EVENT_ID, run.eventId());
        }
        if (run.functionId() != null) {
            headers.put(InngestConstants.FUNCTION_ID, run.functionId());
        }
        return headers;
    }

    private void save() {
        List<RunWatcher.PendingEvent> pending = watcher.pendingEvents();
        List<RunWatcher.WatchedRun> runs = watcher.watchedRuns();
        store.save(new State(events, pending, runs, List.copyOf(finished), endedRuns, queuedRuns));
        // a snapshot for the dev console, which reads it from another thread
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("source", v2 ? "v2" : "v1");
        now.put("watchedRuns", runs.size());
        now.put("eventsLookedAt", pending.size());
        if (events != null) {
            now.put("eventWatermark", events.watermark().toString());
        }
        if (endedRuns != null) {
            now.put("endedRunsWatermark", endedRuns.watermark().toString());
        }
        if (queuedRuns != null) {
            now.put("queuedRunsWatermark", queuedRuns.watermark().toString());
        }
        position = Map.copyOf(now);
    }
}
