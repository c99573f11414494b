package io.camelinngest.model;

import java.util.List;

/**
 * One page of {@code GET /v1/events}: events newest first.
 *
 * @param events     the events, newest first
 * @param nextCursor the cursor of the next (older) page, or {@code null} when this page is the last
 */
public record EventPage(List<InngestEvent> events, String nextCursor) {

    public EventPage {
        events = List.copyOf(events);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
