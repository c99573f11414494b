package io.camelinngest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.client.InputChecks;
import io.camelinngest.client.RunQuery;
import io.camelinngest.client.SecretMasker;
import io.camelinngest.consumer.AbstractInngestConsumer;
import io.camelinngest.consumer.InngestNewEventsConsumer;
import io.camelinngest.consumer.InngestRunStatusConsumer;
import io.camelinngest.consumer.PositionCommit;
import io.camelinngest.consumer.StartFrom;
import io.camelinngest.consumer.Statuses;
import io.camelinngest.model.RunStatus;
import io.camelinngest.producer.InngestProducer;
import io.camelinngest.producer.ProducerOptionChecks;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.util.URISupport;

/**
 * Send and read Inngest events, runs, jobs and functions; cancel runs; resume signals.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inngest", title = "Inngest", syntax = "inngest:operation",
             category = { Category.WORKFLOW, Category.CLOUD, Category.API }, headersClass = InngestConstants.class)
public class InngestEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriPath(description = "The operation to perform")
    @Metadata(required = true)
    private InngestOperation operation;

    @UriParam
    private InngestConfiguration configuration;

    /** The default poll delay of the consumers, in milliseconds. */
    public static final long DEFAULT_DELAY = 5000;

    // declared again only to document the consumers' own default (as camel-slack does); the value lives in the superclass
    @UriParam(defaultValue = "" + DEFAULT_DELAY, javaType = "java.time.Duration", label = "consumer,scheduler",
              description = "Milliseconds before the next poll.")
    @SuppressWarnings("unused")
    private long delay = DEFAULT_DELAY;

    /**
     * Whether the user set {@code greedy} (URI, Endpoint DSL or setter): then the consumers do as Camel says, also
     * {@code greedy=false} (wait {@code delay} after every poll); left unset, they poll again at once while behind.
     */
    private boolean greedySet;

    /** The URI with its keys: what tells two endpoints apart (never shown). */
    private final String uriAsGiven;
    private volatile InngestClient client;
    private volatile InngestClientConfig clientConfig;
    private final Queue<String> handedOverRuns = new ConcurrentLinkedQueue<>();
    private volatile boolean runStatusConsumerStarted;
    private StateRepository<String, String> defaultStateRepository;

    public InngestEndpoint(String uri, InngestComponent component, InngestOperation operation,
                           InngestConfiguration configuration) {
        // registered with its keys masked: Camel shows an endpoint by its URI (Producer[...], Consumer[...], thread
        // pools, JMX, route listings, message history), and Camel 4.18's sanitizeUri masks only the first key of a
        // URI (it applies the context's additional sensitive keywords with replaceFirst)
        super(sanitize(uri), component);
        this.uriAsGiven = uri;
        this.operation = operation;
        this.configuration = configuration;
        // Camel's 500 ms is far below the server's cache windows (runs 3 s) and rate limits
        setDelay(DEFAULT_DELAY);
    }

    @Override
    public InngestComponent getComponent() {
        return (InngestComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        // options on the URI that can never work fail the route at start, not its first message
        ProducerOptionChecks.check(operation, configuration, clientConfig());
        return new InngestProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        validateConsumerOptions();
        AbstractInngestConsumer consumer = switch (operation) {
            case newEvents -> new InngestNewEventsConsumer(this, processor);
            case runStatus -> new InngestRunStatusConsumer(this, processor);
            default -> throw new UnsupportedOperationException(
                    "inngest:" + operation + " is a producer operation; it cannot"
                                                               + " be used in from(). Consumer operations: newEvents, runStatus");
        };
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    private void validateConsumerOptions() {
        InngestConfiguration c = configuration;
        boolean v2 = operation == InngestOperation.runStatus && "v2".equalsIgnoreCase(c.getSource());
        if (operation == InngestOperation.runStatus && !v2 && !"v1".equalsIgnoreCase(c.getSource())) {
            throw new IllegalArgumentException("Option source must be v1 or v2, was '" + c.getSource() + "'");
        }
        int maxPage = v2 ? RunQuery.MAX_LIMIT : EventQuery.MAX_LIMIT;
        if (c.getPageSize() < 1 || c.getPageSize() > maxPage) {
            throw InputChecks.outOfRange("inngest:" + operation + (v2 ? " with source=v2" : "") + ": option pageSize",
                    maxPage, c.getPageSize());
        }
        if (c.getOverlap() < 0 || c.getMaxMessagesPerPoll() < 0) {
            throw new IllegalArgumentException("Options overlap and maxMessagesPerPoll must be 0 or more");
        }
        if (c.getSettleWindow() < 0) {
            throw new IllegalArgumentException(
                    "Option settleWindow must be 0 or more milliseconds, was "
                                               + c.getSettleWindow());
        }
        if (c.getMaxWatchedRuns() < 1) {
            throw new IllegalArgumentException("Option maxWatchedRuns must be 1 or more, was " + c.getMaxWatchedRuns());
        }
        StartFrom.parse(c.getStartFrom());
        PositionCommit.parse(c.getPositionCommit());
        InngestClientConfig client = clientConfig();
        if (!client.isDev() && !client.hasSigningKey()) {
            throw InputChecks.noSigningKey("inngest:" + operation);
        }
        if (operation == InngestOperation.runStatus && c.getRunId() != null) {
            for (String runId : c.getRunId().split(",")) {
                if (!runId.isBlank() && !io.camelinngest.client.Ulid.isValid(runId.trim())) {
                    throw InputChecks.notUlids("inngest:runStatus: option runId", ", separated by commas", runId.trim());
                }
            }
        }
        String eventName = c.eventNameFilter();
        if (operation != InngestOperation.runStatus) {
            return;
        }
        Set<RunStatus> statuses = Statuses.parse(c.getStatuses());
        if (v2) {
            if (c.getAppId() == null) {
                throw new IllegalArgumentException(
                        "inngest:runStatus with source=v2 needs option appId (and optionally"
                                                   + " functionId): the v2 runs listing is read per app");
            }
            for (RunStatus status : statuses) {
                if (status != RunStatus.SCHEDULED && status != RunStatus.RUNNING && status != RunStatus.COMPLETED
                        && status != RunStatus.FAILED && status != RunStatus.CANCELLED) {
                    throw new IllegalArgumentException(
                            "inngest:runStatus with source=v2 knows the v2 statuses only:"
                                                       + " option statuses may hold Scheduled, Running, Completed, Failed"
                                                       + " and Cancelled, was " + c.getStatuses());
                }
            }
        } else if (eventName == null && c.getRunId() == null && c.getAppId() != null) {
            throw new IllegalArgumentException("inngest:runStatus with appId reads the v2 runs listing: set source=v2");
        }
    }

    /** Runs handed over by {@code to("inngest:runStatus")}, for this endpoint's consumer to watch. */
    public void handOverRuns(Collection<String> runIds) {
        if (!runStatusConsumerStarted) {
            throw new IllegalStateException(
                    "inngest:runStatus hands runs over to the consumer of the same endpoint, and"
                                            + " none runs on " + this + " here: use from() with the same URI (the same"
                                            + " options and values) in this CamelContext");
        }
        if (handedOverRuns.size() + runIds.size() > configuration.getMaxWatchedRuns()) {
            throw new IllegalStateException(
                    "inngest:runStatus: " + handedOverRuns.size() + " runs handed over are still"
                                            + " waiting for the consumer's next poll; more than maxWatchedRuns ("
                                            + configuration.getMaxWatchedRuns() + ") cannot be queued");
        }
        handedOverRuns.addAll(runIds);
    }

    /**
     * The position store of consumers configured without a stateRepository: in memory, for this endpoint's lifetime.
     */
    public synchronized StateRepository<String, String> defaultStateRepository() {
        if (defaultStateRepository == null) {
            defaultStateRepository = new MemoryStateRepository();
        }
        return defaultStateRepository;
    }

    /** Called by the runStatus consumer when it starts and stops: hand-over needs a running consumer. */
    public void runStatusConsumerStarted(boolean started) {
        this.runStatusConsumerStarted = started;
    }

    /** Takes the runs handed over since the last call. */
    public List<String> drainHandedOverRuns() {
        List<String> runIds = new ArrayList<>();
        for (String id = handedOverRuns.poll(); id != null; id = handedOverRuns.poll()) {
            runIds.add(id);
        }
        return runIds;
    }

    /**
     * The key of a consumer's position in the state repository: option stateKey, else the operation and the filters
     * that select what it delivers (never a credential).
     */
    public String stateKey() {
        if (configuration.getStateKey() != null && !configuration.getStateKey().isBlank()) {
            return configuration.getStateKey().trim();
        }
        StringBuilder key = new StringBuilder(operation.name());
        appendKey(key, operation == InngestOperation.newEvents ? "name" : "eventName", configuration.eventNameFilter());
        appendKey(key, "runId", configuration.getRunId());
        appendKey(key, "source", operation == InngestOperation.runStatus ? configuration.getSource() : null);
        appendKey(key, "appId", operation == InngestOperation.runStatus ? configuration.getAppId() : null);
        appendKey(key, "functionId", operation == InngestOperation.runStatus ? configuration.getFunctionId() : null);
        appendKey(key, "env", configuration.getEnv());
        return key.toString();
    }

    private static void appendKey(StringBuilder key, String name, String value) {
        if (value != null && !value.isBlank()) {
            // '=' and line breaks would break FileStateRepository's key=value lines
            key.append(':').append(name).append(':').append(value.trim().replace('=', '_').replaceAll("\\s", "_"));
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // fail at start-up, not on the first message, for a key that is not hex, a bad URL, an out-of-range limit
        clientConfig = buildClientConfig();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        InngestConfiguration c = configuration;
        HttpSettings http = new HttpSettings(
                Duration.ofMillis(c.getConnectTimeout()), Duration.ofMillis(c.getResponseTimeout()),
                c.getProxyHost(), c.getProxyPort() == null ? 0 : c.getProxyPort(),
                c.getSslContextParameters() == null ? null : getComponent().sslContext(c.getSslContextParameters()),
                c.getMaxConnections());
        client = new InngestClient(clientConfig(), getComponent().transport(http));
    }

    private InngestClientConfig clientConfig() {
        if (clientConfig == null) {
            clientConfig = buildClientConfig();
        }
        return clientConfig;
    }

    private InngestClientConfig buildClientConfig() {
        InngestConfiguration c = configuration;
        return InngestClientConfig.builder()
                .baseUrl(c.getBaseUrl())
                .eventBaseUrl(c.getEventBaseUrl())
                .signingKey(c.getSigningKey())
                .signingKeyFallback(c.getSigningKeyFallback())
                .eventKey(c.getEventKey())
                .env(c.getEnv())
                .dev(c.getDev())
                .maxRetries(c.getMaxRetries())
                .callTimeout(Duration.ofMillis(c.getCallTimeout()))
                .retryDelay(Duration.ofMillis(c.getRetryDelay()))
                .retryMaxDelay(Duration.ofMillis(c.getRetryMaxDelay()))
                .maxEventsPerRequest(c.getMaxEventsPerRequest())
                .maxEventSize(c.getMaxEventSize())
                .build(getComponent().environment());
    }

    /** The client of this endpoint, available once it has started. */
    public InngestClient getClient() {
        if (client == null) {
            throw new IllegalStateException("Endpoint " + this + " is not started");
        }
        return client;
    }

    @Override
    public void setGreedy(boolean greedy) {
        super.setGreedy(greedy);
        greedySet = true;
    }

    /** Whether option {@code greedy} was set, to either value; unset, the consumers poll again at once while behind. */
    public boolean isGreedySet() {
        return greedySet;
    }

    public InngestOperation getOperation() {
        return operation;
    }

    public void setOperation(InngestOperation operation) {
        this.operation = operation;
    }

    public InngestConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InngestConfiguration configuration) {
        this.configuration = configuration;
    }

    private static final Pattern SECRET_OPTIONS = Pattern.compile(
            "([?&](?:" + String.join("|", KeyMasking.KEY_OPTIONS) + ")=)(RAW\\([^)]*\\)|RAW\\{[^}]*}|[^&]*)",
            Pattern.CASE_INSENSITIVE);

    /**
     * An endpoint URI with every credential masked. Camel's own {@link URISupport#sanitizeUri} masks only the first
     * option named by the context's additional sensitive keywords, so a URI holding two keys needs this.
     */
    public static String sanitize(String uri) {
        return uri == null ? null : SECRET_OPTIONS.matcher(URISupport.sanitizeUri(uri)).replaceAll("$1" + SecretMasker.MASK);
    }

    /** Endpoints differing only in a key are different endpoints (Camel pools producers per endpoint). */
    @Override
    public boolean equals(Object other) {
        return other instanceof InngestEndpoint that && uriAsGiven.equals(that.uriAsGiven)
                && getCamelContext() == that.getCamelContext();
    }

    @Override
    public int hashCode() {
        return uriAsGiven.hashCode();
    }

    @Override
    public String toString() {
        return "Endpoint[" + sanitize(getEndpointUri()) + "]";
    }

    @Override
    public String getServiceUrl() {
        InngestClientConfig c = clientConfig();
        return (operation == InngestOperation.sendEvents ? c.eventBaseUrl() : c.apiBaseUrl()).toString();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return configuration.getEnv() == null ? null : Map.of("env", configuration.getEnv());
    }
}
