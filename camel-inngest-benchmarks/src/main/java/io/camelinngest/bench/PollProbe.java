package io.camelinngest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * A consumer's {@code pollStrategy}: Camel calls it on the polling thread before and after each poll, so it can read
 * that thread's CPU time and the server's request count around exactly one poll.
 */
final class PollProbe implements PollingConsumerPollStrategy {

    /** One poll: CPU of the polling thread, requests the server saw, wall time, messages the poll delivered. */
    record Poll(long cpuNanos, long requests, long wallNanos, int messages) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LoopbackInngest server;
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private long cpu;
    private long requests;
    private long wall;

    PollProbe(LoopbackInngest server) {
        this.server = server;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        cpu = THREADS.getCurrentThreadCpuTime();
        requests = server.requests();
        wall = System.nanoTime();
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        polls.add(new Poll(
                THREADS.getCurrentThreadCpuTime() - cpu, server.requests() - requests, System.nanoTime() - wall,
                polledMessages));
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        System.out.println("    poll failed: " + cause);
        return false;
    }

    int count() {
        return polls.size();
    }

    List<Poll> since(int index) {
        return List.copyOf(polls.subList(index, polls.size()));
    }
}
