package io.camelinngest.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.camelinngest.model.NewEvent;

/**
 * A burst against the Dev Server, as the burst tests send it: {@code threads} threads each sending {@code batches}
 * batches of {@code batchSize} events as fast as the server takes them. Starts sending at once; {@link #ids()} grows as
 * batches are accepted, {@link #await()} waits for all of them.
 */
final class Burst {

    /** Makes the {@code index}-th event of batch {@code batch} of thread {@code thread}. */
    interface Events {
        NewEvent event(int thread, int batch, int index);
    }

    private final int total;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final List<Future<?>> sending = new ArrayList<>();

    private Burst(int threads, int batches, int batchSize, Events events, Function<List<NewEvent>, List<?>> send) {
        this.total = threads * batches * batchSize;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            sending.add(senders.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<NewEvent> batch = new ArrayList<>(batchSize);
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(events.event(thread, b, i));
                    }
                    for (Object id : send.apply(batch)) {
                        ids.add((String) id);
                    }
                }
            }));
        }
        senders.shutdown();
    }

    /** Starts the burst; {@code send} sends one batch and returns the internal IDs the server gave its events. */
    static Burst start(int threads, int batches, int batchSize, Events events, Function<List<NewEvent>, List<?>> send) {
        return new Burst(threads, batches, batchSize, events, send);
    }

    /** How many events the burst sends. */
    int total() {
        return total;
    }

    /** The internal IDs of the events accepted so far (in no order). */
    Set<String> ids() {
        return ids;
    }

    /** Whether every batch was sent (or failed). */
    boolean isDone() {
        return sending.stream().allMatch(Future::isDone);
    }

    /** Waits for every batch; a send that failed fails this. The internal IDs of the burst's events. */
    Set<String> await() throws Exception {
        for (Future<?> future : sending) {
            future.get();
        }
        return ids;
    }

    /** The machine's load average (1, 5 and 15 minutes), for the measurement files. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
