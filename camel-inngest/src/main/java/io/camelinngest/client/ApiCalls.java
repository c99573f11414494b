package io.camelinngest.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.HttpTransport.HttpResponseData;
import io.camelinngest.client.ResponseReader.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.camelinngest.client.ApiSupport.data;
import static io.camelinngest.client.ApiSupport.list;
import static io.camelinngest.client.ApiSupport.object;
import static io.camelinngest.client.ApiSupport.uri;

/**
 * The one HTTP path every call of the API areas takes: it adds the credentials, reads the response with both server
 * traps in mind ({@link ResponseReader}), retries what is safe to retry with exponential backoff and jitter (honouring
 * {@code Retry-After}), and retries once with the fallback signing key on 401/403. A core made with
 * {@link #deferring()} does not sleep before a retry: it throws {@link RetryLater} and resumes when called again.
 */
final class ApiCalls {

    /** Logged under the client's name, as before the areas were split out: users filter on it. */
    private static final Logger LOG = LoggerFactory.getLogger(InngestClient.class);

    private final InngestClientConfig config;
    private final HttpTransport transport;
    private final ResponseReader reader;
    private final SecretMasker masker;
    private final Backoff backoff;
    private final RetryDecision retryDecision;
    /** Built once: a URIBuilder per send was a large share of the client's own CPU time per event sent. */
    private final URI sendUri;
    /** The v2 runs path ending in "/", built once: a run ID (a checked ULID) is appended as is; null: build each. */
    private final String runsV2Prefix;
    /** What the calls learned about the server, shared with the deferring copies. */
    private final Learned learned;
    /** Where the call of a deferring copy stands between attempts; {@code null}: back-offs sleep on the caller. */
    private final CallProgress deferred;

    /** What the calls learn about the server and every later call uses. */
    private static final class Learned {
        /** During a key rotation: the fallback key worked last. */
        volatile boolean preferFallbackKey;
        /** This server has no v2 API: runs are read through v1. */
        volatile boolean v2Missing;
    }

    ApiCalls(InngestClientConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
        this.masker = SecretMasker.of(config.secrets());
        this.reader = new ResponseReader(masker);
        this.backoff = new Backoff(config.retryDelay(), config.retryMaxDelay());
        this.retryDecision = new RetryDecision(config.maxRetries());
        this.sendUri = config.hasEventKey() ? uri(config.eventBaseUrl(), "e", config.eventKey()) : null;
        URI api = config.apiBaseUrl();
        this.runsV2Prefix = api.getRawQuery() == null && api.getRawFragment() == null
                ? uri(api, "v2", "runs") + "/"
                : null;
        this.learned = new Learned();
        this.deferred = null;
    }

    private ApiCalls(ApiCalls base, CallProgress deferred) {
        this.config = base.config;
        this.transport = base.transport;
        this.masker = base.masker;
        this.reader = base.reader;
        this.backoff = base.backoff;
        this.retryDecision = base.retryDecision;
        this.sendUri = base.sendUri;
        this.runsV2Prefix = base.runsV2Prefix;
        this.learned = base.learned;
        this.deferred = deferred;
    }

    /** A copy for one call whose back-offs throw {@link RetryLater} instead of sleeping. */
    ApiCalls deferring() {
        return new ApiCalls(this, new CallProgress());
    }

    InngestClientConfig config() {
        return config;
    }

    URI sendUri() {
        return sendUri;
    }

    String runsV2Prefix() {
        return runsV2Prefix;
    }

    /** Where a deferring call stands, or {@code null} for a blocking one. */
    CallProgress deferred() {
        return deferred;
    }

    /**
     * A GET of the v2 API, or {@code null} when this server has none (an older self-hosted server: an HTML page or a
     * plain 404 instead of JSON). The client then reads the v1 API from then on, and says so once.
     */
    JsonNode v2Get(String operation, URI uri) {
        if (learned.v2Missing) {
            return null;
        }
        requireSigningKey(operation);
        Outcome outcome = exchange(Request.get(operation, uri));
        if (outcome.failed() && isMissingApi(outcome.error())) {
            learned.v2Missing = true;
            LOG.info("Inngest at {}://{} has no v2 API ({}): runs are read through v1, which has no output for completed"
                     + " runs and is cached by the server (runs 3 s, an event's runs 15 s)",
                    uri.getScheme(), uri.getAuthority(), outcome.error().getMessage());
            return null;
        }
        return outcome.throwIfFailed();
    }

