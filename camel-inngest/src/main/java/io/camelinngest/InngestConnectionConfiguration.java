package io.camelinngest;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The endpoint options that say where Inngest is and how to reach it: keys, origins, the Dev Server switch, HTTP
 * timeouts, retries, connection pool, proxy and TLS. What the HTTP client of an endpoint is built from; the same for
 * producers and consumers.
 * <p>
 * The first link of the chain that makes {@link InngestConfiguration}, the one option bean of the component: Camel's
 * generated metadata and configurers read the {@code @UriParam} fields of a configuration class and of its superclasses
 * (as camel-netty's NettyConfiguration extends NettyServerBootstrapConfiguration), so each concern has its own class
 * and a user still sees one flat set of options.
 */
@UriParams
public abstract class InngestConnectionConfiguration implements Cloneable {

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
}
