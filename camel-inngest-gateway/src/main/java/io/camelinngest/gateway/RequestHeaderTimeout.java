package io.camelinngest.gateway;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A limit on the time a new REST connection may take to deliver its first request's line and headers: a client that
 * trickles them (a byte now and then resets the idle timeout) is closed once the limit passes. Vert.x 4.5 has idle
 * timeouts only, so this is a Netty handler put right behind Vert.x's HTTP decoder when a connection opens: it sees the
 * request once its headers are decoded, and then takes itself out (before an h2c upgrade could change the pipeline).
 * Later requests on a kept-alive connection have the idle timeout only.
 */
final class RequestHeaderTimeout extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeaderTimeout.class);
    private static final String NAME = "camel-inngest-gateway-header-timeout";
    /** Vert.x's name of the HTTP/1.x decoder in a connection's pipeline. */
    private static final String DECODER = "httpDecoder";

    private final long timeoutMs;
    private ScheduledFuture<?> timer;

    private RequestHeaderTimeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The server's connection handler: installs the limit on each new HTTP/1.x connection. */
    static Handler<HttpConnection> installer(long timeoutMs) {
        return connection -> {
            // an HTTP/2 connection (after an upgrade, or with prior knowledge) has no HTTP/1.x decoder: nothing to do
            if (connection instanceof ConnectionBase base) {
                ChannelPipeline pipeline = base.channel().pipeline();
                if (pipeline.get(DECODER) != null && pipeline.get(NAME) == null) {
                    pipeline.addAfter(DECODER, NAME, new RequestHeaderTimeout(timeoutMs));
                }
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            LOG.debug("Closing a REST connection whose first request's headers did not arrive within {} ms", timeoutMs);
            ctx.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
