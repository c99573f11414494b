package io.camelinngest;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The endpoint options of the producer operations: the inputs of a call that only producers take (each overridden by
 * its header), the limits of a send, the awaits of awaitRuns / awaitTerminal and where a call's waits run. Options that
 * the consumers read too are in {@link InngestConfiguration}.
 * <p>
 * A link of the chain that makes {@link InngestConfiguration} (see {@link InngestConnectionConfiguration} for why it is
 * a chain).
 */
@UriParams
public abstract class InngestProducerConfiguration extends InngestConnectionConfiguration {

    @UriParam(label = "producer", description = "The internal ID of an event, for getEvent and listEventRuns."
                                                + " Header CamelInngestEventId wins.")
    private String eventId;
    @UriParam(label = "producer", description = "invokeFunction: an idempotency key; Inngest starts at most one run per"
                                                + " key. Header CamelInngestIdempotencyKey wins.")
    private String idempotencyKey;
    @UriParam(label = "producer", description = "The signal to send, for sendSignal. Header CamelInngestSignal wins.")
    private String signal;
    @UriParam(label = "producer", description = "The ID of a bulk cancellation, for deleteCancellation."
                                                + " Header CamelInngestCancellationId wins.")
    private String cancellationId;
    @UriParam(label = "producer", description = "listEvents: only events received at or after this ISO-8601 instant."
                                                + " Default: one hour before receivedBefore (or now), always sent."
                                                + " Header CamelInngestReceivedAfter wins.")
    private String receivedAfter;
    @UriParam(label = "producer", description = "listEvents: only events received before this ISO-8601 instant (the"
                                                + " server leaves out one received at exactly this instant)."
                                                + " Header CamelInngestReceivedBefore wins.")
    private String receivedBefore;
    @UriParam(label = "producer", description = "listEvents: the page to read, the internal ID of the last event of the"
                                                + " previous page. Header CamelInngestCursor wins.")
    private String cursor;
    @UriParam(label = "producer", description = "listEvents: the page size, 1 to 51 (the server's maximum; its default is"
                                                + " 20). Header CamelInngestLimit wins.")
    private Integer limit;
    @UriParam(label = "producer", defaultValue = "500",
              description = "sendEvents: the most events in one request; larger sends are split (the server allows 5000).")
    private int maxEventsPerRequest = 500;
    @UriParam(label = "producer", defaultValue = "3145728",
              description = "sendEvents: the largest event, in bytes of JSON, accepted before sending (the server's limit"
                            + " is 3 MiB; Inngest Cloud's free plan allows 256 KiB).")
    private int maxEventSize = 3_145_728;
    @UriParam(label = "producer", defaultValue = "false",
              description = "sendEvents: after sending, wait until every event has started at least one run and every"
                            + " run found has ended; the body becomes the list of ended runs, with their output.")
    private boolean awaitRuns;
    @UriParam(label = "producer", defaultValue = "false",
              description = "getRun and invokeFunction: wait until the run has ended; the body is the ended run, with its"
                            + " output.")
    private boolean awaitTerminal;
    @UriParam(label = "producer", defaultValue = "60000", javaType = "java.time.Duration",
              description = "How long awaitRuns and awaitTerminal wait, in milliseconds, before failing with an"
                            + " InngestApiException that names the runs still open.")
    private long awaitTimeout = 60_000;
    @UriParam(label = "producer,advanced", defaultValue = "false",
              description = "Hold the route's thread for the whole call, as a synchronous producer does: the back-offs"
                            + " of its retries and any awaitRuns / awaitTerminal wait sleep on it, and the exchange"
                            + " always goes on from it. By default (false) the call is made on the route's thread too,"
                            + " but a back-off or an await is a timer that holds no thread, and the exchange then goes"
                            + " on from the component's call pool.")
    private boolean synchronous;

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getSignal() {
        return signal;
    }

    public void setSignal(String signal) {
        this.signal = signal;
    }

    public String getCancellationId() {
        return cancellationId;
    }

    public void setCancellationId(String cancellationId) {
        this.cancellationId = cancellationId;
    }

    public String getReceivedAfter() {
        return receivedAfter;
    }

    public void setReceivedAfter(String receivedAfter) {
        this.receivedAfter = receivedAfter;
    }

    public String getReceivedBefore() {
        return receivedBefore;
    }

    public void setReceivedBefore(String receivedBefore) {
        this.receivedBefore = receivedBefore;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public int getMaxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public void setMaxEventsPerRequest(int maxEventsPerRequest) {
        this.maxEventsPerRequest = maxEventsPerRequest;
    }

    public int getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(int maxEventSize) {
        this.maxEventSize = maxEventSize;
    }

    public boolean isAwaitRuns() {
        return awaitRuns;
    }

    public void setAwaitRuns(boolean awaitRuns) {
        this.awaitRuns = awaitRuns;
    }

    public boolean isAwaitTerminal() {
        return awaitTerminal;
    }

    public void setAwaitTerminal(boolean awaitTerminal) {
        this.awaitTerminal = awaitTerminal;
    }

    public long getAwaitTimeout() {
        return awaitTimeout;
    }

    public void setAwaitTimeout(long awaitTimeout) {
        this.awaitTimeout = awaitTimeout;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }
}
