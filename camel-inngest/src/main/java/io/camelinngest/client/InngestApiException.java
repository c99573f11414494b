package io.camelinngest.client;

import java.util.List;

/**
 * An Inngest call that did not succeed: the server answered with an error (in the HTTP status or, for v1 GET routes,
 * only in the body), answered with something that is not the JSON API (an HTML page, plain text), or could not be
 * reached. The message says which operation failed and why; it never holds a signing key or event key.
 */
public class InngestApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int httpStatus;
    private final int status;
    private final String error;
    private final String errorCode;
    private final boolean retryable;
    private final List<String> acceptedEventIds;
    private final int failedEventIndex;

    public InngestApiException(String operation, int httpStatus, int status, String errorCode, String error,
                               boolean retryable, String message, Throwable cause) {
        this(operation, httpStatus, status, errorCode, error, retryable, List.of(), -1, message, cause);
    }

    public InngestApiException(String operation, int httpStatus, int status, String errorCode, String error,
                               boolean retryable, List<String> acceptedEventIds, int failedEventIndex,
                               String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.status = status;
        this.errorCode = errorCode;
        this.error = error;
        this.retryable = retryable;
        this.acceptedEventIds = List.copyOf(acceptedEventIds);
        this.failedEventIndex = failedEventIndex;
    }

    /** The operation that failed, e.g. {@code getRun}. */
    public String getOperation() {
        return operation;
    }

    /** The HTTP status the server answered with; 0 when no response arrived (connection error). */
    public int getHttpStatus() {
        return httpStatus;
    }

    /**
     * The error status as the server meant it: the body's {@code status} field when there is one (v1 GET errors arrive
     * as HTTP 200 with the real status only in the body), else the HTTP status; 0 when no response arrived.
     */
    public int getStatus() {
        return status;
    }

    /** The server's error text (the body's {@code error}, or the v2 {@code message}), or {@code null}. */
    public String getError() {
        return error;
    }

    /**
     * The v2 error code (e.g. {@code rate_limited}, {@code run_already_ended}), {@code timeout} when
     * {@code awaitRuns}/{@code awaitTerminal} gave up waiting, or {@code null}.
     */
    public String getErrorCode() {
        return errorCode;
    }

    /** Whether trying the same call again later may succeed (rate limits, server errors, connection errors). */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * For a send that failed part-way: the internal IDs of the events the server had already accepted (they will start
     * runs), in request order. Empty otherwise.
     */
    public List<String> getAcceptedEventIds() {
        return acceptedEventIds;
    }

    /**
     * For a send that failed part-way: the 0-based index, in the events given, of the first event that was not
     * accepted; -1 when this is not a send failure.
     */
    public int getFailedEventIndex() {
        return failedEventIndex;
    }

    /** This failure with another message (same operation, statuses, send progress). */
    public InngestApiException withMessage(String message) {
        return new InngestApiException(
                operation, httpStatus, status, errorCode, error, retryable, acceptedEventIds,
                failedEventIndex, message, getCause());
    }

    /** This failure, not to be repeated: the server may have acted on the request before it failed. */
    public InngestApiException notRetryable() {
        return new InngestApiException(
                operation, httpStatus, status, errorCode, error, false, acceptedEventIds,
                failedEventIndex, getMessage(), getCause());
    }

    /** This failure of a send, with the events accepted so far and the index of the first one not accepted. */
    public InngestApiException withSendProgress(List<String> accepted, String message) {
        return new InngestApiException(
                operation, httpStatus, status, errorCode, error, retryable, accepted,
                accepted.size(), message, getCause());
    }
    // ---------------------------------------------------------------------------------------------------------
    // How each kind of failure is made: one factory per kind, so the same failure reads the same everywhere

    /**
     * The server answered with a failure: an HTTP status, or an error inside an HTTP 200 (the v1 trap).
     *
     * @param detail what failed, after "{operation} failed: " (already free of secrets)
     */
    public static InngestApiException answered(
            String operation, int httpStatus, int status, String errorCode,
            String error, boolean retryable, String detail) {
        return new InngestApiException(
                operation, httpStatus, status, errorCode, error, retryable,
                operation + " failed: " + detail, null);
    }

    /** An answer of a shape the API does not give (HTTP 200): not worth repeating. */
    public static InngestApiException unexpected(String operation, String detail, Throwable cause) {
        return new InngestApiException(operation, 200, 200, null, null, false, operation + " failed: " + detail, cause);
    }

    /** No answer: the server could not be reached ({@code message} says where and what to check). */
    public static InngestApiException unreachable(String operation, String reason, boolean retryable, String message) {
        return new InngestApiException(operation, 0, 0, null, reason, retryable, message, null);
    }

    /** A wait (a back-off, an await) was interrupted; the thread's interrupt flag is set again by the caller. */
    public static InngestApiException interrupted(String operation, String waitingFor, InterruptedException e) {
        return new InngestApiException(
                operation, 0, 0, null, "interrupted", false,
                operation + " failed: interrupted while " + waitingFor, e);
    }

    /**
     * A wait for runs that ended without them. Not retryable: repeating the call would send the events again, or wait
     * on runs that are still going.
     */
    public static InngestApiException awaitFailed(String operation, String errorCode, String error, String detail) {
        return new InngestApiException(operation, 0, 0, errorCode, error, false, operation + " failed: " + detail, null);
    }

    /** An answer that the server does not know what the request names, said as such: not worth repeating. */
    public static InngestApiException notFound(InngestApiException answer, String what) {
        String message = answer.getMessage();
        String detail = message.substring(message.indexOf(':') + 1).trim();
        return new InngestApiException(
                answer.getOperation(), answer.getHttpStatus(), 404, "not_found", answer.getError(),
                false, answer.getOperation() + " failed: " + what + " not found, or not visible yet (Inngest answered "
                       + detail + ")",
                answer.getCause());
    }

    /**
     * A send answered with another number of IDs than events sent; {@code accepted} are the IDs of earlier requests.
     */
    public static InngestApiException sendMismatch(List<String> accepted, int from, int returned, int sent) {
        return new InngestApiException(
                "sendEvents", 200, 200, null, null, false, accepted, from,
                "sendEvents failed: the server returned " + returned + " IDs for " + sent + " events", null);
    }
}
