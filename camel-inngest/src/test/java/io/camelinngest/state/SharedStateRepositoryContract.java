package io.camelinngest.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the Inngest consumers rely on from a {@link SharedStateRepository}, on top of {@link StateRepositoryContract},
 * run against every implementation (in memory here; JDBC on H2 and on PostgreSQL in camel-inngest-jdbc): extend it, say
 * how to make a repository on fresh storage and a second node's view of the same storage. Node {@code a} and node
 * {@code b} stand for two pods.
 */
public abstract class SharedStateRepositoryContract extends StateRepositoryContract {

    protected SharedStateRepository a;
    protected SharedStateRepository b;

    @Override
    protected abstract SharedStateRepository newRepository() throws Exception;

    /** Another node's view of the storage of {@code first}: it has read nothing yet. Not started yet. */
    @Override
    protected abstract SharedStateRepository newNode(StateRepository<String, String> first) throws Exception;

    @BeforeEach
    void startTwoNodes() throws Exception {
        a = newRepository();
        b = newNode(a);
        ServiceHelper.startService(a, b);
    }

    @AfterEach
    void stopNodes() {
        ServiceHelper.stopService(a, b);
    }

    @Test
    void whatOneNodeWritesTheOtherReads() {
        a.getState("orders");
        a.setState("orders", "{\"w\":\"01A\"}");
        a.setState("orders", "{\"w\":\"01B\"}");

        assertThat(b.getState("orders")).isEqualTo("{\"w\":\"01B\"}");
        assertThat(a.getState("orders")).isEqualTo("{\"w\":\"01B\"}");
    }

    @Test
    void aWriteAfterAnotherNodeWroteIsRefusedUntilTheKeyIsReadAgain() {
        a.setState("orders", "a-1");
        b.getState("orders");
        b.setState("orders", "b-2");

        assertThatThrownBy(() -> a.setState("orders", "a-2"))
                .isInstanceOf(StaleStateException.class)
                .satisfies(e -> assertThat(((StaleStateException) e).getKey()).isEqualTo("orders"));
        // it stays refused: the node must read what the other one wrote before it writes again
        assertThatThrownBy(() -> a.setState("orders", "a-3")).isInstanceOf(StaleStateException.class);
        assertThat(b.getState("orders")).isEqualTo("b-2");

        assertThat(a.getState("orders")).isEqualTo("b-2");
        a.setState("orders", "a-4");
        assertThat(b.getState("orders")).isEqualTo("a-4");
    }

    @Test
    void aKeyThisNodeNeverReadIsWrittenOnlyWhileNoNodeWroteIt() {
        b.setState("orders#3", "b's slot");

        assertThatThrownBy(() -> a.setState("orders#3", "a's slot")).isInstanceOf(StaleStateException.class);
        assertThat(b.getState("orders#3")).isEqualTo("b's slot");
    }

    @Test
    void aBatchIsWrittenWhole() {
        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("orders", "snapshot");
        batch.put("orders#0", "edit 0");
        batch.put("orders#1", "edit 1");
        a.setStates(batch);

        assertThat(b.getState("orders")).isEqualTo("snapshot");
        assertThat(b.getState("orders#0")).isEqualTo("edit 0");
        assertThat(b.getState("orders#1")).isEqualTo("edit 1");
        // the batch moved this node's versions: it writes on without reading
        a.setStates(Map.of("orders", "snapshot 2", "orders#0", "edit 0 again"));
        assertThat(b.getState("orders")).isEqualTo("snapshot 2");
    }

    @Test
    void aBatchWithOneStaleKeyWritesNothing() {
        a.setStates(Map.of("orders", "a-1", "orders#0", "a-edit"));
        b.getState("orders#0");
        b.setState("orders#0", "b-edit");

        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("orders", "a-2");
        batch.put("orders#0", "a-edit 2");
        batch.put("orders#1", "a-edit 3");
        assertThatThrownBy(() -> a.setStates(batch))
                .isInstanceOf(StaleStateException.class)
                .satisfies(e -> assertThat(((StaleStateException) e).getKey()).isEqualTo("orders#0"));

        assertThat(b.getState("orders")).isEqualTo("a-1");
        assertThat(b.getState("orders#0")).isEqualTo("b-edit");
        assertThat(b.getState("orders#1")).isNull();
        // the keys of the refused batch that were not stale were not moved on either: a still writes "orders"
        a.setState("orders", "a-3");
        assertThat(b.getState("orders")).isEqualTo("a-3");
    }

    @Test
    void ofTwoNodesWritingTheSameReadKeyAtOnceExactlyOneWins() throws Exception {
        a.setState("orders", "start");
        b.getState("orders");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> writes = new ArrayList<>();
            for (SharedStateRepository node : List.of(a, b)) {
                writes.add(pool.submit(() -> {
                    go.await();
                    try {
                        node.setStates(Map.of("orders", node == a ? "a" : "b", "orders#0", node == a ? "a" : "b"));
                        return true;
                    } catch (StaleStateException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            boolean aWon = writes.get(0).get(30, TimeUnit.SECONDS);
            boolean bWon = writes.get(1).get(30, TimeUnit.SECONDS);

            assertThat(aWon ^ bWon).as("exactly one of the two writes succeeded (a: %s, b: %s)", aWon, bWon).isTrue();
            String winner = aWon ? "a" : "b";
            SharedStateRepository reader = newNode(a);
            ServiceHelper.startService(reader);
            assertThat(reader.getState("orders")).isEqualTo(winner);
            assertThat(reader.getState("orders#0")).isEqualTo(winner);
            ServiceHelper.stopService(reader);
        } finally {
            pool.shutdownNow();
        }
    }
}
