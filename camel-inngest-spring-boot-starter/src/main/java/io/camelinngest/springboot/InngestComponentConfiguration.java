package io.camelinngest.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The options of the inngest component as Spring Boot properties, {@code camel.component.inngest.*}: one field per
 * component option of the component's JSON (camel-inngest: META-INF/io/camelinngest/inngest.json), written from it;
 * {@code InngestComponentConfigurationTest} fails when an option is missing or differs in type. Unset fields leave
 * the component's own defaults (and the INNGEST_* environment variables) in charge. The Spring Boot configuration
 * processor turns the field comments into META-INF/spring-configuration-metadata.json for IDEs.
 */
@ConfigurationProperties(prefix = "camel.component.inngest")
public class InngestComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * The app ID (as the SDK was created with), for listFunctions (all apps when unset) and createCancellation
     * (header CamelInngestAppId wins). For the runStatus consumer with source=v2: the app whose runs to follow.
     */
    private String appId;
    /**
     * The REST API origin. Default: INNGEST_API_BASE_URL, else INNGEST_BASE_URL, else the Dev Server in dev mode,
     * else https://api.inngest.com.
     */
    private String baseUrl;
    /**
     * Dev Server mode, as the Inngest SDKs define INNGEST_DEV: true (or 1) uses http://localhost:8288 for both APIs
     * and needs no keys; an origin such as http://inngest:8288 uses that server; false targets Inngest Cloud.
     * Default: INNGEST_DEV.
     */
    private String dev;
    /**
     * The branch environment to use, sent as X-Inngest-Env (Inngest Cloud). Default: INNGEST_ENV.
     */
    private String env;
    /**
     * The event API origin. Default: INNGEST_EVENT_API_BASE_URL, else INNGEST_BASE_URL, else the Dev Server in dev
     * mode, else https://inn.gs.
     */
    private String eventBaseUrl;
    /**
     * listEvents: only events with exactly this name (header CamelInngestEventName wins). For the runStatus
     * consumer: watch the runs started by new events of this name.
     */
    private String eventName;
    /**
     * The function ID within its app, for createCancellation (header CamelInngestFunctionId wins). For the runStatus
     * consumer with source=v2: only runs of this function.
     */
    private String functionId;
    /**
     * The ID of a run, for getRun, listRunJobs and cancelRun (header CamelInngestRunId wins). For the runStatus
     * consumer: the runs to watch, comma-separated.
     */
    private String runId;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed
     * as a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party
     * component allows Camel to be alerted if an exception was thrown. Some components handle this internally only,
     * and therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to
     * hook into the 3rd party component and make this possible for future releases. By default the consumer will use
     * the org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level
     * and ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * The most messages one poll delivers; the rest follow on the next polls. 0 for no limit.
     */
    private Integer maxMessagesPerPoll;
    /**
     * runStatus: the most runs watched at once; when full, the oldest is dropped with a warning that names it.
     */
    private Integer maxWatchedRuns;
    /**
     * newEvents: only events with exactly this name. The same filter as eventName, under the name the newEvents
     * consumer documents.
     */
    private String name;
    /**
     * How far behind the newest delivered time each poll looks again, in milliseconds: the server stores events
     * asynchronously, so one can appear a little behind those already seen. IDs in this window are remembered, so
     * nothing is delivered twice.
     */
    private Long overlap;
    /**
     * The page size of the listings a consumer reads: up to 51 for events (the server's maximum), up to 100 for v2
     * runs.
     */
    private Integer pageSize;
    /**
     * runStatus: v1 polls each run (runs found from eventName, runId or handed over); v2 reads the new and the ended
     * runs of appId/functionId from the v2 runs listing (by queuedAt and by endedAt), with no per-run polling.
     */
    private String source;
    /**
     * Where a consumer with no saved position starts: now, earliest (as far back as the server keeps events), or an
     * ISO-8601 instant.
     */
    private String startFrom;
    /**
     * runStatus: deliver only changes to these statuses, comma-separated (e.g. Completed,Failed). Other changes are
     * tracked but not delivered.
     */
    private String statuses;
    /**
     * runStatus with eventName: how long after an event arrived its runs are looked for, in milliseconds (runs can
     * appear late; debounced or batched functions start later).
     */
    private Long discoveryWindow;
    /**
     * The key of this consumer's position in the state repository. Default: derived from the operation and its
     * filters, e.g. newEvents:name:shop/order.created.
     */
    private String stateKey;
    /**
     * Where the consumer keeps its position (watermark, IDs at the boundary, watched runs), saved after every
     * delivered message: a FileStateRepository survives restarts; a shared one (JDBC, Infinispan) lets another node
     * take over. Default: in memory. The option is a org.apache.camel.spi.StateRepository&lt;java.lang.String,
     * java.lang.String&gt; type: reference a bean.
     */
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;
    /**
     * sendEvents: after sending, wait until every event has started at least one run and every run found has ended;
     * the body becomes the list of ended runs, with their output.
     */
    private Boolean awaitRuns;
    /**
     * getRun: wait until the run has ended; the body is the ended run, with its output.
     */
    private Boolean awaitTerminal;
    /**
     * How long awaitRuns and awaitTerminal wait, in milliseconds, before failing with an InngestApiException that
     * names the runs still open.
     */
    private Long awaitTimeout;
    /**
     * The ID of a bulk cancellation, for deleteCancellation. Header CamelInngestCancellationId wins.
     */
    private String cancellationId;
    /**
     * listEvents: the page to read, the internal ID of the last event of the previous page. Header
     * CamelInngestCursor wins.
     */
    private String cursor;
    /**
     * The internal ID of an event, for getEvent and listEventRuns. Header CamelInngestEventId wins.
     */
    private String eventId;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed
     * then creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer;
    /**
     * listEvents: the page size, 1 to 51 (the server's maximum; its default is 20). Header CamelInngestLimit wins.
     */
    private Integer limit;
    /**
     * sendEvents: the largest event, in bytes of JSON, accepted before sending (the server's limit is 3 MiB; Inngest
     * Cloud's free plan allows 256 KiB).
     */
    private Integer maxEventSize;
    /**
     * sendEvents: the most events in one request; larger sends are split (the server allows 5000).
     */
    private Integer maxEventsPerRequest;
    /**
     * listEvents: only events received at or after this ISO-8601 instant. Default: one hour before receivedBefore
     * (or now), always sent. Header CamelInngestReceivedAfter wins.
     */
    private String receivedAfter;
    /**
     * listEvents: only events received at or before this ISO-8601 instant. Header CamelInngestReceivedBefore wins.
     */
    private String receivedBefore;
    /**
     * The signal to send, for sendSignal. Header CamelInngestSignal wins.
     */
    private String signal;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then
     * gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * The shared configuration: the defaults of every endpoint The option is a io.camelinngest.InngestConfiguration
     * type: reference a bean.
     */
    private io.camelinngest.InngestConfiguration configuration;
    /**
     * How long to wait for a connection, in milliseconds.
     */
    private Long connectTimeout;
    /**
     * The least time between two reads of an event's runs, in milliseconds. The server caches them for 15 s, an
     * early empty list too.
     */
    private Long eventRunsInterval;
    /**
     * The most HTTP connections kept open to Inngest.
     */
    private Integer maxConnections;
    /**
     * How often to retry a call that failed with a connection error, 429 or 5xx (never on other 4xx). Requests that
     * change state are repeated only when the server cannot have acted.
     */
    private Integer maxRetries;
    /**
     * How long to wait for a response, in milliseconds.
     */
    private Long responseTimeout;
    /**
     * The first retry delay in milliseconds; each retry waits about twice as long, with jitter. A Retry-After from
     * the server takes its place.
     */
    private Long retryDelay;
    /**
     * The longest retry delay in milliseconds. A Retry-After longer than this fails the call.
     */
    private Long retryMaxDelay;
    /**
     * The least time between two reads of one run, in milliseconds. The server caches a run for 3 s, so reading it
     * sooner returns the same answer.
     */
    private Long runPollInterval;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * The HTTP proxy host.
     */
    private String proxyHost;
    /**
     * The HTTP proxy port.
     */
    private Integer proxyPort;
    /**
     * The event key used to send events. Default: INNGEST_EVENT_KEY; a placeholder on a Dev Server, which accepts
     * any key.
     */
    private String eventKey;
    /**
     * The signing key for the REST API (signkey-prod-... as shown in the Inngest dashboard), sent hashed as a bearer
     * token. Default: the environment variable INNGEST_SIGNING_KEY. Not needed for a Dev Server.
     */
    private String signingKey;
    /**
     * A second signing key, tried once when the server answers 401 or 403 (for key rotation). Default:
     * INNGEST_SIGNING_KEY_FALLBACK.
     */
    private String signingKeyFallback;
    /**
     * TLS configuration (trust store, key store, protocols) for HTTPS. The option is a
     * org.apache.camel.support.jsse.SSLContextParameters type: reference a bean.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
    public String getDev() {
        return dev;
    }

    public void setDev(String dev) {
        this.dev = dev;
    }
    public String getEnv() {
        return env;
    }

    public void setEnv(String env) {
        this.env = env;
    }
    public String getEventBaseUrl() {
        return eventBaseUrl;
    }

    public void setEventBaseUrl(String eventBaseUrl) {
        this.eventBaseUrl = eventBaseUrl;
    }
    public String getEventName() {
        return eventName;
    }

    public void setEventName(String eventName) {
        this.eventName = eventName;
    }
    public String getFunctionId() {
        return functionId;
    }

    public void setFunctionId(String functionId) {
        this.functionId = functionId;
    }
    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }
    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }
    public Integer getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(Integer maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }
    public Integer getMaxWatchedRuns() {
        return maxWatchedRuns;
    }

    public void setMaxWatchedRuns(Integer maxWatchedRuns) {
        this.maxWatchedRuns = maxWatchedRuns;
    }
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
    public Long getOverlap() {
        return overlap;
    }

    public void setOverlap(Long overlap) {
        this.overlap = overlap;
    }
    public Integer getPageSize() {
        return pageSize;
    }

    public void setPageSize(Integer pageSize) {
        this.pageSize = pageSize;
    }
    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }
    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }
    public String getStatuses() {
        return statuses;
    }

    public void setStatuses(String statuses) {
        this.statuses = statuses;
    }
    public Long getDiscoveryWindow() {
        return discoveryWindow;
    }

    public void setDiscoveryWindow(Long discoveryWindow) {
        this.discoveryWindow = discoveryWindow;
    }
    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }
    public org.apache.camel.spi.StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }
    public Boolean getAwaitRuns() {
        return awaitRuns;
    }

    public void setAwaitRuns(Boolean awaitRuns) {
        this.awaitRuns = awaitRuns;
    }
    public Boolean getAwaitTerminal() {
        return awaitTerminal;
    }

    public void setAwaitTerminal(Boolean awaitTerminal) {
        this.awaitTerminal = awaitTerminal;
    }
    public Long getAwaitTimeout() {
        return awaitTimeout;
    }

    public void setAwaitTimeout(Long awaitTimeout) {
        this.awaitTimeout = awaitTimeout;
    }
    public String getCancellationId() {
        return cancellationId;
    }

    public void setCancellationId(String cancellationId) {
        this.cancellationId = cancellationId;
    }
    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }
    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }
    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }
    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }
    public Integer getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(Integer maxEventSize) {
        this.maxEventSize = maxEventSize;
    }
    public Integer getMaxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public void setMaxEventsPerRequest(Integer maxEventsPerRequest) {
        this.maxEventsPerRequest = maxEventsPerRequest;
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
    public String getSignal() {
        return signal;
    }

    public void setSignal(String signal) {
        this.signal = signal;
    }
    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }
    public io.camelinngest.InngestConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(io.camelinngest.InngestConfiguration configuration) {
        this.configuration = configuration;
    }
    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }
    public Long getEventRunsInterval() {
        return eventRunsInterval;
    }

    public void setEventRunsInterval(Long eventRunsInterval) {
        this.eventRunsInterval = eventRunsInterval;
    }
    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }
    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }
    public Long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }
    public Long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Long retryDelay) {
        this.retryDelay = retryDelay;
    }
    public Long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }
    public Long getRunPollInterval() {
        return runPollInterval;
    }

    public void setRunPollInterval(Long runPollInterval) {
        this.runPollInterval = runPollInterval;
    }
    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }
    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
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
    public String getEventKey() {
        return eventKey;
    }

    public void setEventKey(String eventKey) {
        this.eventKey = eventKey;
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
    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }
}
