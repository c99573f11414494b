package io.camelinngest.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Whether a failed attempt of a call is tried again, decided from what went wrong, whether the request may be repeated,
 * and how many retries were made; how long to wait first is {@link Backoff}'s concern, and whether that wait fits the
 * call's budget is {@link CallBudget}'s. Kept apart from the retry loop so that the rule can be read (and tested) in
 * one place.
 */
final class RetryDecision {

    /** What to do after a failed attempt. */
    enum Verdict {
        /** Wait, then send the request again. */
        RETRY,
        /** Fail with the error as it is (not retryable, or no retry left). */
        FAIL,
        /**
         * Fail, and mark the error not retryable: the server may have acted before it failed, so repeating this request
         * is not known to be safe (a non-idempotent request answered with a server error).
         */
        FAIL_NOT_SAFE_TO_REPEAT
    }

    private final int maxRetries;

    RetryDecision(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * Whether a call whose request failed with {@code e} before an answer was read may be tried again at all: a
     * repeatable request always, any other only when the server never saw it.
     */
    static boolean mayRepeatAfter(IOException e, boolean repeatable) {
        return repeatable || neverReachedServer(e);
    }

    /**
     * After an attempt that got no answer. A refused connection is not retried: nothing listens there, and retrying
     * within seconds rarely helps, so the caller says so at once.
     */
    Verdict afterNoAnswer(IOException e, boolean repeatable, int retriesMade) {
        if (e instanceof ConnectException) {
            return Verdict.FAIL;
        }
        return mayRepeatAfter(e, repeatable) && retriesMade < maxRetries ? Verdict.RETRY : Verdict.FAIL;
    }

    /**
     * After an attempt the server answered with {@code error}. A 429 means the server did nothing, so even a request
     * that is not repeatable may be sent again.
     */
    Verdict afterAnswer(InngestApiException error, boolean repeatable, int retriesMade) {
        if (!error.isRetryable()) {
            return Verdict.FAIL;
        }
        boolean mayRepeat = repeatable || error.getStatus() == 429;
        if (!mayRepeat) {
            return Verdict.FAIL_NOT_SAFE_TO_REPEAT;
        }
        return retriesMade < maxRetries ? Verdict.RETRY : Verdict.FAIL;
    }

    private static boolean neverReachedServer(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
    }
}
