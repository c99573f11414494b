package io.camelinngest.function;

/**
 * Thrown by a function route (or a step's endpoint) to fail its run, or the step, without retry: the call answers 400
 * with {@code X-Inngest-No-Retry: true} (SDK spec 4.4.3). Setting the header {@code CamelInngestNoRetry} to true on the
 * failed exchange does the same for any exception.
 */
public class InngestNonRetriableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InngestNonRetriableException(String message) {
        super(message);
    }

    public InngestNonRetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
