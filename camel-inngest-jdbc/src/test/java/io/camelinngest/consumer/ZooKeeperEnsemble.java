package io.camelinngest.consumer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * The servers of a ZooKeeper ensemble started in a test, each with ports of its own. curator-test picks each port alone
 * (it binds port 0 and closes it again), so two servers of one ensemble can be given the same port: then one cannot
 * bind its election port, and ZooKeeper ends the whole test JVM (exit code 14). Here all ports of the ensemble are held
 * open together while they are picked, so they differ. And should a port be taken anyway, ZooKeeper only logs instead
 * of ending the JVM: that test fails, and the other tests' results are kept.
 */
final class ZooKeeperEnsemble {

    private ZooKeeperEnsemble() {
    }

    /** {@code count} servers with distinct client, election and quorum ports and the given tick. */
    static List<InstanceSpec> servers(int count, int tickMillis) throws IOException {
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count * 3; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            List<InstanceSpec> servers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                servers.add(new InstanceSpec(
                        null, held.get(3 * i).getLocalPort(), held.get(3 * i + 1).getLocalPort(),
                        held.get(3 * i + 2).getLocalPort(), true, -1, tickMillis, -1));
            }
            return servers;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
