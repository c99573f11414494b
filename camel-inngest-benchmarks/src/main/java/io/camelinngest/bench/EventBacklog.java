package io.camelinngest.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A backlog of events as {@code GET /v1/events} serves it: newest first by internal ID, {@code received_after}
 * inclusive and {@code received_before} exclusive (as the Dev Server compares), {@code cursor} = the internal ID of the
 * oldest event of the previous page, {@code limit} clamped to 51. Each event is encoded once, in the shape of the
 * recorded {@code listEvents}, so a page costs the server a copy of bytes and nothing more.
 */
final class EventBacklog {

    static final int MAX_LIMIT = 51;
    static final int DEFAULT_LIMIT = 20;

    private final String[] ids;
    private final long[] receivedNanos;
    private final byte[][] encoded;
    private final String name;
    /** The events written into pages so far, by any reader. */
    private final LongAdder served = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param count   how many events
     * @param first   when the oldest was received
     * @param spacing milliseconds between two events (a backlog of 100,000 at 10 ms is 17 minutes of traffic)
     */
    EventBacklog(int count, Instant first, long spacing) {
        ObjectNode template = Fixtures.firstItem("listEvents");
        this.name = "shop/order.paid";
        this.ids = new String[count];
        this.receivedNanos = new long[count];
        this.encoded = new byte[count][];
        long firstNanos = first.getEpochSecond() * 1_000_000_000L + first.getNano();
        for (int i = 0; i < count; i++) {
            // the recorded received_at has nanoseconds; keep some below the millisecond
            long nanos = firstNanos + i * spacing * 1_000_000L + 123_456;
            Instant receivedAt = Instant.ofEpochSecond(0, nanos);
            String id = Ids.ulid(receivedAt.toEpochMilli());
            ids[i] = id;
            receivedNanos[i] = nanos;
            template.put("internal_id", id);
            template.put("id", id);
            template.put("received_at", receivedAt.toString());
            template.put("name", name);
            template.putObject("data").put("order", Integer.toString(i));
            template.put("ts", receivedAt.toEpochMilli());
            try {
                encoded[i] = Fixtures.JSON.writeValueAsBytes(template);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    int size() {
        return ids.length;
    }

    String name() {
        return name;
    }

    /** The internal ID of the {@code index}-th event, oldest first (the order a consumer must deliver them in). */
    String id(int index) {
        return ids[index];
    }

    Instant oldest() {
        return Instant.ofEpochSecond(0, receivedNanos[0]);
    }

    /** One page, as the server answers it. */
    byte[] page(Instant after, Instant before, String cursor, Integer limit, String nameFilter) {
        int max = limit == null ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + max * (encoded.length == 0 ? 0 : encoded[0].length + 1));
        out.writeBytes("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
        if (nameFilter == null || nameFilter.equals(name)) {
            int lo = lowerBound(nanos(after));
            int hi = before == null ? ids.length - 1 : lowerBound(nanos(before)) - 1;
            if (cursor != null) {
                int at = Arrays.binarySearch(ids, cursor);
                hi = Math.min(hi, (at >= 0 ? at : -at - 1) - 1);
            }
            for (int i = hi, n = 0; i >= lo && n < max; i--, n++) {
                if (n > 0) {
                    out.write(',');
                }
                out.writeBytes(encoded[i]);
                served.increment();
            }
        }
        out.writeBytes(("],\"metadata\":{\"fetched_at\":\"" + Instant.now() + "\"}}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The events written into pages so far. */
    long served() {
        return served.sum();
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The first index received at or after {@code nanos}. */
    private int lowerBound(long nanos) {
        int at = Arrays.binarySearch(receivedNanos, nanos);
        return at >= 0 ? at : -at - 1;
    }

}
