package io.camelinngest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Runs one operation on a number of threads for a while and answers how many completed per second. */
final class Throughput {

    /** One call of the thing measured; any exception stops the measurement. */
    interface Op {
        void call() throws Exception;
    }

    private Throughput() {
    }

    static double perSecond(int threads, long millis, Op op) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        op.call();
                        done.increment();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }, "bench-worker-" + t);
            workers.add(worker);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        long count = done.sum();
        long elapsed = System.nanoTime() - start;
        finished.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return count * 1e9 / elapsed;
    }
}
