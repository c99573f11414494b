package io.camelinngest.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.InngestEvent;

/**
 * Reads the events not delivered yet, oldest first. The server lists newest first (by internal ID), so the scan
 * pages backwards with the cursor down to the watermark, keeping only the {@code max} new events with the oldest
 * {@code received_at} (bounded memory while catching up on a backlog: the rest comes on the next polls). Internal-ID
 * order and {@code received_at} order can differ (a sender's seed sets the ID's time), so the events kept are chosen
 * by {@code received_at}, the time the watermark follows: none is cut off behind what is delivered.
 */
final class EventScanner {

    private static final Comparator<InngestEvent> OLDEST_FIRST = Comparator
            .comparing((InngestEvent e) -> e.receivedAt().toInstant())
            .thenComparing(InngestEvent::internalId);

    private final InngestClient client;
    private final String name;
    private final Duration overlap;
    private final int pageSize;

    EventScanner(InngestClient client, String name, Duration overlap, int pageSize) {
        this.client = client;
        this.name = name;
        this.overlap = overlap;
        this.pageSize = pageSize;
    }

    List<InngestEvent> newEvents(Watermark watermark, int max) {
        // the newest of those kept on top, to be dropped first when more than max are found
        PriorityQueue<InngestEvent> oldest = new PriorityQueue<>(OLDEST_FIRST.reversed());
        String cursor = null;
        do {
            EventPage page = client.listEvents(new EventQuery(name, watermark.readFrom(overlap), null, cursor, pageSize));
            for (InngestEvent event : page.events()) {
                if (watermark.isNew(event.internalId(), event.receivedAt().toInstant())) {
                    oldest.add(event);
                    if (max > 0 && oldest.size() > max) {
                        oldest.poll();
                    }
                }
            }
            if (page.nextCursor() != null && page.nextCursor().equals(cursor)) {
                throw new InngestApiException("listEvents", 200, 200, null, null, false,
                        "listEvents failed: the server returned the same page twice (cursor " + cursor + ")", null);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<InngestEvent> events = new ArrayList<>(oldest);
        events.sort(OLDEST_FIRST);
        return events;
    }
}
