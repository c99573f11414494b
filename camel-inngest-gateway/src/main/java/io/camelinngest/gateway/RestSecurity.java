package io.camelinngest.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * The REST port's guard: the bearer token is checked by a Vert.x handler the platform-http server installs in front
 * of every path (the OpenAPI document and unknown paths included), so a request without it reaches no route and
 * nothing is sent to Inngest. Refusals and unknown paths are answered in the adapter's JSON error shape.
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
                return SimpleAuthenticationHandler.create()
                        .authenticate(ctx -> token.matches(ctx.request().getHeader("Authorization"))
                                ? Future.succeededFuture(User.fromName("gateway-client"))
                                : Future.failedFuture(new HttpException(401)));
            }
        });
        AuthenticationConfig config = server.getConfiguration().getAuthenticationConfig();
        config.getEntries().add(entry);
        config.setEnabled(true);
    }

    /** After the server started: JSON for the answers no route gives. */
    static void jsonErrors(CamelContext context) {
        VertxPlatformHttpRouter router = mainHttpServer(context).getRouter();
        router.errorHandler(401, error(401, "unauthorized",
                "Send the gateway's token: Authorization: Bearer <INNGEST_GATEWAY_TOKEN>", true));
        router.errorHandler(404, error(404, "unknown_path", "No such path; the paths are listed at "
                                                          + RestRoutes.OPENAPI_PATH, false));
        router.errorHandler(405, error(405, "method_not_allowed", "This path does not take this method; see "
                                                                  + RestRoutes.OPENAPI_PATH, false));
    }

    private static Handler<RoutingContext> error(int status, String code, String message, boolean challenge) {
        return ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
            if (challenge) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"camel-inngest-gateway\"");
            }
            ctx.response().end(RestRoutes.errorJson(status, code, message));
        };
    }

    private static MainHttpServer mainHttpServer(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("The REST adapter needs the platform-http server of Camel Main"
                                            + " (camel.server.enabled=true)");
        }
        return server;
    }
}
