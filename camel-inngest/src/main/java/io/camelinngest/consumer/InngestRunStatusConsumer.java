package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * <li>{@code source=v2}: the runs of {@code appId} (and {@code functionId}) as they end, read from the v2 runs
 * listing ordered by {@code endedAt}: one message per ended run, with no per-run polling.</li>
 * </ul>
 * The watch set, the events still being looked at and the watermarks are saved in the state repository; a run's
 * new status is recorded only after the exchange that carried it completed.
 */
public class InngestRunStatusConsumer extends AbstractInngestConsumer {

    /** The most ended run IDs remembered, so that runs named in {@code runId} are not watched again after a restart. */
    private static final int MAX_FINISHED = 10_000;

    /** What is saved under the state key. */
    public record State(Watermark events, List<RunWatcher.PendingEvent> pending, List<RunWatcher.WatchedRun> runs,
                        List<String> finished, Watermark endedRuns) {
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
        if (saved != null) {
            events = saved.events();
            endedRuns = saved.endedRuns();
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
        return v2 ? fetchEndedRuns() : fetchChanges();
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

    private List<Delivery> fetchEndedRuns() {
        List<RunStatus> wanted = statuses.isEmpty()
                ? List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED)
                : List.copyOf(statuses);
        RunQuery query = new RunQuery(config.getAppId(), config.getFunctionId(), wanted, RunQuery.TimeField.endedAt,
                endedRuns.readFrom(overlap), true, null, config.getPageSize());
        int max = getMaxMessagesPerPoll();
        List<Delivery> deliveries = new ArrayList<>();
        do {
            RunPage page = client().listRuns(query);
            for (FunctionRun run : page.runs()) {
                Instant endedAt = run.endedAt() == null ? null : run.endedAt().toInstant();
                if (endedAt == null || !endedRuns.isNew(run.runId(), endedAt)) {
                    continue;
                }
                deliveries.add(new Delivery(run, headers(run, null), () -> {
                    endedRuns.delivered(run.runId(), endedAt, overlap);
                    save();
                }));
            }
            query = page.hasMore() && (max <= 0 || deliveries.size() < max) ? query.withCursor(page.nextCursor()) : null;
        } while (query != null);
        return max > 0 && deliveries.size() > max ? deliveries.subList(0, max) : deliveries;
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
        store.save(new State(events, pending, runs, List.copyOf(finished), endedRuns));
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
        position = Map.copyOf(now);
    }
}
