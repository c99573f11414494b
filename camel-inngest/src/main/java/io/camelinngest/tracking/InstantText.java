package io.camelinngest.tracking;

import java.time.Instant;

/**
 * {@link Instant#toString()}, the same text, made cheaper for instants in the second of the one before: the date and
 * time up to the second come from the JDK's formatting of that second, kept, and the fraction is appended as
 * {@link java.time.format.DateTimeFormatter#ISO_INSTANT} writes it (none, or 3, 6 or 9 digits, as many as the nanos
 * need). A consumer's position holds the time of each delivered item: formatting it was a quarter of the cost of a
 * per-message position write. Not thread-safe.
 */
final class InstantText {

    private long second = Long.MIN_VALUE;
    /** The JDK's text of {@link #second} without its closing {@code Z}, e.g. {@code 2026-12-08T03:39:55}. */
    private String upToSecond;
    private final StringBuilder text = new StringBuilder(32);

    String format(Instant instant) {
        if (instant.getEpochSecond() != second) {
            String whole = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
            upToSecond = whole.substring(0, whole.length() - 1);
            second = instant.getEpochSecond();
        }
        int nano = instant.getNano();
        text.setLength(0);
        text.append(upToSecond);
        if (nano > 0) {
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            text.append('.');
            for (int scale = digits == 3 ? 100 : digits == 6 ? 100_000 : 100_000_000; scale > 0; scale /= 10) {
                text.append((char) ('0' + value / scale % 10));
            }
        }
        return text.append('Z').toString();
    }
}
