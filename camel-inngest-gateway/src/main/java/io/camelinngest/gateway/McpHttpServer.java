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

    private final GatewaySettings settings;
    private final OperationInvoker invoker;
    private final String version;
    private Server jetty;
    private ServerConnector connector;
    private McpSyncServer mcp;

    McpHttpServer(GatewaySettings settings, OperationInvoker invoker, String version) {
        this.settings = settings;
        this.invoker = invoker;
        this.version = version;
    }

    void start() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
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
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(McpTools.specifications(invoker))
                .build();

        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost(settings.host());
        connector.setPort(settings.mcpPort());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        // the transport answers with server-sent events: the servlet must be async
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        context.addFilter(new FilterHolder(new BearerTokenFilter(settings.token())), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    /** The port it listens on (the real one when 0 was asked). */
    int port() {
        return connector.getLocalPort();
    }

    void stop() throws Exception {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (jetty != null) {
            jetty.stop();
        }
    }
}
