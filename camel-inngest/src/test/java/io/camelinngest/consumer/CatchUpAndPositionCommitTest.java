package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelinngest.testing.FakeInngest.StoredEvent;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A backlog drains at once with the default scheduler options (the consumer polls again while a poll came back full),
 * and {@code positionCommit=poll} writes the position once per batch while keeping at-least-once.
 */
class CatchUpAndPositionCommitTest extends ConsumerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpAndPositionCommitTest.class);

    private final RecordingStateRepository state = new RecordingStateRepository();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void startRoute(String uri, Processor processor) throws Exception {
        context.getRegistry().bind("state", state);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(processor);
            }
        });
        context.start();
    }

    private static List<String> backlog(Instant start, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(FAKE.addEvent("order", start.plusMillis(10L * i), Map.of()).internalId());
        }
        return ids;
    }

    private long polls() {
        return ((ScheduledPollConsumer) context.getRoute("events").getConsumer()).getCounter();
    }

    @Test
    void aBacklogDrainsWithoutWaitingForTheDelayAndTheHeadWaitsForIt() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<String> sent = backlog(start, 120);

        // a delay of a minute: without polling again while behind, 120 events at 20 per poll would take five minutes
        startRoute("inngest:newEvents?startFrom=" + start + "&maxMessagesPerPoll=20&delay=60000&initialDelay=0",
                exchange -> received.add(idOf(exchange)));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 120);
        assertThat(received).containsExactlyElementsOf(sent);
        // at the head (a poll that found nothing more), the next poll waits for the delay again
        await().until(() -> {
            long before = polls();
            Thread.sleep(300);
            return polls() == before;
        });
        long pollsAtHead = polls();
        StoredEvent fresh = FAKE.addEvent("order", Instant.now(), Map.of());
        Thread.sleep(1000);
        assertThat(polls()).as("no poll within the delay at the head").isEqualTo(pollsAtHead);
        assertThat(received).doesNotContain(fresh.internalId());
    }

    @Test
    void aFailedExchangeIsNotRetriedInATightLoop() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        backlog(start, 10);

        startRoute("inngest:newEvents?startFrom=" + start + "&maxMessagesPerPoll=5&delay=60000&initialDelay=0",
                exchange -> {
                    received.add(idOf(exchange));
                    throw new IllegalStateException("downstream system is down");
                });

        await().until(() -> received.size() >= 1);
        Thread.sleep(1000);
        assertThat(polls()).as("a full batch that failed waits for the delay").isEqualTo(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void positionCommitPollWritesOncePerBatch() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<String> sent = backlog(start, 100);

        startRoute("inngest:newEvents?stateRepository=#state&positionCommit=poll&startFrom=" + start
                   + "&maxMessagesPerPoll=25&delay=60000&initialDelay=0",
                exchange -> received.add(idOf(exchange)));

        await().until(() -> received.size() >= 100);
        context.getRouteController().stopRoute("events");
        assertThat(received).containsExactlyElementsOf(sent);
        LOG.info("positionCommit=poll: {} writes for 100 events in batches of 25", state.count.get());
        // one per batch of 25 (and none for the start, which writes nothing before the first delivery)
        assertThat(state.count.get()).isBetween(4L, 5L);
    }

    @Test
    void withPositionCommitPollTheBatchBeforeAFailedExchangeIsSavedAndTheFailedOneComesAgain() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<String> sent = backlog(start, 10);
        AtomicBoolean failed = new AtomicBoolean();
        String sixth = sent.get(5);

        startRoute("inngest:newEvents?stateRepository=#state&positionCommit=poll&startFrom=" + start
                   + "&delay=60000&initialDelay=0",
                exchange -> {
                    received.add(idOf(exchange));
                    if (idOf(exchange).equals(sixth) && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("downstream system is down");
                    }
                });
        await().until(() -> received.size() >= 6);
        context.getRouteController().stopRoute("events");
        received.clear();

        // a new start reads the position written when the batch stopped at the failed exchange
        context.getRouteController().startRoute("events");
        await().until(() -> received.size() >= 5);
        awaitPolls("events", 0);
        assertThat(received).containsExactlyElementsOf(sent.subList(5, 10));
    }

    @Test
    void whatWasDeliveredIsWrittenWhenTheRouteStopsMidBatch() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<String> sent = backlog(start, 10);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        AtomicBoolean stopping = new AtomicBoolean();

        startRoute("inngest:newEvents?stateRepository=#state&positionCommit=poll&startFrom=" + start
                   + "&delay=60000&initialDelay=0",
                exchange -> {
                    received.add(idOf(exchange));
                    if (received.size() == 4 && !stopped.isDone() && stopping.compareAndSet(false, true)) {
                        // the route stops while this poll's batch is under way (from another thread, as an
                        // operator or a cluster policy would): the batch ends after the exchange in flight
                        CompletableFuture.runAsync(() -> {
                            try {
                                context.getRouteController().stopRoute("events");
                                stopped.complete(null);
                            } catch (Exception e) {
                                stopped.completeExceptionally(e);
                            }
                        });
                    }
                    if (!stopped.isDone() && received.size() >= 4) {
                        Thread.sleep(50); // the rest of the batch is slow: the stop begins while it is under way
                    }
                });
        stopped.get(30, TimeUnit.SECONDS);
        List<String> first = List.copyOf(received);
        received.clear();
        context.getRouteController().startRoute("events");
        await().until(() -> first.size() + received.size() >= 10);
        awaitPolls("events", 0);

        List<String> all = new ArrayList<>(first);
        all.addAll(received);
        LOG.info("delivered before the stop: {} of 10", first.size());
        assertThat(first).as("the stop came mid-batch").hasSizeLessThan(10);
        assertThat(all).containsExactlyElementsOf(sent);
    }

    @Test
    void whileCatchingUpThePositionHoldsNoOverlapWindowOfIdsAndARestartThereRepeatsAndMissesNothing() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        // 6 s of events 10 ms apart with a 1 s overlap: the first 5 s are more than the overlap behind the newest event
        List<String> sent = backlog(start, 600);
        List<Integer> idsStoredWhileCatchingUp = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        AtomicBoolean restarted = new AtomicBoolean();

        startRoute("inngest:newEvents?stateRepository=#state&overlap=1000&startFrom=" + start
                   + "&maxMessagesPerPoll=50&delay=60000&initialDelay=0",
                exchange -> {
                    received.add(idOf(exchange));
                    if (!restarted.get() && received.size() % 50 == 0 && received.size() >= 100 && received.size() < 300) {
                        // the position as written after the delivery before this one (positionCommit=message)
                        idsStoredWhileCatchingUp.add(storedIds());
                    }
                    if (received.size() == 300 && !stopped.isDone()) {
                        CompletableFuture.runAsync(() -> {
                            try {
                                context.getRouteController().stopRoute("events");
                                stopped.complete(null);
                            } catch (Exception e) {
                                stopped.completeExceptionally(e);
                            }
                        });
                    }
                });
        stopped.get(30, TimeUnit.SECONDS);
        List<String> first = List.copyOf(received);
        received.clear();
        restarted.set(true);
        context.getRouteController().startRoute("events");
        await().until(() -> first.size() + received.size() >= 600);
        awaitPolls("events", 0);

        List<String> all = new ArrayList<>(first);
        all.addAll(received);
        LOG.info("IDs in the stored position every 50 deliveries while catching up: {}; at the head: {}",
                idsStoredWhileCatchingUp, storedIds());
        // the 1 s overlap holds 100 IDs at 10 ms; catching up, only those of the watermark's last millisecond
        assertThat(idsStoredWhileCatchingUp).hasSize(4).allSatisfy(n -> assertThat(n).isBetween(1, 2));
        // at the head the overlap window's IDs are kept again, for events the server shows late
        assertThat(storedIds()).isGreaterThan(50);
        assertThat(all).containsExactlyElementsOf(sent);
    }

    private int storedIds() {
        String key = ((InngestNewEventsConsumer) context.getRoute("events").getConsumer()).stateKey();
        return (int) new StateStore(state, key).load().keySet().stream().filter(k -> k.startsWith("events.id.")).count();
    }

    @Test
    void anUnknownPositionCommitFailsAtRouteStartNamingTheOption() {
        assertThatThrownBy(() -> startRoute("inngest:newEvents?positionCommit=batch", exchange -> {
        }))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positionCommit")
                .hasMessageContaining("'batch'");
    }
}
