package io.camelinngest.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.state.SharedStateRepository;
import io.camelinngest.state.SharedStateRepositoryContract;
import org.apache.camel.spi.StateRepository;
import org.h2.jdbcx.JdbcDataSource;

/** The shared-repository contract on {@link JdbcStateRepository} over H2 (in memory, in this JVM). */
class JdbcOnH2ContractTest extends SharedStateRepositoryContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected SharedStateRepository newRepository() {
        JdbcDataSource source = new JdbcDataSource();
        // a database per test; the nodes of a test each open connections of their own to it
        source.setURL("jdbc:h2:mem:contract-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        source.setUser("sa");
        return new JdbcStateRepository(source);
    }

    @Override
    protected SharedStateRepository newNode(StateRepository<String, String> first) {
        return new JdbcStateRepository(((JdbcStateRepository) first).getDataSource());
    }
}
