package io.camelinngest.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngest.StoredEvent;

/**
 * Adds events to the fake the way a live server stores them: each with a {@code received_at} (millisecond precision)
 * later than the one before, so the order in which they must be delivered is the order in which they were added. A
 * backlog lies in the past; live events are stamped with the current time, optionally from a background thread.
 */
final class EventFeed implements AutoCloseable {

    private final FakeInngest fake;
    private final List<StoredEvent> added = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Instant last = Instant.EPOCH;

    EventFeed(FakeInngest fake) {
        this.fake = fake;
    }

    /** {@code count} events received {@code spacingMillis} apart from {@code from} on (all in the past). */
    synchronized void backlog(Instant from, int count, long spacingMillis) {
        if (!from.equals(from.truncatedTo(ChronoUnit.MILLIS))) {
            throw new IllegalArgumentException("received_at has millisecond precision; truncate " + from);
        }
        for (int i = 0; i < count; i++) {
            add(from.plusMillis(spacingMillis * i));
        }
    }

    /** One event received now. */
    synchronized StoredEvent live() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return add(now.isAfter(last) ? now : last.plusMillis(1));
    }

    /** Adds {@code count} live events, one every {@code everyMillis}, from a background thread. */
    Future<?> liveInBackground(int count, long everyMillis) {
        return executor.submit(() -> {
            for (int i = 0; i < count; i++) {
                live();
                Thread.sleep(everyMillis);
            }
            return null;
        });
    }

    private StoredEvent add(Instant receivedAt) {
        if (!receivedAt.isAfter(last)) {
            throw new IllegalArgumentException("events must be added in received_at order");
        }
        last = receivedAt;
        StoredEvent event = fake.addEvent("shop/order.created", receivedAt, Map.of("n", added.size()));
        added.add(event);
        return event;
    }

    /** The internal IDs of every event added, in the order they must be delivered. */
    List<String> ids() {
        return added.stream().map(StoredEvent::internalId).toList();
    }

    int size() {
        return added.size();
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
