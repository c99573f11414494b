package io.camelinngest.gateway;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import io.camelinngest.InngestComponent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.CamelContext;

/**
 * The Vert.x instance the REST port's server is created by, so the gateway sets what Camel's platform-http server
 * leaves unset: it creates its {@code HttpServerOptions} with no idle timeout and listens at once, leaving no hook in
 * between. It looks up a {@link Vertx} in the registry first, so the gateway binds this one, which hands every call to
 * a real Vert.x except {@code createHttpServer(options)}: there the options get an idle timeout (an idle or half-sent
 * connection is closed, see {@link #IDLE_BEYOND_CALL_TIMEOUT_MS}), the server a limit on the time to receive a new
 * connection's first request headers ({@link RequestHeaderTimeout}) and an invalid-request handler (what Netty's
 * decoder refuses, headers or a request line too large, is answered in the adapter's JSON error shape instead of an
 * empty or text answer).
 */
final class RestServerVertx implements InvocationHandler {

    /**
     * Beyond the component's callTimeout, how long a REST connection may stay idle or half-sent. Vert.x counts a
     * connection whose request waits for Inngest as idle too, so the timeout must outlast the longest call: its answer
     * (a 504 at worst) is written within this margin.
     */
    static final long IDLE_BEYOND_CALL_TIMEOUT_MS = 5_000;
    /**
     * How long a new connection may take to deliver its first request's line and headers
     * ({@link RequestHeaderTimeout}).
     */
    static final long HEADER_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final long idleTimeoutMs;
    private final long headerTimeoutMs;

    private RestServerVertx(Vertx vertx, long idleTimeoutMs, long headerTimeoutMs) {
        this.vertx = vertx;
        this.idleTimeoutMs = idleTimeoutMs;
        this.headerTimeoutMs = headerTimeoutMs;
    }

    /**
     * Before the server starts: binds the Vert.x the platform-http server will use (and close when it stops).
     *
     * @param headerTimeoutMs how long a new connection may take to deliver its first request's headers
     */
    static void bind(CamelContext context, long headerTimeoutMs) {
        long idleTimeoutMs = context.getComponent("inngest", InngestComponent.class).getConfiguration().getCallTimeout()
                             + IDLE_BEYOND_CALL_TIMEOUT_MS;
        Vertx real = Vertx.vertx();
        // every interface of the real instance (VertxInternal too), so code that casts it still works
        Vertx vertx = (Vertx) Proxy.newProxyInstance(RestServerVertx.class.getClassLoader(),
                real.getClass().getInterfaces(), new RestServerVertx(real, idleTimeoutMs, headerTimeoutMs));
        context.getRegistry().bind("camel-inngest-gateway-vertx", Vertx.class, vertx);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if ("createHttpServer".equals(method.getName()) && args != null && args.length == 1
                && args[0] instanceof HttpServerOptions options) {
            options.setIdleTimeout(Math.toIntExact(idleTimeoutMs)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                    // HTTP/1.1 only: with h2c on, Vert.x holds back a connection's set-up (and its connection handler,
                    // the header limit) until the first request is whole, to see whether it asks for an upgrade
                    .setHttp2ClearTextEnabled(false);
            return vertx.createHttpServer(options).invalidRequestHandler(JSON_INVALID_REQUEST)
                    .connectionHandler(RequestHeaderTimeout.installer(headerTimeoutMs));
        }
        try {
            return method.invoke(vertx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Vert.x's default answers these with an empty body or closes the connection without a word. */
    private static final Handler<HttpServerRequest> JSON_INVALID_REQUEST = request -> {
        Throwable cause = request.decoderResult().cause();
        int status;
        String code;
        String message;
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            code = "headers_too_large";
            message = "The request headers are larger than " + new HttpServerOptions().getMaxHeaderSize() + " bytes";
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            code = "uri_too_long";
            message = "The request line is longer than " + new HttpServerOptions().getMaxInitialLineLength() + " bytes";
        } else {
            status = 400;
            code = "malformed_request";
            message = "The request cannot be read (a malformed request line or header)";
        }
        // the server closes the connection once this answer ends: what follows on it cannot be trusted
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(RestRoutes.errorJson(status, code, message));
    };
}
