package io.camelinngest.consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application restarted: the position saved in a {@code FileStateRepository} carries the stream over from the
 * stopped CamelContext to a new one (new repository instance, same file), so that together they deliver every event, in
 * order, none twice (at most the one in flight when the first was cut short).
 */
class ConsumerRestartTest extends ConsumerTestSupport {

    @TempDir
    Path dir;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private String uri(Instant startFrom) {
        return "inngest:newEvents?stateRepository=#state&startFrom=" + startFrom
               + "&maxMessagesPerPoll=3&delay=50&initialDelay=0";
    }

    private ConsumerNode node(String name, Path stateFile) {
        return new ConsumerNode(name, INNGEST.baseUrl(), stateFile.toFile());
    }

    private int eventRequests() {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
    }

    @Test
    void aNewContextWithANewRepositoryOnTheSameFileContinuesWhereTheStoppedOneLeftOff() throws Exception {
        Path stateFile = dir.resolve("inngest-state.dat");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 20, 100);
            ConsumerNode first = node("first", stateFile).route(uri(start), null, exchange -> Thread.sleep(5)).start();
            var live = feed.liveInBackground(20, 40);

            await().atMost(Duration.ofSeconds(30)).until(() -> first.received.size() >= 15);
            first.close();
            assertThat(first.routeStatus()).isEqualTo(ServiceStatus.Stopped);
            int requestsOfFirst = eventRequests();
            List<String> deliveredByFirst = List.copyOf(first.received);
            assertThat(deliveredByFirst).hasSizeLessThan(40);

