package io.camelinngest.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The time one call may take over all its attempts and the waits between them (option {@code callTimeout}): each
 * attempt may wait for an answer only as long as is left, and no retry starts that could not end in time. So a server
 * that accepts connections and never answers costs one {@code callTimeout}, not {@code maxRetries + 1} response
 * timeouts plus the backoff.
 */
final class CallBudget {

    private final String operation;
    private final Duration limit;
    private final long started = System.nanoTime();
    private int attempts;

    CallBudget(String operation, Duration limit) {
        this.operation = operation;
        this.limit = limit;
    }

    /** Counts an attempt and returns how long it may wait for its answer. */
    Duration attempt() {
        attempts++;
        Duration left = left();
        return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
    }

    /** Whether a retry after {@code wait} still has time for an attempt. */
    boolean allows(Duration wait) {
        return left().compareTo(wait) > 0;
    }

    boolean isSpent() {
        return left().isNegative() || left().isZero();
    }

    private Duration left() {
        return limit.minusNanos(System.nanoTime() - started);
    }

    /** How many attempts were made in how long, e.g. {@code 1 attempt in 0.0 s}. */
    String spent() {
        return attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
               + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9) + " s";
    }

    /** The message of a call that ran out of time, given the last failure's message. */
    String exceeded(String lastFailure) {
        return operation + " failed: no answer within callTimeout (" + limit.toMillis() + " ms): " + spent()
               + "; raise option callTimeout to wait longer. The last attempt: "
               + (lastFailure.startsWith(operation + " failed: ")
                       ? lastFailure.substring(operation.length() + " failed: ".length()) : lastFailure);
    }
}
