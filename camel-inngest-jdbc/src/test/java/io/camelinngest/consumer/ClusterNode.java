package io.camelinngest.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.camelinngest.jdbc.JdbcStateRepository;
import io.camelinngest.jdbc.TcpProxy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.KeeperException;

/**
 * One machine of a cluster test: its own CamelContext with camel-zookeeper's {@code ZooKeeperClusterService}, two
 * routes under one {@code ClusteredRoutePolicy} ({@code events} from {@code inngest:newEvents}, {@code runs} from
 * {@code inngest:runStatus}), and its own {@link JdbcStateRepository} instance on the shared table. It reaches each
 * ZooKeeper server through a {@link TcpProxy} of its own, so that {@link #kill()} can take the machine off the network
 * the way a crash does: its ZooKeeper session is not closed but expires on the servers after the session timeout.
 * <p>
 * Each route records an item (event ID, or "runId:status") when its exchange arrives ({@link #received}) and when it
 * completes ({@link #completed}). A killed machine delivers nothing more: an exchange in flight at the kill never
 * completes (so its position is never written), and a new one is not recorded.
 * <p>
 * What the machine sees goes to the run's {@link ClusterRunLog}: its ZooKeeper connection states, the leadership as its
 * cluster view reports it, its routes' starts and stops, a route start the cluster policy failed, each delivery, and
 * its death.
 */
final class ClusterNode implements AutoCloseable {

    /** The batch of the consumers: with positionCommit=poll, the most a death can make come twice. */
    static final int MAX_MESSAGES_PER_POLL = 10;

    final String name;
    final DefaultCamelContext context = new DefaultCamelContext();
    final List<String> receivedEvents = new CopyOnWriteArrayList<>();
    final List<String> receivedRuns = new CopyOnWriteArrayList<>();
    final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final List<TcpProxy> zookeeper = new ArrayList<>();
    private final CuratorFramework curator;
    private final ZooKeeperClusterService cluster;
    private final ClusteredRoutePolicy policy;
    private final ClusterRunLog log;
    private RejoinElection rejoin;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean dead;
    private volatile long diedAt;
    private volatile long firstDeliveryAt;
    private volatile Set<String> inFlightAtKill = Set.of();
    private volatile BiPredicate<ClusterNode, Exchange> killWhen = (node, exchange) -> false;

    ClusterNode(String name, String inngestUrl, List<InstanceSpec> ensemble, Duration sessionTimeout,
                Duration connectionTimeout, DataSource database, String table, String startFrom,
                ClusterRunLog log) throws Exception {
        this(name, inngestUrl, ensemble, sessionTimeout, connectionTimeout, database, table, startFrom, "message", log);
    }