            // same startFrom: only the saved position keeps the second context from starting over
            ConsumerNode second = node("second", stateFile).route(uri(start), null, ConsumerNode::noWork).start();
            live.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deliveredByFirst.size() + second.received.size() >= feed.size());
            awaitPolls(second.context, "events", 3); // nothing comes twice in three more polls
            second.close();

            DeliveryReport report = new DeliveryReport("restart", feed.ids())
                    .node("first", deliveredByFirst).node("second", second.received)
                    .with("requestsFirst", requestsOfFirst).with("requestsSecond", eventRequests() - requestsOfFirst);
            report.print();
            assertThat(feed.size()).isEqualTo(40);
            assertThat(report.all()).containsExactlyElementsOf(feed.ids());
            assertThat(second.received).isNotEmpty();
        }
    }

    @Test
    void aContextStoppedWhileAnExchangeIsInFlightRepeatsAtMostThatOne() throws Exception {
        Path stateFile = dir.resolve("inngest-state.dat");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 15, 100);
            String slow = feed.ids().get(7);
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch slowDone = new CountDownLatch(1);
            ConsumerNode first = node("first", stateFile).route(uri(start), null, exchange -> {
                if (slow.equals(idOf(exchange))) {
                    inFlight.countDown();
                    try {
                        workIgnoringInterrupts(Duration.ofMillis(2500)); // longer than the shutdown timeout below
                    } finally {
                        slowDone.countDown();
                    }
                }
            });
            first.context.getShutdownStrategy().setTimeout(1);
            first.context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            first.context.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
            first.start();

            assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
            Thread stopper = new Thread(first::close, "stopper");
            stopper.start();
            stopper.join(10_000);
            assertThat(first.routeStatus()).isEqualTo(ServiceStatus.Stopped);
            List<String> deliveredByFirst = List.copyOf(first.received);

            ConsumerNode second = node("second", stateFile).route(uri(start), null, ConsumerNode::noWork).start();
            feed.live();
            feed.live();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.received.contains(feed.ids().get(16)));
            awaitPolls(second.context, "events", 3);
            second.close();

            // the forced shutdown did not wait for that work: it ends now, after the second context moved on. Its late
            // position must not be saved over the second's: a third start on the same file begins after the last event
            String savedBySecond = Files.readString(stateFile);
            assertThat(slowDone.await(10, TimeUnit.SECONDS)).isTrue();
            // its session was closed by the stop: the state file does not change once the late work is done
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> Files.readString(stateFile).equals(savedBySecond));
            int requestsBeforeThird = eventRequests();
            ConsumerNode third = node("third", stateFile).route(uri(start), null, ConsumerNode::noWork).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> eventRequests() >= requestsBeforeThird + 5);
            third.close();

            DeliveryReport report = new DeliveryReport("restart-in-flight", feed.ids())
                    .node("first", deliveredByFirst).node("second", second.received).node("third", third.received)
                    .with("inFlight", slow).with("firstAfterStop", first.received.size());
            report.print();
            List<String> ids = feed.ids();
            // the first context got as far as the slow event, the second starts with it (again) or right after it
            assertThat(deliveredByFirst).containsExactlyElementsOf(ids.subList(0, 8));
            assertThat(List.copyOf(second.received)).isIn(ids.subList(7, ids.size()), ids.subList(8, ids.size()));
            assertThat(third.received).isEmpty();
            assertThat(first.received).hasSize(8);
            assertThat(report.duplicates()).isSubsetOf(slow);
        }
    }

    @Test
    void routesSharingOneRepositoryKeepItOpenUntilTheLastStops() throws Exception {
        Path stateFile = dir.resolve("inngest-state.dat");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        List<String> created = new CopyOnWriteArrayList<>();
        try (EventFeed feed = new EventFeed(FAKE);
             ConsumerNode node = node("only", stateFile)) {
            feed.backlog(start, 3, 100);
            node.route(uri(start), null, ConsumerNode::noWork);
            node.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri(start) + "&name=shop/order.created&stateKey=created").routeId("created")
                            .process(exchange -> created.add(idOf(exchange)));
                }
            });
            node.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> node.received.size() >= 3 && created.size() >= 3);

            node.context.getRouteController().stopRoute("events");
            assertThat(node.repository.isStarted()).as("still used by route 'created'").isTrue();
            feed.live();
            await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= 4);
            node.context.getRouteController().startRoute("events");
            await().atMost(Duration.ofSeconds(30)).until(() -> node.received.size() >= 4);
            awaitPolls(node.context, "events", 3);

            node.context.getRouteController().stopRoute("events");
            node.context.getRouteController().stopRoute("created");
            assertThat(node.repository.isStarted()).as("stopped with the last route that used it").isFalse();
            assertThat(Files.readString(stateFile)).contains("newEvents={").contains("created={");

            new DeliveryReport("shared-repository-events", feed.ids()).node("events", node.received).print();
            new DeliveryReport("shared-repository-created", feed.ids()).node("created", created).print();
            assertThat(node.received).containsExactlyElementsOf(feed.ids());
            assertThat(created).containsExactlyElementsOf(feed.ids());
        }
    }

    /** Work that a forced shutdown cannot cut short, like a blocking call that ignores interrupts. */
    private static void workIgnoringInterrupts(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theStateFileHoldsThePositionAndNoSecret() throws Exception {
        Path stateFile = dir.resolve("inngest-state.dat");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 4, 100);
            try (ConsumerNode node = node("only", stateFile).route(uri(start), null, ConsumerNode::noWork).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.received.size() >= 4);
                assertThat(node.received).containsExactlyElementsOf(feed.ids());
            }
            String content = Files.readString(stateFile, StandardCharsets.UTF_8);
            String last = feed.ids().get(3);
            // the position of a catch-up is small: written whole under the state key after each delivered event
            assertThat(content).contains("newEvents={").contains("\"events.mark\"")
                    .contains("\"events.id." + last + "\"").contains(start.plusMillis(300).toString());
            assertThat(content.toLowerCase())
                    .doesNotContain("signkey")
                    .doesNotContain("b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c")
                    .doesNotContain("test-event-key")
                    .doesNotContain("bearer")
                    .doesNotContain(INNGEST.baseUrl().toLowerCase());
        }
    }
}
