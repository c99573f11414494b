package io.camelinngest.client;

import java.time.Instant;

/**
 * What one {@code GET /v1/events} page asks for. Every field may be {@code null}.
 *
 * @param name           only events with exactly this name
 * @param receivedAfter  only events received at or after this instant; when {@code null}, one hour before
 *                       {@code receivedBefore} (or now), which is the server's own window, sent explicitly
 * @param receivedBefore only events received before this instant (the server leaves out one received at exactly it)
 * @param cursor         the internal ID of the last (oldest) event of the previous page
 * @param limit          the page size, 1 to 51 (the server's maximum); the server's default is 20
 */
public record EventQuery(String name, Instant receivedAfter, Instant receivedBefore, String cursor, Integer limit) {

    /** The most events one page can hold: the server silently clamps larger limits to this. */
    public static final int MAX_LIMIT = 51;
    /** The page size the server uses when none is given. */
    public static final int DEFAULT_LIMIT = 20;

    public static EventQuery recent() {
        return new EventQuery(null, null, null, null, null);
    }
}
