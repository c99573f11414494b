package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.InngestEvent;

/**
 * Reads the events not delivered yet, in the order they were sent (by internal ID; see {@link #SENT_ORDER}). The server
 * lists newest first (by internal ID), so the scan pages backwards with the cursor down to the watermark, keeping only
 * the {@code max} new events with the oldest {@code received_at} (bounded memory while catching up on a backlog: the
 * rest comes on the next polls). Internal-ID order and {@code received_at} order can differ (a sender's seed sets the
 * ID's time), so the events kept are chosen by {@code received_at}, the time the watermark follows: none is cut off
 * behind what is delivered. With a settle window ({@link SettleWindow}) the events kept are the first {@code max} in
 * send order instead, and the watermark stays below the least {@code received_at} of those not kept
 * ({@link #heldFrom()}).
 * <p>
 * Catching up on a backlog would otherwise cost a full scan down to the watermark for each {@code max} events. The
 * scanner therefore reads a backlog in windows ({@code received_before}) of about {@code max} new events, sized by the
 * density of the events it last read (at first, of the first page: when that page is full and the window it gives ends
 * in the past, the scan starts again with that window instead of reading the whole backlog). When a scan finds more
 * than {@code max}, it notes the {@code received_at} of every {@code max}-th new event (a ceiling), and the following
 * polls read only up to the next ceiling. A window with nothing new in it is followed by a read up to the newest event,
 * as without a window, so a pause in the stream costs one request more, never an event. The window bounds a read from
 * above only.
 * <p>
 * The overlap behind the watermark is re-read on every poll, for events the server shows late, except where no event
 * can still show up: the scanner remembers the newest {@code received_at} any page has shown (N, the server's clock had
 * passed it), and an event received more than the overlap before N was visible then, as the overlap assumes (an event
 * shows up within the overlap after its {@code received_at}). A read started after N was learned has therefore seen
 * every such event in its range, and delivered it or left the watermark below it; the read after that one starts at the
 * watermark instead of the overlap behind it, as far as {@code N - overlap} allows. While catching up on a backlog (the
 * watermark far behind N) a poll then reads each page once, not the overlap's pages again; at the head of the stream
 * (the watermark within the overlap of N) nothing changes. Only the server's times are compared, never this host's
 * clock. Ceilings, density and N live in memory only (a restart re-reads the overlap and finds them again); what they
 * settled reaches the position through {@link #settledUpTo()}: while catching up, the watermark's floor follows the
 * watermark and the position holds no overlap window of IDs (see {@link Watermark}).
 */
public final class EventScanner {

    /**
     * The order events are delivered in: by internal ID, the order the server accepted them (a ULID of the send's time,
     * then its position in the send). {@code received_at} is when the server stored an event, which can be out of the
     * sending order by a few milliseconds (seen against the Dev Server).
     */
    private static final Comparator<InngestEvent> SENT_ORDER = Comparator.comparing(InngestEvent::internalId);

    /** By {@code received_at} on the time-line (offsets compared without making an Instant per comparison), then ID. */
    private static final Comparator<InngestEvent> OLDEST_FIRST = Comparator
            .comparing(InngestEvent::receivedAt, OffsetDateTime.timeLineOrder())
            .thenComparing(InngestEvent::internalId);

    /** The longest window read while catching up. */
    private static final Duration MAX_WINDOW = Duration.ofDays(30);

    private final InngestClient client;
    private final String name;
    private final Duration overlap;
    private final int pageSize;
    private final Duration settle;
    private final SettleWindow settleWindow;
    private final Deque<Instant> ceilings = new ArrayDeque<>();
    /** New events per nanosecond of {@code received_at} in the last scan; 0 when not known. */
    private double density;
    /** The newest {@code received_at} any page showed (the server's clock had passed it), or null. */
    private Instant newestSeen;
    /**
     * The newest {@code received_at} known when the last complete scan started, or null: every event received more than
     * the overlap before it was visible to that scan (see the class comment).
     */
    private Instant settledNewest;
    /** See {@link #heldFrom()}. */
    private Instant heldFrom;
    /** Whether the last read stopped at a bound (a window or a ceiling) or kept fewer events than it found. */
    private boolean moreBehind;

    public EventScanner(InngestClient client, String name, Duration overlap, int pageSize) {
        this(client, name, overlap, pageSize, Duration.ZERO);
    }

    /** A scanner that holds back the events of the last {@code settle} (see {@link SettleWindow}). */
    public EventScanner(InngestClient client, String name, Duration overlap, int pageSize, Duration settle) {
        this.client = client;
        this.name = name;
        this.overlap = overlap;
        this.pageSize = pageSize;
        this.settle = settle;
        this.settleWindow = new SettleWindow(settle, System::nanoTime);
    }

