package io.camelinngest.contract;

import java.time.OffsetDateTime;

import io.camelinngest.client.InngestApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The checks the expectations share: the failure a call ends in and what it says. */
final class ContractAssertions {

    private ContractAssertions() {
    }

    /** The failure a call ends in. */
    static InngestApiException failure(ThrowingCallable call) {
        InngestApiException e = catchThrowableOfType(InngestApiException.class, call);
        assertThat(e).as("an InngestApiException").isNotNull();
        return e;
    }

    /** Asserts a failure: HTTP status, status meant, v2 error code, server's error text, retryable. */
    static void assertFailure(
            InngestApiException e, String operation, int http, int status, String code,
            String error, boolean retryable) {
        assertThat(e.getOperation()).isEqualTo(operation);
        assertThat(e.getHttpStatus()).as("HTTP status").isEqualTo(http);
        assertThat(e.getStatus()).as("status").isEqualTo(status);
        assertThat(e.getErrorCode()).as("error code").isEqualTo(code);
        assertThat(e.getError()).as("error").isEqualTo(error);
        assertThat(e.isRetryable()).as("retryable").isEqualTo(retryable);
        assertThat(e.getMessage()).startsWith(operation + " failed: ").doesNotContain("signkey");
    }

    static OffsetDateTime time(String text) {
        return OffsetDateTime.parse(text);
    }
}
