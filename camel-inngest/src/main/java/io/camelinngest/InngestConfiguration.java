package io.camelinngest;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of the Inngest component and its endpoints. Values set on the component are the defaults of every
 * endpoint. Credentials and origins not set here come from the standard Inngest environment variables.
 */
@UriParams
public class InngestConfiguration implements Cloneable {

    // security -------------------------------------------------------------------------------------------------
    @UriParam(label = "security", secret = true,
              description = "The signing key for the REST API (signkey-prod-... as shown in the Inngest dashboard), sent"
                            + " hashed as a bearer token. Default: the environment variable INNGEST_SIGNING_KEY. Not needed for a Dev Server.")
    private String signingKey;
    @UriParam(label = "security", secret = true,
              description = "A second signing key, tried once when the server answers 401 or 403 (for key rotation)."
                            + " Default: INNGEST_SIGNING_KEY_FALLBACK.")
    private String signingKeyFallback;
    @UriParam(label = "security", secret = true,
              description = "The event key used to send events. Default: INNGEST_EVENT_KEY; a placeholder on a Dev Server,"
                            + " which accepts any key.")
    private String eventKey;

    // common ---------------------------------------------------------------------------------------------------
    @UriParam(label = "common",
              description = "The branch environment to use, sent as X-Inngest-Env (Inngest Cloud). Default: INNGEST_ENV.")
    private String env;
    @UriParam(label = "common",
              description = "The REST API origin. Default: INNGEST_API_BASE_URL, else INNGEST_BASE_URL, else the Dev Server"
                            + " in dev mode, else https://api.inngest.com.")
    private String baseUrl;
    @UriParam(label = "common",
              description = "The event API origin. Default: INNGEST_EVENT_API_BASE_URL, else INNGEST_BASE_URL, else the Dev"
                            + " Server in dev mode, else https://inn.gs.")
    private String eventBaseUrl;
    @UriParam(label = "common",
              description = "Dev Server mode, as the Inngest SDKs define INNGEST_DEV: true (or 1) uses http://localhost:8288"
                            + " for both APIs and needs no keys; an origin such as http://inngest:8288 uses that server;"
                            + " false targets Inngest Cloud. Default: INNGEST_DEV.")
    private String dev;

    // producer inputs ------------------------------------------------------------------------------------------
    @UriParam(label = "producer", description = "The internal ID of an event, for getEvent and listEventRuns."
                                                + " Header CamelInngestEventId wins.")
    private String eventId;
    @UriParam(label = "common", description = "The ID of a run, for getRun, listRunJobs, cancelRun and rerunRun (header"
                                              + " CamelInngestRunId wins). For the runStatus consumer: the runs to watch,"
                                              + " comma-separated.")
    private String runId;
    @UriParam(label = "common", description = "The app ID (as the SDK was created with), for listFunctions (all apps"
                                              + " when unset), invokeFunction and createCancellation (header"
                                              + " CamelInngestAppId wins). For"
                                              + " the runStatus consumer with source=v2: the app whose runs to follow.")
    private String appId;
    @UriParam(label = "common", description = "The function: for invokeFunction its ID within its app (e.g."
                                              + " ship-order); for createCancellation its slug, the app ID and that ID"
                                              + " joined by a dash (e.g. my-app-ship-order). Header"
                                              + " CamelInngestFunctionId wins. For the runStatus consumer with source=v2:"
                                              + " only runs of this function (its ID within its app).")
    private String functionId;
    @UriParam(label = "producer", description = "invokeFunction: an idempotency key; Inngest starts at most one run per"
                                                + " key. Header CamelInngestIdempotencyKey wins.")
    private String idempotencyKey;
    @UriParam(label = "producer", description = "The signal to send, for sendSignal. Header CamelInngestSignal wins.")
    private String signal;
    @UriParam(label = "producer", description = "The ID of a bulk cancellation, for deleteCancellation."
                                                + " Header CamelInngestCancellationId wins.")
    private String cancellationId;
    @UriParam(label = "common", description = "listEvents: only events with exactly this name (header"
                                              + " CamelInngestEventName wins). For the runStatus consumer: watch the runs"
                                              + " started by new events of this name.")
    private String eventName;
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

