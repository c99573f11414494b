package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.camelinngest.model.InngestEvent;
import io.camelinngest.testing.Ulids;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events of a read the settle window lets through, and which it holds back. */
class SettleWindowTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
    private final AtomicLong nanos = new AtomicLong();
    private final SettleWindow window = new SettleWindow(Duration.ofSeconds(1), nanos::get);

    /** An event sent at {@code T + sentMs} (its internal ID) and stored at {@code T + storedMs}. */
    private static InngestEvent event(long sentMs, long storedMs) {
        return new InngestEvent(
                Ulids.at(T.plusMillis(sentMs)), null, null, null, null,
                T.plusMillis(storedMs).atOffset(ZoneOffset.UTC), null, "order", Map.of(), null, null, null);
    }

    @Test
    void eventsASettleWindowBehindTheNewestGoAndTheRestWaitsFromTheFirstThatIsNot() {
        InngestEvent a = event(0, 100);
        InngestEvent b = event(10, 1_500); // stored late
        InngestEvent c = event(20, 120);
        // the newest seen is 1.3 s after T: a and c are settled, b is not, and c waits behind b (send order)
        List<InngestEvent> settled = window.settled(List.of(a, b, c), null, null, T.plusMillis(1_300), T);
        assertThat(settled).containsExactly(a);
        assertThat(window.heldFrom()).isEqualTo(T.plusMillis(120));
    }

    @Test
    void eventsSeenASettleWindowAgoGoWhenNothingNewerComes() {
        InngestEvent a = event(0, 100);
        InngestEvent b = event(10, 110);
        assertThat(window.settled(List.of(a, b), null, null, T.plusMillis(110), T)).isEmpty();
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(window.settled(List.of(a, b), null, null, T.plusMillis(110), T)).isEmpty();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(window.settled(List.of(a, b), null, null, T.plusMillis(110), T)).containsExactly(a, b);
        assertThat(window.heldFrom()).isNull();
    }

    @Test
    void eventsASettleWindowBehindThisHostsClockGoAtOnce() {
        InngestEvent a = event(0, 100);
        InngestEvent b = event(10, 110);
        assertThat(window.settled(List.of(a, b), null, null, T.plusMillis(110), T.plusSeconds(60))).containsExactly(a, b);
    }

    @Test
    void anEventFoundButNotKeptThatWasSentEarlierHoldsBackTheEventsSentAfterIt() {
        InngestEvent a = event(0, 100);
        InngestEvent c = event(20, 120);
        String droppedB = Ulids.at(T.plusMillis(10));
        List<InngestEvent> settled = window.settled(List.of(a, c), droppedB, null, T.plusSeconds(60), T);
        assertThat(settled).containsExactly(a);
    }

    @Test
    void anEventStoredBeyondTheBoundThatWasSentEarlierHoldsBackEvenTheFirst() {
        InngestEvent c = event(20, 120);
        String beyondB = Ulids.at(T.plusMillis(10));
        assertThat(window.settled(List.of(c), null, beyondB, T.plusSeconds(60), T)).isEmpty();
        assertThat(window.settled(List.of(c), beyondB, null, T.plusSeconds(60), T))
                .as("not kept by a read that found more than it may deliver: the first moves on").containsExactly(c);
    }

    @Test
    void aZeroWindowLetsEverythingThrough() {
        SettleWindow none = new SettleWindow(Duration.ZERO, nanos::get);
        InngestEvent a = event(0, 100);
        InngestEvent b = event(10, 1_500);
        assertThat(none.settled(List.of(a, b), null, null, T.plusMillis(1_500), T)).containsExactly(a, b);
    }
}
