package io.camelinngest.gateway;

import java.util.EnumSet;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The MCP server: the official MCP Java SDK's streamable HTTP transport at {@link #PATH}, on an embedded Jetty of its
 * own port. The bearer token is checked first ({@link BearerTokenFilter}); then the SDK refuses a foreign
 * {@code Origin} (403) or {@code Host} (421), which keeps web pages and DNS rebinding away from a local gateway.
 */
final class McpHttpServer {

    /** The MCP endpoint. */
    static final String PATH = "/mcp";
    /**
     * How long a connection may stay idle or half-sent. Unlike Vert.x on the REST port, Jetty does not count a request
     * that is being handled (a tool call waiting for Inngest) as idle, so this need not outlast the call timeout
     * ({@code McpConnectionTest} holds it to that).
     */
    static final long IDLE_TIMEOUT_MS = 30_000;

    private final GatewaySettings settings;
    private final OperationInvoker invoker;
    private final String version;
    private final long idleTimeoutMs;
    private Server jetty;
    private ServerConnector connector;
    private McpSyncServer mcp;

    McpHttpServer(GatewaySettings settings, OperationInvoker invoker, String version, long idleTimeoutMs) {
        this.settings = settings;
        this.invoker = invoker;
        this.version = version;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    void start() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new McpWireMapper(McpJsonDefaults.getMapper()))
                .maxRequestSize(McpRequestGuard.MAX_BODY_BYTES)
                .mcpEndpoint(PATH)
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedOrigins(settings.allowedOrigins())
                        .allowedHosts(settings.allowedHosts())
                        .build())
                .build();
        mcp = McpServer.sync(transport)
                .serverInfo("camel-inngest-gateway", version)
                .instructions("Inngest through the camel-inngest component: send events, read events, runs, jobs and"
                              + " functions, cancel and rerun runs, invoke functions, send signals.")
                // the tool list never changes while the gateway runs
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // the invoker checks the arguments itself and names the parameter to fix
                .validateToolInputs(false)
                .tools(McpTools.specifications(invoker))
                .build();

        jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // no "Server: Jetty(...)" on every answer
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Jetty's parser keeps a cache of the header fields of each connection, an ArrayTrie of 1024 rows (a 96 KB
        // char[]) from its second request on, for as long as the connection stays open: an MCP client keeps its
        // connections, so the heap grew with every open session. The gateway's requests are few and each one waits
        // for Inngest, so parsing their headers anew costs nothing that shows.
        http.setHeaderCacheSize(0);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        // idle or half-sent connections are closed (the SSE stream of a session is kept alive by the SDK's pings)
        connector.setIdleTimeout(idleTimeoutMs);
        connector.setHost(settings.host());
        connector.setPort(settings.mcpPort());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        // the transport answers with server-sent events: the servlet must be async
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        context.addServlet(new ServletHolder("unknown-path", new NotFoundServlet()), "/");
        context.addFilter(new FilterHolder(new BearerTokenFilter(settings.token())), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new McpRequestGuard(transport.protocolVersions())), PATH,
                EnumSet.of(DispatcherType.REQUEST));
        JsonErrorHandler errors = new JsonErrorHandler();
        context.setErrorHandler(errors);
        jetty.setErrorHandler(errors);
        jetty.setHandler(context);
        jetty.start();
    }

    /** The port it listens on (the real one when 0 was asked). */
    int port() {
        return connector.getLocalPort();
    }

    /** How many connections the port holds open now. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    void stop() throws Exception {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** Every path but the MCP endpoint: a JSON 404. */
    private static final class NotFoundServlet extends jakarta.servlet.http.HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void service(
                jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws java.io.IOException {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getOutputStream().write(JsonErrorHandler.json(404).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
