package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.jdbc.TestDatabase;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import io.camelinngest.testing.Ulids;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.Version;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three machines (three CamelContexts) share the work of {@code inngest:newEvents} and {@code inngest:runStatus} on
 * real engines started in this JVM: leader election by camel-zookeeper's {@code ZooKeeperClusterService} on a
 * three-server ZooKeeper ensemble (curator-test {@code TestingCluster}), the positions in a {@code JdbcStateRepository}
 * on a real PostgreSQL ({@link TestDatabase}; H2 where PostgreSQL cannot start), Inngest faked by
 * {@link FakeInngestServer}. Events and runs keep coming; the leader dies in the middle of a batch (off the network at
 * once, its ZooKeeper session left to expire, its exchange in flight never completing), then the next leader dies the
 * same way. Every event and every run transition is delivered, none is lost, and only the exchanges in flight at a
 * death come twice. The session and connection timeouts are the ones docs/clustering.md recommends.
 * <p>
 * Each run writes its timeline to {@code target/cluster-kill/} ({@link ClusterRunLog}); a failed run ends it with what
 * each node knew at the failure.
 */
class ZooKeeperClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperClusterTest.class);

    /** The defaults recommended in docs/clustering.md. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** ZooKeeper's own default tick: sessions may last 2 to 20 ticks, so the 10 s session is not clipped. */
    private static final int TICK_MILLIS = 2000;

    @Test
    void everyEventAndRunTransitionIsDeliveredWhenTheLeaderAndThenTheNextLeaderDie() throws Exception {
        killTwoLeaders("message");
    }

    /** The same with one position write per poll: nothing lost; what comes twice is at most a batch per death. */
    @Test
    void withOnePositionWritePerPollNothingIsLostWhenTheLeaderAndThenTheNextLeaderDie() throws Exception {
        killTwoLeaders("poll");
    }

    private void killTwoLeaders(String positionCommit) throws Exception {
        long began = System.nanoTime();
        TestDatabase database = TestDatabase.get();
        List<InstanceSpec> servers = ZooKeeperEnsemble.servers(3, TICK_MILLIS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String table = "CLUSTER_STATE_" + System.currentTimeMillis() % 1_000_000;
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        List<ClusterNode> nodes = new ArrayList<>();
        ClusterRunLog log = ClusterRunLog.start("ZooKeeperClusterTest-" + positionCommit);
        try (TestingCluster ensemble = new TestingCluster(servers);
             FakeInngestServer inngest = FakeInngestServer.start();
             EventFeed feed = new EventFeed(inngest.fake())) {
            ensemble.start();
            long engineStartMillis = (System.nanoTime() - began) / 1_000_000;
            log.event("test", "engines started: ZooKeeper " + ensemble.getConnectString() + ", " + database.engine());
            for (String name : List.of("node-a", "node-b", "node-c")) {
                nodes.add(new ClusterNode(
                        name, inngest.url(), servers, SESSION_TIMEOUT, CONNECTION_TIMEOUT,
                        database.dataSource(), table, start.toString(), positionCommit, log));
            }
            ClusterNode a = nodes.get(0);
            ClusterNode b = nodes.get(1);
            ClusterNode c = nodes.get(2);
            // each leader dies in the middle of a batch, after it delivered some events
            a.killWhen((node, exchange) -> node.receivedEvents.size() >= 15 && midBatch(exchange));
            b.killWhen((node, exchange) -> node.receivedEvents.size() >= 15 && midBatch(exchange));

            feed.backlog(start, 30, 100);
            a.start();
            await().atMost(Duration.ofSeconds(30)).until(a::leads);
            // the lead passes in the order the nodes queued for it (their election nodes' sequence numbers), and a
            // node queues from a thread of its own after it started: b must be queued before c starts, or c may
            // queue first and take over from a
            // (each read from a node that is alive: a may die as soon as it delivered 15 events, b only once it leads)
            b.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> b.electionQueue().contains("node-b"));
            c.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> c.electionQueue().contains("node-c"));
            List<String> queue = c.electionQueue();
            log.event("test", "election queue " + queue);
            assertThat(queue.indexOf("node-b")).as("b queued before c: " + queue).isLessThan(queue.indexOf("node-c"));

            // a stream: an event every 200 ms, a run every 800 ms; a run completes once its Running was delivered
            RunFeed runs = new RunFeed(inngest, nodes);
            AtomicBoolean feeding = new AtomicBoolean(true);
            AtomicInteger tick = new AtomicInteger();
            driver.scheduleWithFixedDelay(() -> {
                if (feeding.get()) {
                    feed.live();
                    if (tick.incrementAndGet() % 4 == 0) {
                        runs.startOne();
                    }
                }
                runs.completeDelivered();
            }, 0, 200, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(30)).until(a::isDead);
            await().atMost(SESSION_TIMEOUT.multipliedBy(4)).until(() -> b.firstDeliveryAt() > 0);
            assertThat(c.firstDeliveryAt()).as("one leader at a time: c waits behind b").isZero();
            await().atMost(Duration.ofSeconds(30)).until(b::isDead);
            await().atMost(SESSION_TIMEOUT.multipliedBy(4)).until(() -> c.firstDeliveryAt() > 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.receivedEvents.size() >= 10);
            feeding.set(false);
            long feedingStopped = System.nanoTime();

            // c delivers the rest: every event, and both transitions of every run
            Set<String> expectedEvents = new LinkedHashSet<>(feed.ids());
            await().atMost(Duration.ofSeconds(60)).until(() -> completedOf(nodes).containsAll(expectedEvents)
                    && completedOf(nodes).containsAll(runs.transitions()));
            driver.shutdownNow();
            long drainMillis = (System.nanoTime() - feedingStopped) / 1_000_000;

            long failover1 = (b.firstDeliveryAt() - a.diedAt()) / 1_000_000;
            long failover2 = (c.firstDeliveryAt() - b.diedAt()) / 1_000_000;
            Set<String> inFlightAtKills = new HashSet<>(a.inFlightAtKill());
            inFlightAtKills.addAll(b.inFlightAtKill());

            DeliveryReport events = new DeliveryReport("zookeeper-events", feed.ids())
                    .node("nodeA", a.receivedEvents).node("nodeB", b.receivedEvents).node("nodeC", c.receivedEvents);
            DeliveryReport transitions = new DeliveryReport("zookeeper-runs", runs.transitions())
                    .node("nodeA", a.receivedRuns).node("nodeB", b.receivedRuns).node("nodeC", c.receivedRuns);
            events.print();
            transitions.print();
            Set<String> delivered = completedOf(nodes);
            long lostEvents = feed.ids().stream().filter(id -> !delivered.contains(id)).count();
            long lostTransitions = runs.transitions().stream().filter(t -> !delivered.contains(t)).count();
            List<String> duplicates = new ArrayList<>(events.duplicates());
            duplicates.addAll(transitions.duplicates());
            String figures = "CLUSTER: positionCommit=" + positionCommit + " events=" + feed.size() + " runs="
                             + runs.transitions().size() / 2
                             + " transitions=" + runs.transitions().size()
                             + " deliveries=" + (events.all().size() + transitions.all().size())
                             + " duplicates=" + duplicates.size() + duplicates
                             + " lost=" + (lostEvents + lostTransitions)
                             + " inFlightAtKills=" + inFlightAtKills
                             + " failoverMs=[" + failover1 + ", " + failover2 + "]"
                             + " sessionTimeout=" + SESSION_TIMEOUT.toSeconds() + "s connectionTimeout="
                             + CONNECTION_TIMEOUT.toSeconds() + "s"
                             + " zookeeper=3 servers " + Version.getFullVersion().split("-")[0]
                             + " database=" + database.engine().replace(' ', '_')
                             + " engineStartMs=" + engineStartMillis + " drainMs=" + drainMillis
                             + " testMs=" + (System.nanoTime() - began) / 1_000_000;
            LOG.info(figures);
            log.event("test", figures);

            assertThat(lostEvents).isZero();
            assertThat(lostTransitions).isZero();
            // in order, node after node, with no gap; an item comes twice only when it was in flight at a death
            assertThat(events.all().stream().distinct().toList()).containsExactlyElementsOf(feed.ids());
            assertThat(inFlightAtKills).isNotEmpty();
            if (positionCommit.equals("message")) {
                assertThat(duplicates).isSubsetOf(inFlightAtKills);
            } else {
                // what a dead leader delivered since its last write: its poll's batch (events) and the run changes
                // of that poll, at most a batch each per death
                Set<String> deliveredByTheDead = new HashSet<>(a.receivedEvents);
                deliveredByTheDead.addAll(a.receivedRuns);
                deliveredByTheDead.addAll(b.receivedEvents);
                deliveredByTheDead.addAll(b.receivedRuns);
                assertThat(duplicates).isSubsetOf(deliveredByTheDead);
                assertThat(duplicates).hasSizeLessThanOrEqualTo(2 * 2 * ClusterNode.MAX_MESSAGES_PER_POLL);
            }
            for (ClusterNode node : nodes) {
                assertThat(node.receivedEvents).as(node.name + " delivers each event once").doesNotHaveDuplicates();
                assertThat(node.receivedRuns).as(node.name + " delivers each transition once").doesNotHaveDuplicates();
            }
            // a failover takes about a session timeout: the dead leader's session must expire first
            assertThat(failover1).isBetween(SESSION_TIMEOUT.toMillis() / 2, SESSION_TIMEOUT.toMillis() * 3);
            assertThat(failover2).isBetween(SESSION_TIMEOUT.toMillis() / 2, SESSION_TIMEOUT.toMillis() * 3);
            log.event("test", "PASSED");
        } catch (Throwable failure) {
            log.event("test", "FAILED: " + failure);
            for (ClusterNode node : nodes) {
                log.event(node.name, node.state());
            }
            LOG.info("CLUSTER: failed; timeline in {}", log.file().toAbsolutePath());
            throw failure;
        } finally {
            driver.shutdownNow();
            for (ClusterNode node : nodes) {
                node.close();
            }
            log.close();
        }
    }

    private static boolean midBatch(Exchange exchange) {
        Integer index = exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, Integer.class);
        Integer size = exchange.getProperty(ExchangePropertyKey.BATCH_SIZE, Integer.class);
        return "events".equals(exchange.getFromRouteId()) && index != null && size != null && index >= 1
                && index < size - 1;
    }

    private static Set<String> completedOf(List<ClusterNode> nodes) {
        Set<String> all = new HashSet<>();
        nodes.forEach(node -> all.addAll(node.completed));
        return all;
    }

    /** Runs of app "shop" in the fake: each starts Running and completes once its Running was delivered. */
    private static final class RunFeed {
        private final FakeInngestServer inngest;
        private final List<ClusterNode> nodes;
        private final List<String> started = new CopyOnWriteArrayList<>();
        private final Set<String> open = ConcurrentHashMap.newKeySet();

        RunFeed(FakeInngestServer inngest, List<ClusterNode> nodes) {
            this.inngest = inngest;
            this.nodes = nodes;
        }

        void startOne() {
            Instant now = Instant.now();
            StoredRun run = inngest.fake().putRun(new StoredRun(
                    Ulids.at(now), null, "ship-order", "shop", "Running", now,
                    null, null));
            started.add(run.runId());
            open.add(run.runId());
        }

        void completeDelivered() {
            Set<String> delivered = completedOf(nodes);
            for (String runId : open) {
                if (delivered.contains(runId + ":Running")) {
                    inngest.fake().setStatus(runId, "Completed", Map.of("shipped", true));
                    open.remove(runId);
                }
            }
        }

        /** Each run's two transitions, in order. */
        List<String> transitions() {
            List<String> all = new ArrayList<>();
            for (String runId : started) {
                all.add(runId + ":Running");
                all.add(runId + ":Completed");
            }
            return all;
        }
    }
}