    /**
     * For events in delivery order: how far the watermark may move once each is delivered, the least
     * {@code received_at} of it and every event after it, so that the watermark never passes an event of the batch that
     * is not delivered yet (a failed delivery comes again on the next poll, whatever the order).
     */
    public static List<Instant> safeMarks(List<InngestEvent> events) {
        return safeMarks(events, null);
    }

    /** The same, none past {@code heldFrom} (the least {@code received_at} of events held back, or {@code null}). */
    public static List<Instant> safeMarks(List<InngestEvent> events, Instant heldFrom) {
        Instant[] marks = new Instant[events.size()];
        Instant least = heldFrom;
        for (int i = events.size() - 1; i >= 0; i--) {
            Instant at = events.get(i).receivedAt().toInstant();
            least = least == null || at.isBefore(least) ? at : least;
            marks[i] = least;
        }
        return List.of(marks);
    }

    public List<InngestEvent> newEvents(Watermark watermark, int max) {
        Instant readAt = Instant.now();
        while (!ceilings.isEmpty() && !ceilings.peekFirst().isAfter(watermark.watermark())) {
            ceilings.pollFirst();
        }
        Instant before = ceilings.peekFirst();
        boolean ceiling = before != null;
        boolean window = false;
        if (before == null && max > 0 && density > 0) {
            before = windowEnd(watermark.watermark(), max);
            window = before != null;
        }
        EventScan scan = scan(watermark, before, max, before == null && max > 0 && density == 0);
        if (scan.probedDensity > 0) {
            // the first page of a scan to the newest event was full, and the window it gives ends in the past: a
            // backlog; read a window of it instead
            density = scan.probedDensity;
            before = windowEnd(watermark.watermark(), max);
            window = before != null;
            scan = scan(watermark, before, max, false);
        }
        if ((window || ceiling) && scan.isEmpty()) {
            // nothing new within the window (a pause in the stream) or up to the ceiling (which a bound read the
            // server's way should not give, but must never hold the consumer up): read up to the newest event, as
            // without either, and note the ceilings again
            ceilings.clear();
            before = null;
            window = false;
            scan = scan(watermark, null, max, false);
        }
        List<InngestEvent> events = finish(scan, before, window, max);
        String beyond = before != null && !events.isEmpty() && !settle.isZero()
                ? leastIdStoredAfter(before, events.get(events.size() - 1).internalId())
                : null;
        List<InngestEvent> settled = settleWindow.settled(events, scan.dropped, beyond, newestSeen, readAt);
        Instant held = settleWindow.heldFrom();
        heldFrom = held == null || scan.droppedFrom != null && scan.droppedFrom.isBefore(held) ? scan.droppedFrom : held;
        if (settled.isEmpty() && beyond != null) {
            // an event sent earlier lies beyond the bound: the next poll reads up to the newest event instead
            ceilings.clear();
            density = 0;
        }
        return settled;
    }

    /**
     * The least internal ID below {@code belowId} of the events stored after a read's {@code received_before} bound
     * (sent before an event of the read, stored later), or {@code null}: usually one request that finds none.
     */
    private String leastIdStoredAfter(Instant before, String belowId) {
        String least = null;
        String cursor = belowId;
        Set<String> cursors = new HashSet<>();
        do {
            EventPage page = client.listEvents(new EventQuery(name, before.plusMillis(1), null, cursor, pageSize));
            for (InngestEvent event : page.events()) {
                least = least == null || event.internalId().compareTo(least) < 0 ? event.internalId() : least;
            }
            cursor = page.nextCursor();
        } while (cursor != null && cursors.add(cursor));
        return least;
    }

    /** Notes the ceilings, density and whether more is behind after a read; its events in send order. */
    private List<InngestEvent> finish(EventScan scan, Instant before, boolean window, int max) {
        if ((before == null || window) && max > 0 && scan.seen.size() > max) {
            ceilings.addAll(scan.seen.everyNth(max));
        }
        density = scan.seen.density();
        List<InngestEvent> events = scan.kept();
        moreBehind = !events.isEmpty() && (before != null || scan.seen.size() > events.size());
        if (scan.keep != SENT_ORDER) {
            events.sort(SENT_ORDER);
        }
        return events;
    }

    /**
     * The least {@code received_at} of the new events the last {@link #newEvents} did not return (held back, or found
     * but not kept), or {@code null}: the watermark must stay below it.
     */
    public Instant heldFrom() {
        return heldFrom;
    }