    /** A node whose consumers write their position as {@code positionCommit} says (message or poll). */
    ClusterNode(String name, String inngestUrl, List<InstanceSpec> ensemble, Duration sessionTimeout,
                Duration connectionTimeout, DataSource database, String table, String startFrom,
                String positionCommit, ClusterRunLog log) throws Exception {
        this.name = name;
        this.log = log;
        context.getCamelContextExtension().setName(name);
        context.getShutdownStrategy().setTimeout(2);
        context.addComponent("inngest", ConsumerTestSupport.component(inngestUrl));

        for (InstanceSpec server : ensemble) {
            zookeeper.add(new TcpProxy("127.0.0.1", server.getPort()));
        }
        // what camel-zookeeper builds from nodes, sessionTimeout and connectTimeout, but for one setting: the servers'
        // own addresses are in /zookeeper/config, and Curator's ensemble tracker would switch to them, bypassing the
        // proxies that let this test cut the machine off
        curator = CuratorFrameworkFactory.builder()
                .connectString(zookeeper.stream().map(TcpProxy::address).collect(Collectors.joining(",")))
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .maxCloseWaitMs(1000)
                .retryPolicy(new ExponentialBackoffRetry(1000, 3))
                .ensembleTracker(false)
                .build();
        curator.getConnectionStateListenable().addListener((client, state) -> log.event(name, "zookeeper " + state));
        curator.start();
        ZooKeeperCuratorConfiguration given = new ZooKeeperCuratorConfiguration();
        given.setCuratorFramework(curator);
        cluster = new ZooKeeperClusterService(given);
        cluster.setId(name);
        cluster.setBasePath("/camel/inngest-cluster");
        context.addService(cluster);

        JdbcStateRepository state = new JdbcStateRepository(database);
        state.setTableName(table);
        context.getRegistry().bind("state", state);

        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                log.event(name, ((RouteEvent) event).getRoute().getRouteId() + " " + event.getType());
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof RouteEvent;
            }
        });
        policy = ClusteredRoutePolicy.forNamespace(context, "inngest");
        // the policy only logs a route it failed to start (and never tries again): the timeline names the node
        LoggingExceptionHandler logging = new LoggingExceptionHandler(context, ClusteredRoutePolicy.class);
        policy.setExceptionHandler(new org.apache.camel.spi.ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(null, null, exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handleException(message, null, exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                log.event(name, "cluster policy failed: " + message + " | " + exception);
                logging.handleException(message, exchange, exception);
            }
        });
        String common = "&stateRepository=#state&maxMessagesPerPoll=" + MAX_MESSAGES_PER_POLL
                        + "&delay=50&initialDelay=0&positionCommit=" + positionCommit + "&startFrom=" + startFrom;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?" + common.substring(1)).routeId("events").routePolicy(policy)
                        .process(exchange -> deliver(exchange, ConsumerTestSupport.idOf(exchange), receivedEvents));
                from("inngest:runStatus?source=v2&appId=shop" + common).routeId("runs").routePolicy(policy)
                        .process(exchange -> deliver(exchange, exchange.getMessage().getHeader("CamelInngestRunId") + ":"
                                                               + exchange.getMessage().getHeader("CamelInngestRunStatus"),
                                receivedRuns));
            }
        });
    }

    private void deliver(Exchange exchange, String item, List<String> received) throws Exception {
        boolean deadOnArrival;
        synchronized (this) {
            deadOnArrival = dead;
            if (!deadOnArrival) {
                if (firstDeliveryAt == 0) {
                    firstDeliveryAt = System.nanoTime();
                }
                received.add(item);
                inFlight.add(item);
            }
        }
        log.event(name, (deadOnArrival ? "dead, not delivered: " : "delivers ") + exchange.getFromRouteId() + " " + item
                        + " (" + exchange.getProperty(ExchangePropertyKey.BATCH_INDEX) + "/"
                        + exchange.getProperty(ExchangePropertyKey.BATCH_SIZE) + ")");
        if (deadOnArrival) {
            freeze(); // a dead machine delivers nothing more
        }
        if (killWhen.test(this, exchange)) {
            kill();
        }
        Thread.sleep(5); // the route's work
        synchronized (this) {
            if (!dead) {
                inFlight.remove(item);
                completed.add(item);
                return;
            }
        }
        freeze(); // in flight at the kill: never completes, its position is never written
    }

    private void freeze() throws InterruptedException {
        released.await();
        throw new IllegalStateException(name + " is dead");
    }

    /** Kills this machine when the predicate holds for an exchange that just arrived (it is then in flight). */
    void killWhen(BiPredicate<ClusterNode, Exchange> predicate) {
        this.killWhen = predicate;
    }

    /** Takes the machine off the network at once: its ZooKeeper links drop, its deliveries stop. */
    void kill() {
        synchronized (this) {
            if (dead) {
                return;
            }
            dead = true;
            diedAt = System.nanoTime();
            inFlightAtKill = Set.copyOf(inFlight);
        }
        log.event(name, "KILLED (off the network), in flight " + inFlightAtKill);
        zookeeper.forEach(TcpProxy::close);
    }

    /** Cuts this machine's ZooKeeper links for a moment (shorter than its session): the session survives. */
    void cutZooKeeperFor(Duration outage) throws Exception {
        log.event(name, "ZooKeeper links cut for " + outage.toMillis() + " ms");
        zookeeper.forEach(TcpProxy::close);
        Thread.sleep(outage.toMillis());
        for (TcpProxy proxy : zookeeper) {
            proxy.open();
        }
        log.event(name, "ZooKeeper links back");
    }

    boolean isDead() {
        return dead;
    }

    long diedAt() {
        return diedAt;
    }

    /** {@code System.nanoTime()} of this machine's first delivery, 0 before. */
    long firstDeliveryAt() {
        return firstDeliveryAt;
    }

    Set<String> inFlightAtKill() {
        return inFlightAtKill;
    }

    ClusterNode start() {
        context.start();
        CamelClusterView view = clusterView();
        view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> log.event(name,
                "leadership event: leader " + (leader == null ? "none" : leader.getId()) + ", this node leads "
                                                                                                    + v.getLocalMember()
                                                                                                            .isLeader()));
        log.event(name, "started, this node leads " + view.getLocalMember().isLeader());
        return this;
    }

    /** Registers the workaround of docs/clustering.md: back into the election when the ZooKeeper connection is back. */
    ClusterNode rejoinElectionOnReconnect() {
        rejoin = new RejoinElection(cluster, "inngest");
        curator.getConnectionStateListenable().addListener(rejoin);
        return this;
    }

    private CamelClusterView clusterView() {
        try {
            return cluster.getView("inngest");
        } catch (Exception e) {
            throw new IllegalStateException(name + ": no cluster view", e);
        }
    }

    /** The IDs of the nodes queued for the lead, the leader first, as this machine reads them from ZooKeeper. */
    List<String> electionQueue() {
        return clusterView().getMembers().stream().map(CamelClusterMember::getId).toList();
    }

    /**
     * The election nodes in ZooKeeper, in queue order: each node's path (its sequence number at the end) and the ID of
     * the machine that created it. A machine that queues again gets a new path.
     */
    Map<String, String> electionNodes() throws Exception {
        String parent = "/camel/inngest-cluster/inngest";
        Map<String, String> nodes = new LinkedHashMap<>();
        List<String> children = new ArrayList<>(curator.getChildren().forPath(parent));
        children.sort(Comparator.comparing(child -> child.substring(child.lastIndexOf('-') + 1)));
        for (String child : children) {
            try {
                nodes.put(child, new String(curator.getData().forPath(parent + "/" + child), StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException e) {
                // gone meanwhile
            }
        }
        return nodes;
    }

    /** What this machine knows now: its ZooKeeper link, leadership, routes and their last poll errors (for the log). */
    String state() {
        StringBuilder state = new StringBuilder(
                "dead=" + dead + " zookeeperConnected="
                                                + curator.getZookeeperClient().isConnected() + " policyLeader="
                                                + policy.isLeader());
        try {
            CamelClusterView view = clusterView();
            state.append(" viewLeads=").append(view.getLocalMember().isLeader());
            if (!dead) {
                state.append(" members=").append(view.getMembers().stream().map(CamelClusterMember::getId).toList())
                        .append(" leader=").append(view.getLeader().map(CamelClusterMember::getId).orElse("none"));
            }
        } catch (RuntimeException e) {
            state.append(" view: ").append(e);
        }
        for (Route route : context.getRoutes()) {
            state.append(' ').append(route.getRouteId()).append('=')
                    .append(context.getRouteController().getRouteStatus(route.getRouteId()));
            if (route.getConsumer() instanceof AbstractInngestConsumer<?> consumer && consumer.lastPollError() != null) {
                state.append(" (last poll error: ").append(consumer.lastPollError()).append(')');
            }
        }
        return state.toString();
    }

    boolean leads() {
        return context.getRouteController().getRouteStatus("events") == ServiceStatus.Started;
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        if (rejoin != null) {
            rejoin.close();
        }
        try {
            context.stop();
        } finally {
            curator.close();
            zookeeper.forEach(TcpProxy::close);
        }
    }
}
