package io.camelinngest.function;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of one served function, as the sync payload carries them (SDK spec 4.3.2). Durations are Inngest time
 * strings ({@code 30s}, {@code 2h45m}); keys and conditions are Inngest (CEL) expressions.
 */
@UriParams
public class FunctionOptions {

    @UriParam(label = "consumer", description = "Display name in the Inngest UI (default: the function ID).")
    private String name;
    @UriParam(label = "consumer", description = "Event names that trigger the function, comma separated. "
                                                + "Either trigger or cron is required.")
    private String trigger;
    @UriParam(label = "consumer", description = "An expression an event must match to trigger the function, "
                                                + "e.g. event.data.amount > 100 (applies to every trigger event).")
    private String triggerIf;
    @UriParam(label = "consumer", description = "A cron schedule that triggers the function, e.g. 0 * * * * "
                                                + "(TZ=Europe/Paris 0 9 * * * for a time zone).")
    private String cron;
    @UriParam(label = "consumer", description = "Retries after a failed attempt (0 to 20); the server's default is 3.")
    private Integer retries;
    @UriParam(label = "consumer,flow", description = "At most this many steps of the function run at once.")
    private Integer concurrency;
    @UriParam(label = "consumer,flow", description = "Applies concurrency per value of this expression, "
                                                     + "e.g. event.data.customer.")
    private String concurrencyKey;
    @UriParam(label = "consumer,flow", description = "Throttle: at most this many runs start per throttlePeriod "
                                                     + "(later ones wait).")
    private Integer throttleLimit;
    @UriParam(label = "consumer,flow", description = "Throttle period, e.g. 1m.")
    private String throttlePeriod;
    @UriParam(label = "consumer,flow", description = "Throttle per value of this expression.")
    private String throttleKey;
    @UriParam(label = "consumer,flow", description = "Throttle burst: runs allowed at once above the steady rate.")
    private Integer throttleBurst;
    @UriParam(label = "consumer,flow", description = "Rate limit: at most this many runs per rateLimitPeriod "
                                                     + "(later events are skipped).")
    private Integer rateLimitLimit;
    @UriParam(label = "consumer,flow", description = "Rate limit period, e.g. 1h.")
    private String rateLimitPeriod;
    @UriParam(label = "consumer,flow", description = "Rate limit per value of this expression.")
    private String rateLimitKey;
    @UriParam(label = "consumer,flow", description = "Debounce: run once, with the last event, after no new event "
                                                     + "came for this period, e.g. 10s.")
    private String debouncePeriod;
    @UriParam(label = "consumer,flow", description = "Debounce per value of this expression.")
    private String debounceKey;
    @UriParam(label = "consumer,flow", description = "Debounce: run at the latest this long after the first event.")
    private String debounceTimeout;
    @UriParam(label = "consumer,flow", description = "Event batching: at most this many events per run (up to 100).")
    private Integer batchMaxSize;
    @UriParam(label = "consumer,flow", description = "Event batching: start a run with a partial batch after this "
                                                     + "long (1s to 60s). Required with batchMaxSize.")
    private String batchTimeout;
    @UriParam(label = "consumer,flow", description = "Event batching per value of this expression.")
    private String batchKey;
    @UriParam(label = "consumer,flow", description = "Priority: an expression giving seconds (-600 to 600) by which "
                                                     + "a run moves ahead of others in the queue.")
    private String priority;
    @UriParam(label = "consumer,flow", description = "An expression: at most one run per value in 24 hours, "
                                                     + "e.g. event.data.orderId.")
    private String idempotency;
    @UriParam(label = "consumer", description = "An event name that cancels a running or waiting run.")
    private String cancelOn;
    @UriParam(label = "consumer", description = "The condition for cancelOn, e.g. "
                                                + "event.data.order == async.data.order (event: the run's trigger, "
                                                + "async: the cancelling event).")
    private String cancelIf;
    @UriParam(label = "consumer", description = "How long cancelOn stays valid, e.g. 1h.")
    private String cancelTimeout;
    @UriParam(label = "consumer", description = "The run fails when it has not started this long after its "
                                                + "trigger, e.g. 10m.")
    private String timeoutStart;
    @UriParam(label = "consumer", description = "The run fails when it has not finished this long after it "
                                                + "started, e.g. 1h.")
    private String timeoutFinish;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getTriggerIf() {
        return triggerIf;
    }

