package io.camelinngest.consumer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code runStatus?source=v2} when the listing by {@code queuedAt} shows a run after one queued after it (as the Dev
 * Server does under a burst of runs): with a settle window the earlier run still comes first; without one it comes
 * second, marked late and counted.
 */
class RunStatusV2SettleTest extends RunStatusTestSupport {

    private final List<String> late = new CopyOnWriteArrayList<>();

    private AbstractInngestConsumer<?> start(String options, Instant startFrom) throws Exception {
        startRoute("inngest:runStatus?source=v2&appId=my-app&delay=100&initialDelay=0&startFrom=" + startFrom + options,
                exchange -> {
                    record(exchange);
                    if (exchange.getMessage().getHeader(InngestConstants.LATE, false, Boolean.class)) {
                        late.add(change(exchange));
                    }
                });
        return (AbstractInngestConsumer<?>) context.getRoute("runs").getConsumer();
    }

    /** Lists run b, lets the consumer poll a few times, then lists run a, queued before b. */
    private List<StoredRun> listOutOfOrder(Instant t0) {
        StoredRun b = FAKE.putRun(new StoredRun(
                Ulids.at(t0.plusMillis(10)), null, "ship-order", "my-app", "Running",
                t0.plusMillis(10), null, null));
        awaitPolls("runs", 2);
        StoredRun a = FAKE.putRun(new StoredRun(Ulids.at(t0), null, "ship-order", "my-app", "Running", t0, null, null));
        return List.of(a, b);
    }

    @Test
    void withASettleWindowARunListedLateStillComesInQueuedOrder() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = start("&settleWindow=3000", t0.minusSeconds(1));
        List<StoredRun> runs = listOutOfOrder(t0);

        await().until(() -> received.size() >= 2);
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(c(runs.get(0), "", "Running"), c(runs.get(1), "", "Running"));
        assertThat(late).isEmpty();
        assertThat(consumer.lateDeliveries()).isZero();
    }

    @Test
    void withoutOneItComesAfterTheLaterRunMarkedLateAndCounted() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = start("&settleWindow=0", t0.minusSeconds(1));
        List<StoredRun> runs = listOutOfOrder(t0);

        await().until(() -> received.size() >= 2);
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(c(runs.get(1), "", "Running"), c(runs.get(0), "", "Running"));
        assertThat(late).containsExactly(c(runs.get(0), "", "Running"));
        assertThat(consumer.lateDeliveries()).isEqualTo(1);
        assertThat(consumer.position()).containsEntry("lateRuns", 1L);
    }

    @Test
    void withASettleWindowAnEndListedLateStillComesInEndedOrder() throws Exception {
        Instant t0 = Instant.now();
        AbstractInngestConsumer<?> consumer = start("&settleWindow=3000", t0.minusSeconds(1));
        StoredRun b = FAKE.putRun(new StoredRun(
                Ulids.at(t0), null, "ship-order", "my-app", "Completed", t0, t0.plusMillis(10), null));
        awaitPolls("runs", 2);
        // a ended before b but is listed after it (the listing by endedAt does that too under a burst, rarely)
        StoredRun a = FAKE.putRun(new StoredRun(
                Ulids.at(t0.plusMillis(1)), null, "ship-order", "my-app", "Completed", t0, t0, null));

        await().until(() -> received.size() >= 2);
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(c(a, "", "Completed"), c(b, "", "Completed"));
        assertThat(late).isEmpty();
        assertThat(consumer.lateDeliveries()).isZero();
    }
}
