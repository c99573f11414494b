package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.InngestEvent;

/**
 * Reads the events not delivered yet, in the order they were sent (by internal ID; see {@link #SENT_ORDER}). The
 * server lists newest first (by internal ID), so the scan
 * pages backwards with the cursor down to the watermark, keeping only the {@code max} new events with the oldest
 * {@code received_at} (bounded memory while catching up on a backlog: the rest comes on the next polls). Internal-ID
 * order and {@code received_at} order can differ (a sender's seed sets the ID's time), so the events kept are chosen
 * by {@code received_at}, the time the watermark follows: none is cut off behind what is delivered.
 * <p>
 * Catching up on a backlog would otherwise cost a full scan down to the watermark for each {@code max} events. When
 * a scan finds more than {@code max}, it therefore notes the {@code received_at} of every {@code max}-th new event
 * (a ceiling), and the following polls read only up to the next ceiling ({@code received_before}), until the
 * backlog is delivered. The ceilings live in memory only (a restart scans once more to find them again).
 */
final class EventScanner {

    /**
     * The order events are delivered in: by internal ID, the order the server accepted them (a ULID of the send's time,
     * then its position in the send). {@code received_at} is when the server stored an event, which can be out of the
     * sending order by a few milliseconds (seen against the Dev Server).
     */
    private static final Comparator<InngestEvent> SENT_ORDER = Comparator.comparing(InngestEvent::internalId);

    private static final Comparator<InngestEvent> OLDEST_FIRST = Comparator
            .comparing((InngestEvent e) -> e.receivedAt().toInstant())
            .thenComparing(InngestEvent::internalId);

    private final InngestClient client;
    private final String name;
    private final Duration overlap;
    private final int pageSize;
    private final Deque<Instant> ceilings = new ArrayDeque<>();

    EventScanner(InngestClient client, String name, Duration overlap, int pageSize) {
        this.client = client;
        this.name = name;
        this.overlap = overlap;
        this.pageSize = pageSize;
    }

    /**
     * For events in delivery order: how far the watermark may move once each is delivered, the least
     * {@code received_at} of it and every event after it, so that the watermark never passes an event of the batch
     * that is not delivered yet (a failed delivery comes again on the next poll, whatever the order).
     */
    static List<Instant> safeMarks(List<InngestEvent> events) {
        Instant[] marks = new Instant[events.size()];
        Instant least = null;
        for (int i = events.size() - 1; i >= 0; i--) {
            Instant at = events.get(i).receivedAt().toInstant();
            least = least == null || at.isBefore(least) ? at : least;
            marks[i] = least;
        }
        return List.of(marks);
    }

    List<InngestEvent> newEvents(Watermark watermark, int max) {
        while (!ceilings.isEmpty() && !ceilings.peekFirst().isAfter(watermark.watermark())) {
            ceilings.pollFirst();
        }
        Instant before = ceilings.peekFirst();
        // the newest of those kept on top, to be dropped first when more than max are found
        PriorityQueue<InngestEvent> oldest = new PriorityQueue<>(OLDEST_FIRST.reversed());
        NanoTimes seen = new NanoTimes();
        String cursor = null;
        Set<String> cursors = new HashSet<>();
        do {
            EventPage page = client.listEvents(new EventQuery(name, watermark.readFrom(overlap), before, cursor, pageSize));
            for (InngestEvent event : page.events()) {
                Instant receivedAt = event.receivedAt().toInstant();
                if (watermark.isNew(event.internalId(), receivedAt)) {
                    oldest.add(event);
                    seen.add(receivedAt);
                    if (max > 0 && oldest.size() > max) {
                        oldest.poll();
                    }
                }
            }
            if (page.nextCursor() != null && !cursors.add(page.nextCursor())) {
                // a cursor seen before would read the same pages forever
                throw new InngestApiException("listEvents", 200, 200, null, null, false,
                        "listEvents failed: the server returned a page already read (cursor " + page.nextCursor() + ")", null);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        if (before == null && max > 0 && seen.size() > max) {
            ceilings.addAll(seen.everyNth(max));
        }
        List<InngestEvent> events = new ArrayList<>(oldest);
        events.sort(SENT_ORDER);
        return events;
    }

    /** The ceilings of the backlog still to deliver, oldest first (for tests and the dev console). */
    List<Instant> ceilings() {
        return List.copyOf(ceilings);
    }

    /** Instants as epoch nanoseconds in a growing array: 8 bytes each, for a backlog of any size. */
    private static final class NanoTimes {
        private long[] values = new long[64];
        private int size;

        void add(Instant instant) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }

        int size() {
            return size;
        }

        /** The n-th, 2n-th, ... smallest, excluding the last one when it is the largest of all. */
        List<Instant> everyNth(int n) {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            List<Instant> result = new ArrayList<>();
            for (int i = 2 * n - 1; i < size - 1; i += n) {
                result.add(Instant.ofEpochSecond(0, sorted[i]));
            }
            return result;
        }
    }
}