    public void setTriggerIf(String triggerIf) {
        this.triggerIf = triggerIf;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    public String getConcurrencyKey() {
        return concurrencyKey;
    }

    public void setConcurrencyKey(String concurrencyKey) {
        this.concurrencyKey = concurrencyKey;
    }

    public Integer getThrottleLimit() {
        return throttleLimit;
    }

    public void setThrottleLimit(Integer throttleLimit) {
        this.throttleLimit = throttleLimit;
    }

    public String getThrottlePeriod() {
        return throttlePeriod;
    }

    public void setThrottlePeriod(String throttlePeriod) {
        this.throttlePeriod = throttlePeriod;
    }

    public String getThrottleKey() {
        return throttleKey;
    }

    public void setThrottleKey(String throttleKey) {
        this.throttleKey = throttleKey;
    }

    public Integer getThrottleBurst() {
        return throttleBurst;
    }

    public void setThrottleBurst(Integer throttleBurst) {
        this.throttleBurst = throttleBurst;
    }

    public Integer getRateLimitLimit() {
        return rateLimitLimit;
    }

    public void setRateLimitLimit(Integer rateLimitLimit) {
        this.rateLimitLimit = rateLimitLimit;
    }

    public String getRateLimitPeriod() {
        return rateLimitPeriod;
    }

    public void setRateLimitPeriod(String rateLimitPeriod) {
        this.rateLimitPeriod = rateLimitPeriod;
    }

    public String getRateLimitKey() {
        return rateLimitKey;
    }

    public void setRateLimitKey(String rateLimitKey) {
        this.rateLimitKey = rateLimitKey;
    }

    public String getDebouncePeriod() {
        return debouncePeriod;
    }

    public void setDebouncePeriod(String debouncePeriod) {
        this.debouncePeriod = debouncePeriod;
    }

    public String getDebounceKey() {
        return debounceKey;
    }

    public void setDebounceKey(String debounceKey) {
        this.debounceKey = debounceKey;
    }

    public String getDebounceTimeout() {
        return debounceTimeout;
    }

    public void setDebounceTimeout(String debounceTimeout) {
        this.debounceTimeout = debounceTimeout;
    }

    public Integer getBatchMaxSize() {
        return batchMaxSize;
    }

    public void setBatchMaxSize(Integer batchMaxSize) {
        this.batchMaxSize = batchMaxSize;
    }

    public String getBatchTimeout() {
        return batchTimeout;
    }

    public void setBatchTimeout(String batchTimeout) {
        this.batchTimeout = batchTimeout;
    }

    public String getBatchKey() {
        return batchKey;
    }

    public void setBatchKey(String batchKey) {
        this.batchKey = batchKey;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getIdempotency() {
        return idempotency;
    }

    public void setIdempotency(String idempotency) {
        this.idempotency = idempotency;
    }

    public String getCancelOn() {
        return cancelOn;
    }

    public void setCancelOn(String cancelOn) {
        this.cancelOn = cancelOn;
    }

    public String getCancelIf() {
        return cancelIf;
    }

    public void setCancelIf(String cancelIf) {
        this.cancelIf = cancelIf;
    }

    public String getCancelTimeout() {
        return cancelTimeout;
    }

    public void setCancelTimeout(String cancelTimeout) {
        this.cancelTimeout = cancelTimeout;
    }

    public String getTimeoutStart() {
        return timeoutStart;
    }

    public void setTimeoutStart(String timeoutStart) {
        this.timeoutStart = timeoutStart;
    }

    public String getTimeoutFinish() {
        return timeoutFinish;
    }

    public void setTimeoutFinish(String timeoutFinish) {
        this.timeoutFinish = timeoutFinish;
    }
}
