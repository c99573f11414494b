package io.camelinngest.client;

import java.time.Duration;

/**
 * Thrown by a call of a client made with {@link InngestClient#deferringRetries()} when its next attempt must wait first
 * (a back-off, or the server's {@code Retry-After}). The caller waits on a timer, holding no thread, and then calls the
 * same method on the same client again: the call resumes where it stopped (its retry count, its {@code callTimeout}
 * budget, its signing key, the events a send already had accepted). Not a failure: it carries no stack trace.
 */
public final class RetryLater extends RuntimeException {

    private final transient Duration delay;

    RetryLater(String operation, Duration delay) {
        super(operation + ": the next attempt is due in " + delay.toMillis() + " ms", null, false, false);
        this.delay = delay;
    }

    /** How long to wait before calling again. */
    public Duration delay() {
        return delay;
    }
}
