package io.camelinngest.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ServiceStatus;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances in one JVM run the same {@code inngest:newEvents} route under
 * {@code ClusteredRoutePolicy.forNamespace("inngest")} with camel-file's {@code FileLockClusterService}, each with its
 * own {@code FileStateRepository} instance on one shared state file. Only the leader polls; when it stops, the other
 * takes over from the position the leader saved, and together they deliver every event once, in order.
 */
class ConsumerClusterTest extends ConsumerTestSupport {

    // settleWindow=0: the requests counted per poll are those of a read without a settle window (a window adds a
    // request at a bound while live events are held back)
    private static final String URI = "inngest:newEvents?stateRepository=#state&maxMessagesPerPoll=3&delay=50&initialDelay=0"
                                      + "&settleWindow=0&startFrom=";

    @TempDir
    Path dir;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private ConsumerNode clusterNode(String name, long acquireLockDelay, long acquireLockInterval, Instant startFrom)
            throws Exception {
        ConsumerNode node = new ConsumerNode(name, INNGEST.baseUrl(), dir.resolve("inngest-state.dat").toFile());
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(dir.resolve("cluster").toString());
        cluster.setAcquireLockDelay(acquireLockDelay, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(acquireLockInterval, TimeUnit.MILLISECONDS);
        node.context.addService(cluster);
        node.context.getRegistry().bind("cluster", cluster);
        return node.route(URI + startFrom, ClusteredRoutePolicy.forNamespace(node.context, "inngest"),
                exchange -> Thread.sleep(10));
    }

    private static ScheduledPollConsumer consumer(ConsumerNode node) {
        return (ScheduledPollConsumer) node.context.getRoute("events").getConsumer();
    }

    private int eventRequests() {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
    }

    @Test
    void onlyTheLeaderPollsAndTheFollowerTakesOverFromTheSavedPosition() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE);
             ConsumerNode a = clusterNode("node-a", 100, 200, start);
             ConsumerNode b = clusterNode("node-b", 500, 300, start)) {
            feed.backlog(start, 20, 100);
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.routeStatus() == ServiceStatus.Started);
            b.start();
            var live = feed.liveInBackground(20, 50);

            // both run: the leader polls and delivers, the follower's route, consumer and repository stay idle
            await().atMost(Duration.ofSeconds(30)).until(() -> a.received.size() >= 6);
            // polls as the consumer counts them: one behind polls again at once, within one run of the scheduler
            AbstractInngestConsumer<?> leader = (AbstractInngestConsumer<?>) consumer(a);
            long pollsA = leader.pollCount();
            int requests = eventRequests();
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.pollCount() >= pollsA + 3);
            long pollsDuringWindow = leader.pollCount() - pollsA;
            int requestsDuringWindow = eventRequests() - requests;
            assertThat(pollsDuringWindow).isGreaterThanOrEqualTo(3);
            assertThat(requestsDuringWindow).isBetween((int) pollsDuringWindow - 1, (int) pollsDuringWindow + 1);
            assertThat(b.routeStatus()).isEqualTo(ServiceStatus.Stopped);
            assertThat(consumer(b).getCounter()).isZero();
            assertThat(b.received).isEmpty();
            assertThat(b.repository.isStarted()).as("the follower's repository must not load the file before it leads")
                    .isFalse();

            // the leader goes away mid-stream
            await().atMost(Duration.ofSeconds(30)).until(() -> a.received.size() >= 15);
            int requestsOfA = eventRequests();
            long stopped = System.nanoTime();
            a.close();
            List<String> deliveredByA = List.copyOf(a.received);
            assertThat(deliveredByA).hasSizeLessThan(40);

            await().atMost(Duration.ofSeconds(30)).until(() -> !b.received.isEmpty());
            long takeoverMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertThat(b.routeStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(b.repository.isStarted()).isTrue();
            live.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveredByA.size() + b.received.size() >= feed.size());
            awaitPolls(b.context, "events", 3); // nothing comes twice in three more polls
            long pollsB = consumer(b).getCounter();
            b.close();

            DeliveryReport report = new DeliveryReport("cluster", feed.ids())
                    .node("nodeA", deliveredByA).node("nodeB", b.received)
                    .with("leaderWindowPolls", pollsDuringWindow).with("leaderWindowRequests", requestsDuringWindow)
                    .with("requestsUntilAStopped", requestsOfA).with("requestsAfter", eventRequests() - requestsOfA)
                    .with("pollsB", pollsB).with("takeoverMs", takeoverMillis);
            report.print();
            assertThat(feed.size()).isEqualTo(40);
            assertThat(report.all()).containsExactlyElementsOf(feed.ids());
        }
    }

    @Test
    void aNodeThatLeadsAgainResumesFromWhatTheOtherDelivered() throws Exception {
        // what ClusteredRoutePolicy does when the lead moves back and forth: it stops and starts the route in the
        // same context, with the same repository instances (driven here through the route controller)
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String uri = URI + start;
        try (EventFeed feed = new EventFeed(FAKE);
             ConsumerNode a = new ConsumerNode("node-a", INNGEST.baseUrl(), dir.resolve("inngest-state.dat").toFile());
             ConsumerNode b = new ConsumerNode("node-b", INNGEST.baseUrl(), dir.resolve("inngest-state.dat").toFile())) {
            a.route(uri, null, ConsumerNode::noWork);
            b.route(uri, null, ConsumerNode::noWork);
            feed.backlog(start, 10, 100);
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.received.size() >= 10);
            a.context.getRouteController().stopRoute("events");

            b.start();
            for (int i = 0; i < 5; i++) {
                feed.live();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> b.received.size() >= 5);
            b.context.getRouteController().stopRoute("events");

            int beforeA = a.received.size();
            a.context.getRouteController().startRoute("events");
            feed.live();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.received.contains(feed.ids().get(15)));
            awaitPolls(a.context, "events", 3);

            DeliveryReport report = new DeliveryReport("cluster-flip-flop", feed.ids())
                    .node("nodeA1", a.received.subList(0, beforeA)).node("nodeB", b.received)
                    .node("nodeA2", a.received.subList(beforeA, a.received.size()));
            report.print();
            assertThat(report.all()).containsExactlyElementsOf(feed.ids());
        }
    }
}