    /**
     * Where a window of about {@code max} new events after the watermark ends, at the density of the last scan; or
     * {@code null} (no window: up to the newest event) when that is not in the past by this host's clock. The clock
     * only chooses between two correct reads: a window that turns out to hold nothing new is followed by a read up to
     * the newest event.
     */
    private Instant windowEnd(Instant watermark, int max) {
        return windowEnd(watermark, max, density);
    }

    private Instant windowEnd(Instant watermark, int max, double density) {
        double nanos = Math.min(max / density, (double) MAX_WINDOW.toNanos());
        Instant end = watermark.plusNanos(Math.max(1_000_000L, (long) nanos));
        return end.isBefore(Instant.now()) ? end : null;
    }

    /**
     * Reads the events from the overlap behind the watermark up to {@code before} (or the newest), page by page. With
     * {@code probe}, a full first page ends the scan early with the density of its events, when they give a window that
     * ends in the past (else the scan goes on, and that page is not read twice).
     */
    private EventScan scan(Watermark watermark, Instant before, int max, boolean probe) {
        EventScan scan = new EventScan(settle.isZero() ? OLDEST_FIRST : SENT_ORDER, max);
        String cursor = null;
        Set<String> cursors = new HashSet<>();
        Instant newestAtStart = newestSeen;
        Instant from = readFrom(watermark);
        // received_before leaves out an event received at exactly that instant (the Dev Server compares with <), and a
        // ceiling is the time of an event: read a millisecond further (what lies beyond a bound is read again later)
        Instant until = before == null ? null : before.plusMillis(1);
        do {
            EventPage page = client.listEvents(new EventQuery(name, from, until, cursor, pageSize));
            if (probe && cursor == null && page.nextCursor() != null) {
                NanoTimes times = new NanoTimes();
                page.events().forEach(e -> times.add(seen(e.receivedAt().toInstant())));
                double probed = times.density();
                if (probed > 0 && windowEnd(watermark.watermark(), max, probed) != null) {
                    scan.probedDensity = probed;
                    return scan;
                }
                // no window in the past (the events are recent): this page is the start of the read to the newest
            }
            for (InngestEvent event : page.events()) {
                Instant receivedAt = seen(event.receivedAt().toInstant());
                if (watermark.isNew(event.internalId(), receivedAt)) {
                    scan.add(event);
                    scan.seen.add(receivedAt);
                }
            }
            if (page.nextCursor() != null && !cursors.add(page.nextCursor())) {
                // a cursor seen before would read the same pages forever
                throw new InngestApiException(
                        "listEvents", 200, 200, null, null, false,
                        "listEvents failed: the server returned a page already read (cursor " + page.nextCursor() + ")", null);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        // a complete read: what was newest when it started is settled for the next one
        settledNewest = newestAtStart;
        return scan;
    }

    /** Notes a {@code received_at} a page showed, the newest of which the server's clock had passed. */
    private Instant seen(Instant receivedAt) {
        if (newestSeen == null || receivedAt.isAfter(newestSeen)) {
            newestSeen = receivedAt;
        }
        return receivedAt;
    }

    /**
     * Where a read starts: the overlap behind the watermark, but no lower than the watermark where the last complete
     * read has settled it (less a millisecond: an event at the watermark's very time may not be delivered yet).
     */
    private Instant readFrom(Watermark watermark) {
        Instant from = watermark.readFrom(overlap);
        if (settledNewest != null) {
            Instant settled = settledNewest.minus(overlap);
            Instant skipTo = (watermark.watermark().isBefore(settled) ? watermark.watermark() : settled).minusMillis(1);
            if (skipTo.isAfter(from)) {
                return skipTo;
            }
        }
        return from;
    }

    /**
     * The time before which every event was visible to a complete read (the newest {@code received_at} known when the
     * last complete read started, less the overlap), or {@code null} before the first: what a watermark may treat as
     * settled (see {@link Watermark#delivered(String, Instant, Instant, Duration, Instant)}).
     */
    public Instant settledUpTo() {
        return settledNewest == null ? null : settledNewest.minus(overlap);
    }

    /**
     * Whether the last {@link #newEvents} left new events unread or unkept: it read up to a bound short of the newest
     * event, or found more than it kept. The consumer then polls again at once.
     */
    public boolean moreBehind() {
        return moreBehind;
    }

    /** The ceilings of the backlog still to deliver, oldest first (for tests and the dev console). */
    public List<Instant> ceilings() {
        return List.copyOf(ceilings);
    }
}