    // consumer ---------------------------------------------------------------------------------------------------
    @UriParam(label = "consumer", description = "newEvents: only events with exactly this name. The same filter as"
                                                + " eventName, under the name the newEvents consumer documents.")
    private String name;
    @UriParam(label = "consumer", defaultValue = "now",
              description = "Where a consumer with no saved position starts: now, earliest (as far back as the server"
                            + " keeps events), or an ISO-8601 instant.")
    private String startFrom = "now";
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How far behind the newest delivered time each poll looks again, in milliseconds: the"
                            + " server stores events asynchronously, so one can appear a little behind those already"
                            + " seen. IDs in this window are remembered, so nothing is delivered twice.")
    private long overlap = 5_000;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "newEvents: how long an event is held back so that events sent before it, which the server"
                            + " may store later, are delivered first, in milliseconds. An event is delivered, in send"
                            + " order, once it lies this far behind the newest event seen or this host's clock, or was"
                            + " seen this long ago. One that shows up later still is delivered, with header"
                            + " CamelInngestLate=true. 0 (the default) delivers what is seen at once.")
    private long settleWindow;
    @UriParam(label = "consumer", defaultValue = "51",
              description = "The page size of the listings a consumer reads: up to 51 for events (the server's"
                            + " maximum), up to 100 for v2 runs.")
    private int pageSize = 51;
    @UriParam(label = "consumer", defaultValue = "1000",
              description = "The most messages one poll delivers; the rest follow on the next polls. 0 for no limit.")
    private int maxMessagesPerPoll = 1000;
    @UriParam(label = "consumer", defaultValue = "message", enums = "message,poll",
              description = "When a consumer writes its position to the state repository: message, after each"
                            + " delivered message (after a crash at most the message in flight comes again); poll, once"
                            + " per poll, after its batch, before a stop and when an exchange fails (one write per batch;"
                            + " after a crash up to maxMessagesPerPoll messages come again). Delivery is at least once"
                            + " either way.")
    private String positionCommit = "message";
    @UriParam(label = "consumer,advanced",
              description = "Where the consumer keeps its position (watermark, IDs at the boundary, watched runs), saved"
                            + " as positionCommit says: a FileStateRepository survives restarts; a shared one"
                            + " (JDBC, Infinispan) lets another node take over. Default: in memory.")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,advanced",
              description = "The key of this consumer's position in the state repository. Default: derived from the"
                            + " operation and its filters, e.g. newEvents:name:shop/order.created.")
    private String stateKey;
    @UriParam(label = "consumer",
              description = "runStatus: deliver only changes to these statuses, comma-separated (e.g. Completed,Failed)."
                            + " Other changes are tracked but not delivered.")
    private String statuses;
    @UriParam(label = "consumer", defaultValue = "v1", enums = "v1,v2",
              description = "runStatus: v1 polls each run (runs found from eventName, runId or handed over); v2 reads"
                            + " the new and the ended runs of appId/functionId from the v2 runs listing (by queuedAt and"
                            + " by endedAt), with no per-run polling.")
    private String source = "v1";
    @UriParam(label = "consumer", defaultValue = "1000",
              description = "runStatus: the most runs watched at once; when full, the oldest is dropped with a warning"
                            + " that names it.")
    private int maxWatchedRuns = 1000;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "runStatus with eventName: how long after an event arrived its runs are looked for, in"
                            + " milliseconds (runs can appear late; debounced or batched functions start later).")
    private long discoveryWindow = 60_000;
    @UriParam(label = "advanced", defaultValue = "3000", javaType = "java.time.Duration",
              description = "The least time between two reads of one run, in milliseconds. The server caches a run for"
                            + " 3 s, so reading it sooner returns the same answer.")
    private long runPollInterval = 3_000;
    @UriParam(label = "advanced", defaultValue = "15000", javaType = "java.time.Duration",
              description = "The least time between two reads of an event's runs, in milliseconds. The server caches"
                            + " them for 15 s, an early empty list too.")
    private long eventRunsInterval = 15_000;

    // advanced: HTTP and retries -------------------------------------------------------------------------------
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection, in milliseconds.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for a response, in milliseconds.")
    private long responseTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The most time one call to Inngest may take, over all its attempts (maxRetries) and the waits"
                            + " between them: each attempt waits for its answer only as long as is left, and no retry"
                            + " starts that could not end in time. The error then says how many attempts were made in"
                            + " how long.")
    private long callTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "3",
              description = "How often to retry a call that failed with a connection error, 429 or 5xx (never on other"
                            + " 4xx). Requests that change state are repeated only when the server cannot have acted.")
    private int maxRetries = 3;
    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration",
              description = "The first retry delay in milliseconds; each retry waits about twice as long, with jitter."
                            + " A Retry-After from the server takes its place.")
    private long retryDelay = 500;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "The longest retry delay in milliseconds. A Retry-After longer than this fails the call.")
    private long retryMaxDelay = 30_000;
    @UriParam(label = "advanced", defaultValue = "20",
              description = "The most HTTP connections kept open to Inngest.")
    private int maxConnections = 20;
    @UriParam(label = "proxy", description = "The HTTP proxy host.")
    private String proxyHost;
    @UriParam(label = "proxy", description = "The HTTP proxy port.")
    private Integer proxyPort;
    @UriParam(label = "security", description = "TLS configuration (trust store, key store, protocols) for HTTPS.")
    @Metadata(autowired = false)
    private SSLContextParameters sslContextParameters;

    /**
     * The event name filter: {@code eventName} or {@code name} (one filter under two names).
     *
     * @throws IllegalArgumentException when both are set to different names
     */
    public String eventNameFilter() {
        boolean hasName = name != null && !name.isBlank();
        boolean hasEventName = eventName != null && !eventName.isBlank();
        if (hasName && hasEventName && !name.trim().equals(eventName.trim())) {
            throw new IllegalArgumentException(
                    "Options name and eventName are the same event name filter; they differ ('"
                                               + name + "', '" + eventName + "'): set one");
        }
        return hasEventName ? eventName.trim() : hasName ? name.trim() : null;
    }

    public InngestConfiguration copy() {
        try {
            return (InngestConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    public String getSigningKeyFallback() {
        return signingKeyFallback;
    }

    public void setSigningKeyFallback(String signingKeyFallback) {
        this.signingKeyFallback = signingKeyFallback;
    }

    public String getEventKey() {
        return eventKey;
    }

    public void setEventKey(String eventKey) {
        this.eventKey = eventKey;
    }

    public String getEnv() {
        return env;
    }

    public void setEnv(String env) {
        this.env = env;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getEventBaseUrl() {
        return eventBaseUrl;
    }

    public void setEventBaseUrl(String eventBaseUrl) {
        this.eventBaseUrl = eventBaseUrl;
    }

    public String getDev() {
        return dev;
    }

    public void setDev(String dev) {
        this.dev = dev;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }

    public String getFunctionId() {
        return functionId;
    }

    public void setFunctionId(String functionId) {
        this.functionId = functionId;
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

    public String getEventName() {
        return eventName;
    }

    public void setEventName(String eventName) {
        this.eventName = eventName;
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

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public long getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(long callTimeout) {
        this.callTimeout = callTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public boolean isAwaitRuns() {
        return awaitRuns;
    }

    public void setAwaitRuns(boolean awaitRuns) {
        this.awaitRuns = awaitRuns;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public long getOverlap() {
        return overlap;
    }

    public void setOverlap(long overlap) {
        this.overlap = overlap;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public long getSettleWindow() {
        return settleWindow;
    }

    public void setSettleWindow(long settleWindow) {
        this.settleWindow = settleWindow;
    }

    public String getPositionCommit() {
        return positionCommit;
    }

    public void setPositionCommit(String positionCommit) {
        this.positionCommit = positionCommit;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public String getStatuses() {
        return statuses;
    }

    public void setStatuses(String statuses) {
        this.statuses = statuses;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public int getMaxWatchedRuns() {
        return maxWatchedRuns;
    }

    public void setMaxWatchedRuns(int maxWatchedRuns) {
        this.maxWatchedRuns = maxWatchedRuns;
    }

    public long getDiscoveryWindow() {
        return discoveryWindow;
    }

    public void setDiscoveryWindow(long discoveryWindow) {
        this.discoveryWindow = discoveryWindow;
    }

    public long getRunPollInterval() {
        return runPollInterval;
    }

    public void setRunPollInterval(long runPollInterval) {
        this.runPollInterval = runPollInterval;
    }

    public long getEventRunsInterval() {
        return eventRunsInterval;
    }

    public void setEventRunsInterval(long eventRunsInterval) {
        this.eventRunsInterval = eventRunsInterval;
    }
}
