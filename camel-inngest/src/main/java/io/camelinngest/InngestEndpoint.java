package io.camelinngest;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;

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

    private volatile InngestClient client;

    public InngestEndpoint(String uri, InngestComponent component, InngestOperation operation,
                           InngestConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public InngestComponent getComponent() {
        return (InngestComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new InngestProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("inngest:" + operation + " is a producer operation; it cannot be used in from()");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // fail at start-up, not on the first message, for a key that is not hex, a bad URL, an out-of-range limit
        clientConfig();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        InngestConfiguration c = configuration;
        HttpSettings http = new HttpSettings(Duration.ofMillis(c.getConnectTimeout()), Duration.ofMillis(c.getResponseTimeout()),
                c.getProxyHost(), c.getProxyPort() == null ? 0 : c.getProxyPort(),
                c.getSslContextParameters() == null ? null : getComponent().sslContext(c.getSslContextParameters()),
                c.getMaxConnections());
        client = new InngestClient(clientConfig(), getComponent().transport(http));
    }

    private InngestClientConfig clientConfig() {
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

    @Override
    public String getServiceUrl() {
        InngestClientConfig c = client != null ? client.config() : clientConfig();
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
