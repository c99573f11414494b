package io.camelinngest.client;

import java.util.List;

/**
 * An Inngest call that did not succeed: the server answered with an error (in the HTTP status or, for v1 GET
 * routes, only in the body), answered with something that is not the JSON API (an HTML page, plain text), or could
 * not be reached. The message says which operation failed and why; it never holds a signing key or event key.
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
     * The error status as the server meant it: the body's {@code status} field when there is one (v1 GET errors
     * arrive as HTTP 200 with the real status only in the body), else the HTTP status; 0 when no response arrived.
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
     * For a send that failed part-way: the internal IDs of the events the server had already accepted (they will
     * start runs), in request order. Empty otherwise.
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
        return new InngestApiException(operation, httpStatus, status, errorCode, error, retryable, acceptedEventIds,
                failedEventIndex, message, getCause());
    }

    /** This failure, not to be repeated: the server may have acted on the request before it failed. */
    public InngestApiException notRetryable() {
        return new InngestApiException(operation, httpStatus, status, errorCode, error, false, acceptedEventIds,
                failedEventIndex, getMessage(), getCause());
    }

    /** This failure of a send, with the events accepted so far and the index of the first one not accepted. */
    public InngestApiException withSendProgress(List<String> accepted, String message) {
        return new InngestApiException(operation, httpStatus, status, errorCode, error, retryable, accepted,
                accepted.size(), message, getCause());
    }
}
