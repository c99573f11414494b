package io.camelinngest.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Instants as epoch nanoseconds in a growing array: 8 bytes each, for a backlog of any size. */
final class NanoTimes {
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

    /** Events per nanosecond between the oldest and the newest, or 0 with fewer than two at different times. */
    double density() {
        if (size < 2) {
            return 0;
        }
        long least = Long.MAX_VALUE;
        long most = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            least = Math.min(least, values[i]);
            most = Math.max(most, values[i]);
        }
        return most == least ? 0 : (size - 1) / (double) (most - least);
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
