package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.RunQuery;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;

/**
 * Reads what is new in the two v2 runs listings of an app (or function) past their watermarks: runs queued or running,
 * by {@code queuedAt}, and ended runs, by {@code endedAt}, oldest first, merged in time order.
 * <p>
 * Under a burst of runs the listing by {@code queuedAt} shows a run a while after runs queued after it
 * ({@code queuedAt} is the time of the run's ID; the run is listed once it is written, measured up to a few seconds
 * later against the Dev Server), and the listing by {@code endedAt} does so too, rarely and by less. With a settle
 * window, a run waits until its time lies {@code settle} behind the newest time its listing showed or this host's clock
 * when the read began, or until it was first seen {@code settle} ago; the merged list is cut at the first run that
 * waits, so what is returned is always a prefix in time order and the watermarks never pass a run held back. Times of
 * first sight are kept in memory for the runs held back only. Not thread-safe: one poller at a time.
 */
public final class RunListingScanner {

    /** The statuses of the listing by {@code endedAt} when none are asked for. */
    public static final List<RunStatus> ENDED = List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED);
    /** The statuses of the listing by {@code queuedAt}: new runs, first sight. */
    public static final List<RunStatus> NEW = List.of(RunStatus.SCHEDULED, RunStatus.RUNNING);

    /** A run read from a listing, at the time that listing orders it by. */
    public record Listed(FunctionRun run, Instant at, boolean ended) {
    }

    private final InngestClient client;
    private final String appId;
    private final String functionId;
    private final Duration overlap;
    private final int pageSize;
    private final Duration settle;
    private final LongSupplier nanoClock;
    private final Supplier<Instant> clock;
    private Map<String, Long> firstSeen = new HashMap<>();
    /** The newest {@code queuedAt} any read showed: the server had listed runs up to it. */
    private Instant newestQueued;
    /** The newest {@code endedAt} any read showed. */
    private Instant newestEnded;

    public RunListingScanner(InngestClient client, String appId, String functionId, Duration overlap, int pageSize,
                             Duration settle) {
        this(client, appId, functionId, overlap, pageSize, settle, System::nanoTime, Instant::now);
    }

    RunListingScanner(InngestClient client, String appId, String functionId, Duration overlap, int pageSize,
                      Duration settle, LongSupplier nanoClock, Supplier<Instant> clock) {
        this.client = client;
        this.appId = appId;
        this.functionId = functionId;
        this.overlap = overlap;
        this.pageSize = pageSize;
        this.settle = settle;
        this.nanoClock = nanoClock;
        this.clock = clock;
    }

    /**
     * The runs past the watermarks that may be delivered now, in time order, at most {@code max} (0: no limit).
     *
     * @param queued      the watermark of new runs, or {@code null} to leave that listing unread
     * @param ended       the watermark of ended runs, or {@code null} to leave that listing unread
     * @param endStatuses the end statuses asked for (empty for all)
     */
    public List<Listed> newRuns(Watermark queued, Watermark ended, List<RunStatus> endStatuses, int max) {
        Instant readAt = clock.get();
        List<Listed> listed = new ArrayList<>();
        if (queued != null) {
            read(RunQuery.TimeField.queuedAt, NEW, queued, max, listed);
        }
        if (ended != null) {
            read(RunQuery.TimeField.endedAt, endStatuses.isEmpty() ? ENDED : endStatuses, ended, max, listed);
        }
        listed.sort(Comparator.comparing(Listed::at).thenComparing(Listed::ended));
        List<Listed> kept = max > 0 && listed.size() > max ? listed.subList(0, max) : listed;
        return settled(kept, readAt);
    }

    private List<Listed> settled(List<Listed> listed, Instant readAt) {
        if (settle.isZero()) {
            return listed;
        }
        long now = nanoClock.getAsLong();
        Map<String, Long> seen = new HashMap<>();
        for (Listed item : listed) {
            seen.put(key(item), firstSeen.getOrDefault(key(item), now));
        }
        firstSeen = seen;
        Instant queuedUpTo = latest(newestQueued, readAt).minus(settle);
        Instant endedUpTo = latest(newestEnded, readAt).minus(settle);
        for (int i = 0; i < listed.size(); i++) {
            Listed item = listed.get(i);
            boolean settled = !item.at().isAfter(item.ended() ? endedUpTo : queuedUpTo)
                    || now - seen.get(key(item)) >= settle.toNanos();
            if (!settled) {
                return listed.subList(0, i);
            }
        }
        return listed;
    }

    /** A run's first sight and its end are held back apart. */
    private static String key(Listed item) {
        return item.ended() ? "ended:" + item.run().runId() : item.run().runId();
    }

    private static Instant latest(Instant newest, Instant readAt) {
        return newest != null && newest.isAfter(readAt) ? newest : readAt;
    }

    private void read(RunQuery.TimeField field, List<RunStatus> wanted, Watermark watermark, int max, List<Listed> out) {
        Instant from = watermark.readFrom(overlap);
        RunQuery query = new RunQuery(appId, functionId, wanted, field, from, true, null, pageSize);
        boolean byEnd = field == RunQuery.TimeField.endedAt;
        int found = 0;
        Set<String> cursors = new HashSet<>();
        // a page can repeat a run of an earlier page of the same read (seen against the Dev Server under a burst of
        // runs): it is one change, delivered once
        Set<String> read = new HashSet<>();
        do {
            RunPage page = client.listRuns(query);
            for (FunctionRun run : page.runs()) {
                OffsetDateTime time = byEnd ? run.endedAt() : run.queuedAt();
                // the Dev Server's later pages under a burst can hold runs the query's filters exclude
                if (time == null || !wanted.contains(run.status())) {
                    continue;
                }
                if (!byEnd && (newestQueued == null || time.toInstant().isAfter(newestQueued))) {
                    newestQueued = time.toInstant();
                } else if (byEnd && (newestEnded == null || time.toInstant().isAfter(newestEnded))) {
                    newestEnded = time.toInstant();
                }
                // nor from before the read's start: their IDs may be forgotten already, and they are not new
                if (!time.toInstant().isBefore(from) && watermark.isNew(run.runId(), time.toInstant())
                        && read.add(run.runId())) {
                    out.add(new Listed(run, time.toInstant(), byEnd));
                    found++;
                }
            }
            if (page.hasMore() && page.nextCursor() != null && !cursors.add(page.nextCursor())) {
                throw new InngestApiException(
                        "runStatus", 200, 200, null, null, false,
                        "runStatus failed: the v2 runs listing returned a cursor already followed (" + page.nextCursor() + ")",
                        null);
            }
            query = page.hasMore() && (max <= 0 || found < max) ? query.withCursor(page.nextCursor()) : null;
        } while (query != null);
    }
}
