package io.camelinngest.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, and the reading of a {@code Retry-After} header. */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /**
     * The wait before retry number {@code attempt} (0-based): {@code initial * 2^attempt}, capped at the maximum, then
     * a random amount between half and all of it, so that many clients do not retry in step.
     */
    Duration delay(int attempt) {
        long base = initial.toMillis();
        long capped = Math.min(max.toMillis(), base << Math.min(attempt, 20));
        if (capped <= 1) {
            return Duration.ofMillis(capped);
        }
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    Duration max() {
        return max;
    }

    /** Parses {@code Retry-After}: delay seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, ZonedDateTime now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
