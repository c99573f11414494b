package io.camelinngest.bench;

import java.util.concurrent.atomic.AtomicLong;

/** ULIDs for canned data: the time part from epoch milliseconds, then a counter, so IDs sort by time then creation. */
final class Ids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final AtomicLong COUNTER = new AtomicLong();

    private Ids() {
    }

    static String ulid(long epochMillis) {
        long millis = epochMillis;
        long counter = COUNTER.incrementAndGet();
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (counter & 31)];
            counter >>>= 5;
        }
        return new String(out);
    }
}
