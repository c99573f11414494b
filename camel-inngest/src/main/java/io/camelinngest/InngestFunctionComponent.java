package io.camelinngest;

import java.time.Duration;
import java.util.Map;

import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.function.FunctionServer;
import io.camelinngest.function.ServeSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Serves Camel routes as Inngest functions. The app's connection (keys, dev mode, base URLs, environment) is the
 * {@code inngest} component's configuration, so one configuration serves both sending and serving.
 */
@Component("inngest-function")
public class InngestFunctionComponent extends HealthCheckComponent {

    /** The serve path Inngest's SDKs use by default. */
    public static final String DEFAULT_SERVE_PATH = "/api/inngest";

    @Metadata(label = "consumer", defaultValue = "camel-inngest",
              description = "The app's ID: the server groups the functions under it and calls them appId-functionId (e.g. shop-ship-order).")
    private String appId = "camel-inngest";
    @Metadata(label = "consumer", defaultValue = DEFAULT_SERVE_PATH,
              description = "The HTTP path, served through Camel's platform HTTP, on which Inngest calls the functions.")
    private String servePath = DEFAULT_SERVE_PATH;
    @Metadata(label = "consumer",
              description = "The origin at which Inngest reaches this app, e.g. http://my-host:8080 (default: the "
                            + "INNGEST_SERVE_ORIGIN variable). The serve URL is this origin followed by servePath. "
                            + "Required to sync.")
    private String serveOrigin;
    @Metadata(label = "consumer", defaultValue = "true",
              description = "Sync the app with the Inngest server once the CamelContext has started (and again when a "
                            + "function route starts later). A PUT on the serve path syncs too.")
    private boolean syncOnStart = true;

    private volatile FunctionServer server;
    private volatile boolean contextStarted;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        InngestFunctionEndpoint endpoint = new InngestFunctionEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getCamelContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // routes are not all started yet: sync once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                contextStarted = true;
                if (syncOnStart && server != null && !server.functions().isEmpty()) {
                    server.syncNow(null, null);
                }
            }
        });
    }

    /** Called as each function route starts: one started after the context syncs again, off the caller's thread. */
    public void functionStarted() {
        if (contextStarted && syncOnStart) {
            Thread sync = new Thread(() -> server().syncNow(null, null), "inngest-function-sync");
            sync.setDaemon(true);
            sync.start();
        }
    }

    /** The app's serve path, created with the first function route. */
    public synchronized FunctionServer server() {
        if (server == null) {
            server = new FunctionServer(getCamelContext(), settings(), servePath);
        }
        return server;
    }

    /** The serve path's state, for the health check and the dev console; null before a function route started. */
    public FunctionServer serverIfStarted() {
        return server;
    }

    private ServeSettings settings() {
        InngestConfiguration c = getCamelContext().getComponent("inngest", InngestComponent.class).getConfiguration();
        InngestClientConfig client = InngestClientConfig.builder()
                .baseUrl(c.getBaseUrl()).eventBaseUrl(c.getEventBaseUrl()).signingKey(c.getSigningKey())
                .signingKeyFallback(c.getSigningKeyFallback()).eventKey(c.getEventKey()).env(c.getEnv()).dev(c.getDev())
                .callTimeout(Duration.ofMillis(c.getCallTimeout()))
                .build(System::getenv);
        String origin = firstSet(serveOrigin, System.getenv("INNGEST_SERVE_ORIGIN"));
        String serveUrl = origin == null ? null : origin.replaceAll("/+$", "") + servePath;
        return new ServeSettings(
                appId, serveUrl, client.apiBaseUrl().toString(), client.isDev(),
                firstSet(c.getSigningKey(), System.getenv("INNGEST_SIGNING_KEY")),
                firstSet(c.getSigningKeyFallback(), System.getenv("INNGEST_SIGNING_KEY_FALLBACK")), client.env());
    }

    private static String firstSet(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    @Override
    protected void doStop() throws Exception {
        server = null;
        contextStarted = false;
        super.doStop();
    }

    public String appId() {
        return appId;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }

    public String getServePath() {
        return servePath;
    }

    public void setServePath(String servePath) {
        this.servePath = servePath;
    }

    public String getServeOrigin() {
        return serveOrigin;
    }

    public void setServeOrigin(String serveOrigin) {
        this.serveOrigin = serveOrigin;
    }

    public boolean isSyncOnStart() {
        return syncOnStart;
    }

    public void setSyncOnStart(boolean syncOnStart) {
        this.syncOnStart = syncOnStart;
    }
}
