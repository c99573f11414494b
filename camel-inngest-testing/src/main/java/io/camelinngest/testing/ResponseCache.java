package io.camelinngest.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The real server's cache of v1 GET answers: keyed by the full request URI (path and query) and the
 * {@code Authorization} header, kept for a time per route; errors are not kept. A hit answers the very bytes of the
 * first answer, whose {@code metadata.cached_until} says when it expires.
 */
final class ResponseCache {

    /** One successful answer as first sent. */
    record Entry(String body, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The cached answer for {@code key} if it has not expired at {@code now}; otherwise {@code compute}'s, which is
     * kept until {@code now + ttl} when it is a success (a non-null body).
     *
     * @return the entry and whether it came from the cache
     */
    Hit get(String key, Instant now, Duration ttl, Supplier<String> compute) {
        Entry cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return new Hit(cached.body(), true);
        }
        String body = compute.get();
        if (body != null) {
            entries.put(key, new Entry(body, now.plus(ttl)));
        }
        return new Hit(body, false);
    }

    void clear() {
        entries.clear();
    }

    /** An answer: the body (null when {@code compute} had none to keep) and whether it is a cache hit. */
    record Hit(String body, boolean cached) {
    }
}
