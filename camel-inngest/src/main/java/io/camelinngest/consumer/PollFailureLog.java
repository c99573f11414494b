package io.camelinngest.consumer;

import io.camelinngest.client.InngestApiException;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an Inngest consumer reports failed polls: one WARN line when polls start failing (what failed, and a hint when
 * Inngest could not be reached), one INFO line when a poll works again, and in between each failure at DEBUG only, with
 * its stack trace. Camel's default would log a WARN with a stack trace on every poll (every {@code delay}) for as long
 * as Inngest is down.
 * <p>
 * It is the consumer's {@link PollingConsumerPollStrategy} (which sees every poll succeed or fail) and wraps the
 * consumer's default logging {@link ExceptionHandler}: the failures of polls are logged here, everything else (a failed
 * delivery) goes to the wrapped handler. A consumer given its own {@code pollStrategy}, or one bridged to the route's
 * error handler ({@code bridgeErrorHandler=true}), keeps what it was given.
 */
final class PollFailureLog implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractInngestConsumer.class);

    private final String consumer;
    private final String baseUrl;
    private final long delay;
    private final ExceptionHandler delegate;
    private volatile Exception lastFailure;
    private volatile long failures;

    /**
     * @param consumer what to call the consumer in log lines, e.g. {@code inngest:runStatus consumer of route runs}
     * @param baseUrl  the REST origin polled, named in the hint
     * @param delay    the poll delay in milliseconds, named in the WARN line
     * @param delegate the handler of everything that is not a failed poll
     */
    PollFailureLog(String consumer, String baseUrl, long delay, ExceptionHandler delegate) {
        this.consumer = consumer;
        this.baseUrl = baseUrl;
        this.delay = delay;
        this.delegate = delegate;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failures > 0) {
            LOG.info("{}: polling Inngest works again after {} failed poll{}", this.consumer, failures,
                    failures == 1 ? "" : "s");
            failures = 0;
        }
        lastFailure = null;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        lastFailure = cause;
        return false; // no immediate retry: the next poll comes after the delay (and backoff, when configured)
    }

    /** How many polls in a row have failed. */
    long failures() {
        return failures;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange != null || exception == null || exception != lastFailure) {
            delegate.handleException(message, exchange, exception);
            return;
        }
        failures++;
        if (failures == 1) {
            LOG.warn("{}: polling Inngest failed: {}{}. Polling again every {} ms; further failures are logged at DEBUG"
                     + " until a poll succeeds",
                    consumer, describe(exception), hint(exception), delay);
        } else {
            LOG.debug("{}: poll {} in a row failed", consumer, failures, exception);
        }
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return message == null ? exception.getClass().getSimpleName() : message;
    }

    private String hint(Throwable exception) {
        // a refused connection's message carries this hint already: said once is enough
        if (exception instanceof InngestApiException api && api.getStatus() == 0
                && !describe(exception).contains("Check option")) {
            return " (is the Inngest server, or the Dev Server in dev mode, running and reachable at " + baseUrl
                   + "? Check option baseUrl)";
        }
        if (exception instanceof InngestApiException api && (api.getStatus() == 401 || api.getStatus() == 403)) {
            return " (check option signingKey, or INNGEST_SIGNING_KEY, for the environment at " + baseUrl + ")";
        }
        return "";
    }
}