    /** An answer that is not the API at all (not a JSON error of the API): the path does not exist on this server. */
    private static boolean isMissingApi(InngestApiException e) {
        return e.getErrorCode() == null && !e.isRetryable()
                && (e.getHttpStatus() == 404 || e.getHttpStatus() == 405 || (e.getHttpStatus() == 200 && e.getStatus() == 200));
    }

    /** Whether runs are read through the v2 API: not cached by the server, so polling them often is worthwhile. */
    public boolean readsRunsThroughV2() {
        return !learned.v2Missing;
    }

    JsonNode get(String operation, URI uri) {
        requireSigningKey(operation);
        return exchange(Request.get(operation, uri)).throwIfFailed();
    }

    /** A DELETE: 200 with an empty body is a success. */
    void delete(String operation, URI uri) {
        requireSigningKey(operation);
        exchange(Request.delete(operation, uri)).throwIfFailed();
    }

    /** A v1 GET whose plain success is bound straight to {@code data} of {@code dataType}; anything else as a tree. */
    Outcome getV1(String operation, URI uri, JavaType dataType) {
        requireSigningKey(operation);
        return exchange(Request.get(operation, uri).reading(V1Envelope.reader(dataType)));
    }

    @SuppressWarnings("unchecked")
    <T> T getObject(String operation, URI uri, Class<T> type) {
        Outcome outcome = getV1(operation, uri, InngestJson.mapper().constructType(type));
        return outcome.bound() != null
                ? (T) ((V1Envelope<?>) outcome.bound()).data()
                : object(operation, data(operation, outcome.throwIfFailed()), type);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> getList(String operation, URI uri, Class<T> type) {
        Outcome outcome
                = getV1(operation, uri, InngestJson.mapper().getTypeFactory().constructCollectionType(List.class, type));
        if (outcome.bound() != null) {
            List<T> list = (List<T>) ((V1Envelope<?>) outcome.bound()).data();
            return list == null ? List.of() : list;
        }
        return list(operation, data(operation, outcome.throwIfFailed()), type);
    }

    void requireSigningKey(String operation) {
        if (!config.isDev() && config.primaryKey() == null) {
            throw InputChecks.noSigningKey(operation);
        }
    }

    void requireEventKey(String operation) {
        if (!config.hasEventKey()) {
            throw InputChecks.noEventKey(operation);
        }
    }

    /** Sends a request through the one HTTP path, with its retries; a deferring core throws {@link RetryLater}. */
    Outcome exchange(Request request) {
        CallProgress progress = deferred != null ? deferred : new CallProgress();
        try {
            Outcome outcome = attempts(progress, request);
            progress.requestEnded();
            return outcome;
        } catch (RetryLater later) {
            throw later;
        } catch (RuntimeException e) {
            progress.requestEnded();
            throw e;
        }
    }

    private Outcome attempts(CallProgress p, Request request) {
        String operation = request.operation();
        URI uri = request.uri();
        if (!p.active) {
            p.active = true;
            // during a key rotation the key that worked last goes first, so that not every call pays for a 401
            boolean fallbackFirst = learned.preferFallbackKey && config.fallbackKey() != null;
            p.key = !request.signed() ? null : fallbackFirst ? config.fallbackKey() : config.primaryKey();
            // callTimeout bounds every attempt and every wait of this one call together
            p.budget = new CallBudget(operation, config.callTimeout());
        }
        CallBudget budget = p.budget;
        while (true) {
            SigningKey key = p.key;
            int retries = p.retries;
            boolean switchedKey = p.switchedKey;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            if (key != null) {
                headers.put("Authorization", "Bearer " + key.bearerToken());
            }
            if (config.env() != null) {
                headers.put("X-Inngest-Env", config.env());
            }
            headers.putAll(request.headers());

            HttpResponseData response;
            try {
                response = transport.execute(request.method(), uri, headers, request.body(), request.bodyLength(),
                        budget.attempt());
            } catch (IOException e) {
                boolean retryable = RetryDecision.mayRepeatAfter(e, request.repeatable());
                String reason
                        = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + masker.mask(e.getMessage()));
                String failure = operation + " failed: could not reach Inngest at " + uri.getScheme() + "://"
                                 + uri.getAuthority() + " (" + reason + ")";
                if (e instanceof ConnectException) {
                    // nothing listens there: retrying within seconds rarely helps, so say so now
                    throw InngestApiException.unreachable(operation, reason, true, failure + ": the connection was"
                                                                                   + " refused; is the Inngest server (the Dev Server in dev mode) running there? Check option "
                                                                                   + (uri.getPath().startsWith("/e/")
                                                                                           ? "eventBaseUrl" : "baseUrl")
                                                                                   + ". " + budget.spent());
                }
                boolean retryLeft
                        = retryDecision.afterNoAnswer(e, request.repeatable(), retries) == RetryDecision.Verdict.RETRY;
                if (retryLeft) {
                    Duration wait = backoff.delay(retries);
                    p.retries = ++retries;
                    if (budget.allows(wait)) {
                        LOG.debug("{}: connection failed ({}); retry {} of {} in {} ms", operation, reason, retries,
                                config.maxRetries(), wait.toMillis());
                        pause(p, operation, wait);
                        continue;
                    }
                }
                throw InngestApiException.unreachable(operation, reason, retryable,
                        retryLeft || budget.isSpent() ? budget.exceeded(failure) : failure);
            }

            Outcome outcome = request.plainSuccess() == null
                    ? null : reader.readPlainSuccess(response, request.plainSuccess());
            if (outcome == null) {
                outcome = reader.read(operation, response, request.emptyBodyIsSuccess());
            }
            if (!outcome.failed()) {
                if (switchedKey) {
                    learned.preferFallbackKey = key == config.fallbackKey();
                }
                return outcome;
            }
            InngestApiException error = outcome.error();
            int status = error.getStatus();
            if ((status == 401 || status == 403) && key != null && !switchedKey && config.fallbackKey() != null) {
                p.key = key == config.fallbackKey() ? config.primaryKey() : config.fallbackKey();
                LOG.debug("{}: HTTP {} with one signing key; trying the {} signing key", operation, status,
                        p.key == config.fallbackKey() ? "fallback" : "primary");
                p.switchedKey = true;
                continue;
            }
            RetryDecision.Verdict verdict = retryDecision.afterAnswer(error, request.repeatable(), retries);
            if (verdict == RetryDecision.Verdict.RETRY) {
                Duration retryAfter = Backoff.retryAfter(response.retryAfter(), ZonedDateTime.now());
                if (retryAfter != null && retryAfter.compareTo(backoff.max()) > 0) {
                    return new Outcome(
                            outcome.json(), error.withMessage(error.getMessage() + " (the server asked to retry"
                                                              + " after " + retryAfter.toSeconds()
                                                              + " s, more than retryMaxDelay)"));
                }
                Duration wait = retryAfter != null ? retryAfter : backoff.delay(retries);
                if (!budget.allows(wait)) {
                    return new Outcome(outcome.json(), error.withMessage(budget.exceeded(error.getMessage())));
                }
                p.retries = ++retries;
                LOG.debug("{}: status {}; retry {} of {} in {} ms", operation, status, retries, config.maxRetries(),
                        wait.toMillis());
                pause(p, operation, wait);
                continue;
            }
            if (verdict == RetryDecision.Verdict.FAIL_NOT_SAFE_TO_REPEAT) {
                return new Outcome(outcome.json(), error.notRetryable());
            }
            return outcome;
        }
    }

    /**
     * Waits before a retry: a deferring client hands the wait to its caller ({@link RetryLater}), any other sleeps on
     * the calling thread.
     */
    private void pause(CallProgress progress, String operation, Duration wait) {
        if (progress == deferred) {
            throw new RetryLater(operation, wait);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InngestApiException.interrupted(operation, "waiting to retry", e);
        }
    }
}
