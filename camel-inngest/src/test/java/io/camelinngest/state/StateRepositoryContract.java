package io.camelinngest.state;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Inngest consumers' state store needs from any {@link StateRepository} on one node: keys as it names them
 * ({@code <stateKey>} and {@code <stateKey>#<n>}), JSON values back exactly as written, the last write winning, and,
 * for a durable repository, all of it after a restart. Extend it with a way to make a repository on fresh storage and
 * another instance on the same storage; {@link SharedStateRepositoryContract} adds what several nodes need.
 */
public abstract class StateRepositoryContract {

    private StateRepository<String, String> single;

    /** A repository on storage no other test uses, not started yet. */
    protected abstract StateRepository<String, String> newRepository() throws Exception;

    /**
     * Another instance on the storage of {@code first}, not started yet (started after {@code first} stopped when
     * {@link #restarts()} is asked).
     */
    protected abstract StateRepository<String, String> newNode(StateRepository<String, String> first) throws Exception;

    /** Started, on fresh storage: the repository the one-node tests use. */
    protected StateRepository<String, String> single() throws Exception {
        if (single == null) {
            single = newRepository();
            ServiceHelper.startService(single);
        }
        return single;
    }

    @AfterEach
    void stopSingle() {
        ServiceHelper.stopService(single);
    }

    @Test
    void aKeyNeverWrittenReadsAsNull() throws Exception {
        assertThat(single().getState("orders")).isNull();
    }

    @Test
    void theLastWriteOfAKeyIsWhatItReads() throws Exception {
        StateRepository<String, String> repository = single();
        repository.getState("orders");
        repository.setState("orders", "{\"g\":\"1\",\"e\":{}}");
        repository.setState("orders#0", "{\"g\":\"1\",\"c\":[[\"w\",\"01A\"]]}");
        repository.setState("orders#0", "{\"g\":\"1\",\"c\":[[\"w\",\"01B\"]]}");

        assertThat(repository.getState("orders")).isEqualTo("{\"g\":\"1\",\"e\":{}}");
        assertThat(repository.getState("orders#0")).isEqualTo("{\"g\":\"1\",\"c\":[[\"w\",\"01B\"]]}");
        assertThat(repository.getState("orders#1")).isNull();
    }

    @Test
    void valuesComeBackAsWrittenAfterARestart() throws Exception {
        String value = "{\"e\":{\"quote\":\"\\\"\",\"unicode\":\"épreuve ✓ 注文\",\"tab\":\"a\\tb\",\"eq\":\"a=b#c:d\"}}"
                       + "x".repeat(20_000);
        StateRepository<String, String> first = single();
        first.setState("shop/orders#7", value);
        ServiceHelper.stopService(first);

        StateRepository<String, String> restarted = newNode(first);
        ServiceHelper.startService(restarted);
        try {
            assertThat(restarted.getState("shop/orders#7")).isEqualTo(value);
        } finally {
            ServiceHelper.stopService(restarted);
        }
    }
}
