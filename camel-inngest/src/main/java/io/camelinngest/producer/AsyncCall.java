package io.camelinngest.producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.camelinngest.client.InngestClient;
import io.camelinngest.client.RetryLater;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * One exchange's call on the default (asynchronous) producer. The first attempt runs on the route's thread and
 * completes the exchange there when nothing is left to wait for. A retry that must wait first ({@link RetryLater}) is a
 * timer on {@code timer}; when it fires the call resumes on {@code io}. An await is handed to timers the same way
 * ({@link Waiting#schedule}). The timer's threads only fire timers: they never make a call or sleep.
 */
final class AsyncCall implements Runnable {

    private final OperationDispatch dispatch;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final InngestClient client;
    private final ScheduledExecutorService timer;
    private final ExecutorService io;
    private final OperationDispatch.CallState send = new OperationDispatch.CallState();

    AsyncCall(OperationDispatch dispatch, Exchange exchange, AsyncCallback callback, InngestClient client,
              ScheduledExecutorService timer, ExecutorService io) {
        this.dispatch = dispatch;
        this.exchange = exchange;
        this.callback = callback;
        this.client = client;
        this.timer = timer;
        this.io = io;
    }

    /** The first attempt, on the route's thread; {@code true} when the exchange completed on it. */
    boolean start() {
        return attempt(true);
    }

    /** A resumed attempt, on the call pool. */
    @Override
    public void run() {
        attempt(false);
    }

    private boolean attempt(boolean first) {
        Waiting<?> waiting;
        try {
            waiting = dispatch.call(exchange, client, send);
        } catch (RetryLater later) {
            return resumeAfter(later.delay(), first);
        } catch (Throwable e) {
            exchange.setException(e);
            return done(first);
        }
        if (waiting == null) {
            return done(first);
        }
        CompletableFuture<Void> awaited = waiting.schedule(timer, io);
        if (awaited.isDone()) {
            // the runs had ended already: the exchange completes on this thread
            fail(awaited);
            return done(first);
        }
        awaited.whenComplete((ignored, e) -> {
            if (e != null) {
                exchange.setException(cause(e));
            }
            callback.done(false);
        });
        return false;
    }

    private boolean resumeAfter(Duration delay, boolean first) {
        try {
            timer.schedule(() -> {
                try {
                    io.execute(this);
                } catch (RejectedExecutionException e) {
                    stopping(e);
                    callback.done(false);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopping(e);
            return done(first);
        }
        return false;
    }

    private void stopping(RejectedExecutionException e) {
        exchange.setException(new IllegalStateException("inngest:" + dispatch.operation() + ": the component is stopping", e));
    }

    private boolean done(boolean first) {
        callback.done(first);
        return first;
    }

    private void fail(CompletableFuture<Void> awaited) {
        try {
            awaited.get();
        } catch (ExecutionException e) {
            exchange.setException(cause(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        }
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
