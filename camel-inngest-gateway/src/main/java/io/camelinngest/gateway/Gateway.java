package io.camelinngest.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The gateway as one Camel Main application: the operation routes to the {@code inngest:} component, the REST adapter
 * on the platform-http server, and the MCP server started once the routes run (and stopped before they stop).
 * {@link GatewayApp} runs it from the command line; tests start and close it in-process.
 */
public final class Gateway implements AutoCloseable {

    private final GatewaySettings settings;
    private final Main main = new Main();
    private final String version = version();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile McpHttpServer mcp;
    private volatile int restPort;
    private long mcpIdleTimeoutMs = McpHttpServer.IDLE_TIMEOUT_MS;
    private long restHeaderTimeoutMs = RestServerVertx.HEADER_TIMEOUT_MS;
    private Thread runner;

    /**
     * @param settings        ports, bind address, token, allowed origins
     * @param camelProperties Camel properties on top of the defaults, e.g. {@code camel.component.inngest.dev}
     * @param onReady         called once both ports listen
     */
    public Gateway(GatewaySettings settings, Map<String, String> camelProperties, Consumer<Gateway> onReady) {
        this(settings, camelProperties, Map.of(), onReady);
    }

    /**
     * @param unavailable the operations the gateway cannot serve (a key missing), and why: they answer 503 saying so
     */
    public Gateway(GatewaySettings settings, Map<String, String> camelProperties,
                   Map<GatewayOperation, String> unavailable, Consumer<Gateway> onReady) {
        this.settings = settings;
        main.configure().addRoutesBuilder(new OperationRoutes(unavailable));
        main.configure().addRoutesBuilder(new RestRoutes(version, settings));
        main.addInitialProperty("camel.main.name", "camel-inngest-gateway");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", settings.host());
        main.addInitialProperty("camel.server.port", Integer.toString(settings.restPort()));
        // larger bodies are answered 413 before any route runs
        main.addInitialProperty("camel.server.maxBodySize", Integer.toString(McpRequestGuard.MAX_BODY_BYTES));
        camelProperties.forEach(main::addInitialProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                RestSecurity.requireToken(support.getCamelContext(), settings.token());
                RestServerVertx.bind(support.getCamelContext(), restHeaderTimeoutMs);
                RestSecurity.noEchoedHeaders(support.getCamelContext());
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                try {
                    RestSecurity.jsonNotFound(context);
                    restPort = listeningRestPort(context);
                    McpHttpServer server = new McpHttpServer(
                            settings, new OperationInvoker(context.createProducerTemplate()),
                            version, mcpIdleTimeoutMs);
                    server.start();
                    mcp = server;
                } catch (Exception e) {
                    failure.set(e);
                    main.completed();
                    return;
                } finally {
                    ready.countDown();
                }
                onReady.accept(Gateway.this);
            }

            @Override
            public void beforeStop(BaseMainSupport support) {
                stopMcp();
            }
        });
    }

    /**
     * Runs until the JVM is told to stop (Ctrl-C, SIGTERM).
     *
     * @throws IllegalStateException when it could not start (a port taken, a bad key), saying why
     */
    public void run() throws Exception {
        requireFree(settings.host(), settings.restPort(), "INNGEST_GATEWAY_REST_PORT");
        requireFree(settings.host(), settings.mcpPort(), "INNGEST_GATEWAY_MCP_PORT");
        main.run();
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("The gateway did not start: " + failed.getMessage(), failed);
        }
    }

    /**
     * A port another process holds is refused before anything starts: the platform-http server would only warn and the
     * banner would then send users, with the token, to whatever holds it.
     */
    static void requireFree(String host, int port, String variable) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    variable + ": port " + port + " on " + host + " cannot be used ("
                                            + e.getMessage() + "); free it or choose another port");
        }
    }

    /** The port the REST server really listens on; fails when it does not listen (the server only warns). */
    private static int listeningRestPort(CamelContext context) {
        var server = context.hasService(MainHttpServer.class).getRouter().getServer();
        var http = server.getServer();
        if (http == null || http.actualPort() <= 0) {
            throw new IllegalStateException(
                    "INNGEST_GATEWAY_REST_PORT: the REST server does not listen on port "
                                            + server.getConfigurationPort() + " of " + server.getHost());
        }
        return http.actualPort();
    }

    /** For tests: an idle timeout of the MCP port other than {@link McpHttpServer#IDLE_TIMEOUT_MS}; before start. */
    Gateway mcpIdleTimeout(long millis) {
        this.mcpIdleTimeoutMs = millis;
        return this;
    }

    /** For tests: a REST header timeout other than {@link RestServerVertx#HEADER_TIMEOUT_MS}; before start. */
    Gateway restHeaderTimeout(long millis) {
        this.restHeaderTimeoutMs = millis;
        return this;
    }

    /** How many connections the MCP port holds open now (0 when it does not run). */
    int mcpConnections() {
        McpHttpServer server = mcp;
        return server == null ? 0 : server.openConnections();
    }

    /** Starts in the background and returns once both ports listen. */
    public Gateway start() throws Exception {
        runner = new Thread(() -> {
            try {
                requireFree(settings.host(), settings.restPort(), "INNGEST_GATEWAY_REST_PORT");
                requireFree(settings.host(), settings.mcpPort(), "INNGEST_GATEWAY_MCP_PORT");
                main.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                ready.countDown();
            }
        }, "camel-inngest-gateway");
        runner.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The gateway did not start within 60 s");
        }
        if (failure.get() != null || mcp == null) {
            close();
            throw new IllegalStateException("The gateway did not start: " + failure.get(), failure.get());
        }
        return this;
    }

    @Override
    public void close() throws Exception {
        main.completed();
        if (runner != null) {
            runner.join(30_000);
        }
        stopMcp();
    }

    private void stopMcp() {
        McpHttpServer server = mcp;
        mcp = null;
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The REST adapter's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String restUrl() {
        return "http://" + settings.urlHost() + ":" + restPort;
    }

    /** The MCP endpoint, e.g. {@code http://127.0.0.1:9090/mcp}. */
    public String mcpUrl() {
        McpHttpServer server = mcp;
        return "http://" + settings.urlHost() + ":" + (server == null ? settings.mcpPort() : server.port())
               + McpHttpServer.PATH;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    static String version() {
        String version = Gateway.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
