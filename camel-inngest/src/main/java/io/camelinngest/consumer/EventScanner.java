package io.camelinngest.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestClient;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.InngestEvent;

/**
 * Reads the events not delivered yet, oldest first. The server lists newest first, so the scan pages backwards
 * with the cursor down to the watermark, keeping only the oldest {@code max} new events (bounded memory while
 * catching up on a backlog: the rest comes on the next polls), then sorts them by {@code received_at}.
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
        Deque<InngestEvent> oldest = new ArrayDeque<>();
        String cursor = null;
        do {
            EventPage page = client.listEvents(new EventQuery(name, watermark.readFrom(overlap), null, cursor, pageSize));
            for (InngestEvent event : page.events()) {
                if (watermark.isNew(event.internalId(), event.receivedAt().toInstant())) {
                    oldest.addLast(event);
                    if (max > 0 && oldest.size() > max) {
                        oldest.removeFirst();
                    }
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<InngestEvent> events = new ArrayList<>(oldest);
        events.sort(OLDEST_FIRST);
        return events;
    }
}
