package io.camelinngest.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The real server's cache of v1 GET answers: keyed by the full request URI (path and query) and the
 * {@code Authorization} header, kept for a time per route; errors are not kept. A hit answers the very bytes of the
 * first answer, whose {@code metadata.cached_until} says when it expires, without Cache-Control and without an explicit
 * type (Go then sniffs text/plain).
 * <p>
 * Bounded: an expired answer is dropped when a newer one is kept, and at most {@value #MAX_ENTRIES} answers are kept
 * (the oldest goes first), so a long run of reads of ever new URLs does not grow it.
 */
final class ResponseCache {

    /** Far more distinct URLs than a test reads within the longest cache window (15 s). */
    static final int MAX_ENTRIES = 10_000;

    /** One successful answer as first sent. */
    private record Entry(String body, Instant expires) {
    }

    /** In the order kept: the oldest first. */
    private final Map<String, Entry> entries = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private volatile boolean enabled = true;

    /**
     * A v1 GET's answer: the fresh answer of {@code data} (null: {@code error}'s answer, never cached), or, within the
     * route's cache window {@code ttl}, the answer first sent for the same URL and Authorization header.
     */
    ResponseDefinition answer(
            FakeRequest request, Instant now, Duration ttl, Supplier<Object> data,
            Supplier<String> error) {
        Supplier<String> compute = () -> {
            Object value = data.get();
            return value == null ? null : FakeJson.v1(value, now, ttl);
        };
        String key = request.url() + " " + request.header("Authorization");
        Entry cached = enabled ? lookup(key, now) : null;
        if (cached != null) {
            return responseDefinition().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
                    .withBody(cached.body() + "\n").build();
        }
        String body = compute.get();
        if (body == null) {
            return Responses.json(200, error.get());
        }
        if (!enabled) {
            return Responses.json(200, body);
        }
        keep(key, new Entry(body, now.plus(ttl)), now);
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=" + ttl.toSeconds()).withBody(body + "\n").build();
    }

    /** Whether answers are cached (the default); switching forgets what was kept. */
    synchronized void enable(boolean on) {
        enabled = on;
        entries.clear();
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    private synchronized Entry lookup(String key, Instant now) {
        Entry entry = entries.get(key);
        return entry != null && now.isBefore(entry.expires()) ? entry : null;
    }

    /** Keeps an answer as the newest, after dropping the expired answers kept before any that has not expired. */
    private synchronized void keep(String key, Entry entry, Instant now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext() && !now.isBefore(oldestFirst.next().expires())) {
            oldestFirst.remove();
        }
        entries.remove(key);
        entries.put(key, entry);
    }
}
