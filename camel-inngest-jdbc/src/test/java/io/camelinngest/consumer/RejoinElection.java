package io.camelinngest.consumer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a node back into the election once its ZooKeeper connection is back (the workaround docs/clustering.md shows).
 * camel-zookeeper 4.18's cluster view elects with a Curator {@code LeaderSelector} that is not re-queued: when the
 * connection is suspended, even for a moment, the selector gives up its place in the queue for good, so a standby never
 * takes over, and a leader's route policy is not told that it lost the lead (its routes keep running while another node
 * leads). Restarting the view once the connection is back tells the policy where the lead is (a former leader stops its
 * routes) and queues the node again. It does not help while the connection is still down: a leader cut off from
 * ZooKeeper runs on until it can reach it again.
 */
final class RejoinElection implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RejoinElection.class);

    private final CamelClusterService cluster;
    private final String namespace;
    // off Curator's event thread: stopping a view may stop routes, and the selector's own task must end first
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    RejoinElection(CamelClusterService cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            executor.execute(this::rejoin);
        }
    }

    private void rejoin() {
        // the selector's old task may still be ending (it cleans up once connected): again until this node is queued
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                cluster.stopView(namespace);
                cluster.startView(namespace);
                Thread.sleep(500);
                if (cluster.getView(namespace).getMembers().stream().map(CamelClusterMember::getId)
                        .anyMatch(cluster.getId()::equals)) {
                    LOG.info("{} is back in the election for {} (attempt {})", cluster.getId(), namespace, attempt);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("{} could not rejoin the election for {} (attempt {}): {}", cluster.getId(), namespace, attempt,
                        e.toString());
            }
        }
    }

    void close() {
        executor.shutdownNow();
    }
}
