package io.camelinngest.function;

import java.net.ServerSocket;

import io.camelinngest.InngestComponent;
import io.camelinngest.InngestFunctionComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Serves a test's function routes: a Vert.x platform-http server on a free loopback port and an
 * {@code inngest-function} component that tells the server to call it there.
 */
public final class ServedApp {

    private ServedApp() {
    }

    /** Adds the HTTP server and the component to a context; returns the serve origin. */
    public static String serve(CamelContext context, String appId) throws Exception {
        return serve(context, appId, true);
    }

    /**
     * Like {@link #serve(CamelContext, String)}, with the {@code inngest} component added in dev mode against
     * {@code devUrl} (the fake's URL): the server the app syncs with and that calls its functions.
     */
    public static String serveWithDevServer(CamelContext context, String devUrl, String appId) throws Exception {
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(devUrl);
        context.addComponent("inngest", inngest);
        return serve(context, appId);
    }

    /** Like {@link #serve(CamelContext, String)}; with {@code sync} false the app does not sync at start. */
    public static String serve(CamelContext context, String appId, boolean sync) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        String origin = "http://127.0.0.1:" + port;
        InngestFunctionComponent functions = new InngestFunctionComponent();
        functions.setAppId(appId);
        functions.setServeOrigin(origin);
        functions.setSyncOnStart(sync);
        context.addComponent("inngest-function", functions);
        return origin;
    }
}
