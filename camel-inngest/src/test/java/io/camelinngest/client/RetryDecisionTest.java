package io.camelinngest.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import io.camelinngest.client.RetryDecision.Verdict;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDecisionTest {

    private final RetryDecision twoRetries = new RetryDecision(2);

    private static InngestApiException answer(int status, boolean retryable) {
        return InngestApiException.answered("sendEvents", status, status, null, "error", retryable, "HTTP " + status);
    }

    @Test
    void aRetryableAnswerToARepeatableRequestIsRetriedUntilTheRetriesAreUsed() {
        InngestApiException unavailable = answer(503, true);
        assertThat(twoRetries.afterAnswer(unavailable, true, 0)).isEqualTo(Verdict.RETRY);
        assertThat(twoRetries.afterAnswer(unavailable, true, 1)).isEqualTo(Verdict.RETRY);
        assertThat(twoRetries.afterAnswer(unavailable, true, 2)).isEqualTo(Verdict.FAIL);
        assertThat(new RetryDecision(0).afterAnswer(unavailable, true, 0)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void anAnswerThatIsNotRetryableFailsAtOnce() {
        assertThat(twoRetries.afterAnswer(answer(400, false), true, 0)).isEqualTo(Verdict.FAIL);
        assertThat(twoRetries.afterAnswer(answer(401, false), false, 0)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aServerErrorToARequestThatMayNotBeRepeatedFailsAsNotSafeToRepeat() {
        assertThat(twoRetries.afterAnswer(answer(500, true), false, 0)).isEqualTo(Verdict.FAIL_NOT_SAFE_TO_REPEAT);
        // even with no retry left: the error must not invite the caller to repeat it
        assertThat(twoRetries.afterAnswer(answer(502, true), false, 2)).isEqualTo(Verdict.FAIL_NOT_SAFE_TO_REPEAT);
    }

    @Test
    void aRateLimitIsRetriedEvenForARequestThatMayNotBeRepeated() {
        assertThat(twoRetries.afterAnswer(answer(429, true), false, 0)).isEqualTo(Verdict.RETRY);
        assertThat(twoRetries.afterAnswer(answer(429, true), false, 2)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void noAnswerIsRetriedForARepeatableRequestOrWhenTheServerNeverSawIt() {
        IOException timeout = new SocketTimeoutException("Read timed out");
        assertThat(twoRetries.afterNoAnswer(timeout, true, 0)).isEqualTo(Verdict.RETRY);
        assertThat(twoRetries.afterNoAnswer(timeout, true, 2)).isEqualTo(Verdict.FAIL);
        // a read timeout after the request went out: the server may have acted
        assertThat(twoRetries.afterNoAnswer(timeout, false, 0)).isEqualTo(Verdict.FAIL);
        assertThat(twoRetries.afterNoAnswer(new ConnectTimeoutException("connect timed out"), false, 0))
                .isEqualTo(Verdict.RETRY);
        assertThat(twoRetries.afterNoAnswer(new UnknownHostException("inngest.invalid"), false, 1)).isEqualTo(Verdict.RETRY);
    }

    @Test
    void aRefusedConnectionIsNotRetried() {
        assertThat(twoRetries.afterNoAnswer(new ConnectException("Connection refused"), true, 0)).isEqualTo(Verdict.FAIL);
        assertThat(RetryDecision.mayRepeatAfter(new ConnectException("Connection refused"), false)).isTrue();
    }
}
