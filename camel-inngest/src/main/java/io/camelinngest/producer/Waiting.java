package io.camelinngest.producer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.camelinngest.tracking.RunAwaiter;

/**
 * What a call leaves to wait for (an await of runs), and what its end does to the exchange: the result becomes the
 * body, a failure may keep a send's seed. Run on the route's thread ({@link #block}) or on timers ({@link #schedule}).
 */
final class Waiting<T> {

    private final RunAwaiter.Await<T> await;
    private final String operation;
    private final Consumer<T> onResult;
    private final Runnable onFailure;

    Waiting(RunAwaiter.Await<T> await, String operation, Consumer<T> onResult, Runnable onFailure) {
        this.await = await;
        this.operation = operation;
        this.onResult = onResult;
        this.onFailure = onFailure;
    }

    /** Waits on the calling thread (option synchronous). */
    void block() {
        T result;
        try {
            result = RunAwaiter.block(await, operation);
        } catch (RuntimeException e) {
            onFailure.run();
            throw e;
        }
        onResult.accept(result);
    }

    /** Waits on timers; the future completes once the result (or the failure) has been applied. */
    CompletableFuture<Void> schedule(ScheduledExecutorService timer, Executor io) {
        return RunAwaiter.schedule(await, timer, io).handle((result, e) -> {
            if (e != null) {
                onFailure.run();
                throw e instanceof CompletionException c ? c : new CompletionException(e);
            }
            onResult.accept(result);
            return null;
        });
    }
}
