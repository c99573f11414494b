package io.camelinngest.testing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Makes ULIDs for test data: the time part from an instant, then a counter, so IDs sort by time then creation. */
public final class Ulids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final AtomicLong COUNTER = new AtomicLong();

    private Ulids() {
    }

    public static String at(Instant time) {
        long millis = time.toEpochMilli();
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

    /** The ULID of a time and 80 bits of entropy (10 bytes), as the server makes it from an event ID seed. */
    public static String of(long millis, byte[] entropy) {
        if (entropy.length != 10) {
            throw new IllegalArgumentException("entropy must be 10 bytes");
        }
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        java.math.BigInteger bits = new java.math.BigInteger(1, entropy);
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[bits.intValue() & 31];
            bits = bits.shiftRight(5);
        }
        return new String(out);
    }
}
