package io.camelinngest.gateway;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * The REST port's guard: the bearer token is checked by a Vert.x handler the platform-http server installs in front of
 * every path (the OpenAPI document and unknown paths included), so a request without it reaches no route and nothing is
 * sent to Inngest. Refusals and unknown paths are answered in the adapter's JSON error shape.
 */
final class RestSecurity {

    private RestSecurity() {
    }

    /** Before the server starts: the token check on every path. */
    static void requireToken(CamelContext context, BearerToken token) {
        MainHttpServer server = mainHttpServer(context);
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return ctx -> {
                    if (token.matches(ctx.request().getHeader("Authorization"))) {
                        ctx.next();
                    } else {
                        // answered here: a failure handed to Vert.x would be rendered as plain text
                        respond(ctx, 401, "unauthorized",
                                "Send the gateway's token: Authorization: Bearer <INNGEST_GATEWAY_TOKEN>");
                    }
                };
            }
        });
        AuthenticationConfig config = server.getConfiguration().getAuthenticationConfig();
        config.getEntries().add(entry);
        config.setEnabled(true);
    }

    /** Before the routes start: only the headers {@link RestHeaderFilter} allows cross the port. */
    static void noEchoedHeaders(CamelContext context) {
        PlatformHttpComponent component = context.getComponent("platform-http", PlatformHttpComponent.class);
        component.setHeaderFilterStrategy(new RestHeaderFilter());
    }

    /**
     * After the routes started: a path no route serves is answered in JSON (last in the router's order), and so is a
     * request that fails before a route answers it (a body over the limit, a malformed escape), without a log line.
     */
    static void jsonNotFound(CamelContext context) {
        VertxPlatformHttpRouter router = mainHttpServer(context).getRouter();
        // the router the paths are mounted on refuses a path it cannot decode before any of them runs
        if (router.getServer().getServer().requestHandler() instanceof Router top) {
            top.errorHandler(400, ctx -> respond(ctx, 400, "malformed_request",
                    "The request cannot be read (a malformed path, query or header)"));
        }
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.response().headWritten()) {
                ctx.response().close();
                return;
            }
            int status = ctx.statusCode();
            if (status == 413) {
                respond(ctx, 413, "payload_too_large", "The request body is larger than " + McpRequestGuard.MAX_BODY_BYTES
                                                       + " bytes");
            } else if (status == 400 || ctx.failure() instanceof IllegalArgumentException) {
                respond(ctx, 400, "malformed_request", "The request cannot be read (a malformed path, query or header)");
            } else {
                respond(ctx, status >= 400 ? status : 500, "internal_error", "The request failed in the gateway");
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            String allowed = allowedMethod(ctx.normalizedPath());
            String what = ctx.request().method() + " " + ctx.request().path();
            if (allowed != null && allowed.equals(ctx.request().method().name())) {
                // the path and method are served: the route's consumes (application/json) did not match
                respond(ctx, 415, "unsupported_media_type", "The body must be JSON in UTF-8: send Content-Type:"
                                                            + " application/json, was "
                                                            + ctx.request().getHeader("Content-Type"));
            } else if (allowed != null) {
                ctx.response().putHeader("Allow", allowed);
                respond(ctx, 405, "method_not_allowed", "No such method: " + what + "; this path takes " + allowed);
            } else {
                respond(ctx, 404, "unknown_path", "No such path: " + what + " (answers are application/json only); the"
                                                  + " paths are listed at " + RestRoutes.OPENAPI_PATH);
            }
        });
    }

    /** The method a served path takes, or {@code null} when no operation serves the path. */
    static String allowedMethod(String path) {
        if (RestRoutes.OPENAPI_PATH.equals(path)) {
            return "GET";
        }
        for (GatewayOperation operation : GatewayOperation.values()) {
            if (path != null && path.matches(operation.path().replaceAll("\\{[^}]+}", "[^/]+"))) {
                return operation.method();
            }
        }
        return null;
    }

    private static void respond(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"camel-inngest-gateway\"");
        }
        ctx.response().end(RestRoutes.errorJson(status, code, message));
    }

    private static MainHttpServer mainHttpServer(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException(
                    "The REST adapter needs the platform-http server of Camel Main"
                                            + " (camel.server.enabled=true)");
        }
        return server;
    }
}
