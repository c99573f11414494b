package io.camelinngest;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
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
    @UriParam(label = "producer", description = "The ID of a run, for getRun, listRunJobs and cancelRun."
                                                + " Header CamelInngestRunId wins.")
    private String runId;
    @UriParam(label = "producer", description = "The app ID, for listFunctions (all apps when unset) and"
                                                + " createCancellation. Header CamelInngestAppId wins.")
    private String appId;
    @UriParam(label = "producer", description = "The function ID within its app, for createCancellation."
                                                + " Header CamelInngestFunctionId wins.")
    private String functionId;
    @UriParam(label = "producer", description = "The signal to send, for sendSignal. Header CamelInngestSignal wins.")
    private String signal;
    @UriParam(label = "producer", description = "The ID of a bulk cancellation, for deleteCancellation."
                                                + " Header CamelInngestCancellationId wins.")
    private String cancellationId;
    @UriParam(label = "producer", description = "listEvents: only events with exactly this name."
                                                + " Header CamelInngestEventName wins.")
    private String eventName;
    @UriParam(label = "producer", description = "listEvents: only events received at or after this ISO-8601 instant."
                                                + " Default: one hour before receivedBefore (or now), always sent."
                                                + " Header CamelInngestReceivedAfter wins.")
    private String receivedAfter;
    @UriParam(label = "producer", description = "listEvents: only events received at or before this ISO-8601 instant."
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

    // advanced: HTTP and retries -------------------------------------------------------------------------------
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection, in milliseconds.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for a response, in milliseconds.")
    private long responseTimeout = 30_000;
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
}
