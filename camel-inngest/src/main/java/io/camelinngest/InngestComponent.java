package io.camelinngest;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The {@code inngest:} component. Options set here are the defaults of every endpoint. Endpoints with the same HTTP
 * settings share one connection pool, closed when the component stops.
 */
@Component("inngest")
public class InngestComponent extends HealthCheckComponent {

    @Metadata(label = "advanced", description = "The shared configuration: the defaults of every endpoint")
    private InngestConfiguration configuration = new InngestConfiguration();

    private final Map<HttpSettings, HttpTransport> transports = new ConcurrentHashMap<>();
    private final Map<SSLContextParameters, SSLContext> sslContexts = new IdentityHashMap<>();
    private Function<String, String> environment = System::getenv;
    private ScheduledExecutorService scheduler;
    private ExecutorService callPool;
    private final KeyMasking keyMasking = new KeyMasking();

    public InngestComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        InngestOperation operation = InngestOperation.fromUri(remaining);
        InngestEndpoint endpoint = new InngestEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        InngestConfiguration given = endpoint.getConfiguration();
        keyMasking.add(given.getSigningKey());
        keyMasking.add(given.getSigningKeyFallback());
        keyMasking.add(given.getEventKey());
        return endpoint;
    }

    public InngestConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InngestConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Where endpoints look up the standard Inngest environment variables; replaced in tests only. */
    Function<String, String> environment() {
        return environment;
    }

    void environment(Function<String, String> lookup) {
        this.environment = lookup;
    }

    HttpTransport transport(HttpSettings settings) {
        return transports.computeIfAbsent(settings, HttpTransport::create);
    }

    synchronized SSLContext sslContext(SSLContextParameters parameters) throws Exception {
        SSLContext context = sslContexts.get(parameters);
        if (context == null) {
            context = parameters.createSSLContext(getCamelContext());
            sslContexts.put(parameters, context);
        }
        return context;
    }

    /**
     * The timers of the producers' waits (a retry's back-off, the pauses of awaitRuns / awaitTerminal), from Camel's
     * ExecutorServiceManager (its default thread pool profile: 10 threads), shut down when the component stops. Its
     * threads only fire timers and hand the next attempt to {@link #callPool()}: they never call or sleep.
     */
    public synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = getCamelContext().getExecutorServiceManager().newDefaultScheduledThreadPool(this, "inngest");
        }
        return scheduler;
    }

    /**
     * The threads a producer's call resumes on after a wait (a retry, the next read of an await); the first attempt
     * runs on the route's thread. From Camel's ExecutorServiceManager: a cached pool, so that no resumed call waits for
     * a thread that a slow read holds (each endpoint's connection pool, maxConnections, bounds those that talk to the
     * server at once). Shut down when the component stops.
     */
    public synchronized ExecutorService callPool() {
        if (callPool == null) {
            callPool = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "inngest-call");
        }
        return callPool;
    }

    /**
     * Camel shows an endpoint by its URI and the component registers each endpoint with its keys masked (see
     * InngestEndpoint), but some of Camel's own output is made before the endpoint exists or from the route as written:
     * those places learn the key options here (see KeyMasking), again at start in case the context's sensitive keywords
     * were set after the component was initialised.
     */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        keyMasking.install(getCamelContext());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        keyMasking.install(getCamelContext());
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (scheduler != null) {
                getCamelContext().getExecutorServiceManager().shutdown(scheduler);
                scheduler = null;
            }
            if (callPool != null) {
                getCamelContext().getExecutorServiceManager().shutdown(callPool);
                callPool = null;
            }
        }
        transports.values().forEach(HttpTransport::close);
        transports.clear();
        synchronized (this) {
            sslContexts.clear();
        }
        super.doStop();
    }
}
