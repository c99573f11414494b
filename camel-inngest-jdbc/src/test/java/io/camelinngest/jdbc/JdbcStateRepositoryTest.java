package io.camelinngest.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.camelinngest.state.StaleStateException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcStateRepository} on a real database ({@link TestDatabase}: PostgreSQL, or H2 where PostgreSQL cannot
 * start): one row per key, versioned writes that refuse to move a position back, and a start that fails with the SQL to
 * run when the table is missing or has the wrong columns. Each test has a table of its own.
 */
class JdbcStateRepositoryTest {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateRepositoryTest.class);

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static TestDatabase database;

    @BeforeAll
    static void database() {
        database = TestDatabase.get();
    }

    private static String newTable() {
        return "STATE_TEST_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }

    private static JdbcStateRepository node(String table) {
        JdbcStateRepository repository = new JdbcStateRepository(database.dataSource());
        repository.setTableName(table);
        repository.start();
        return repository;
    }

    private static Object[] row(String table, String key) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT stateValue, version FROM " + table + " WHERE stateKey = '" + key + "'")) {
            return rows.next() ? new Object[] { rows.getString(1), rows.getLong(2) } : null;
        }
    }

    private static int rowCount(String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        DataSource source = database.dataSource();
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void createsItsTableAndKeepsOneRowPerKeyWhoseVersionMovesWithEachWrite() throws Exception {
        String table = newTable();
        JdbcStateRepository repository = node(table);
        try {
            assertThat(repository.getState("events")).isNull();
            repository.setState("events", "{\"n\":1}");
            repository.setState("events", "{\"n\":2}");
            repository.setState("runs", "{\"r\":1}");

            assertThat(repository.getState("events")).isEqualTo("{\"n\":2}");
            assertThat(row(table, "events")).containsExactly("{\"n\":2}", 2L);
            assertThat(row(table, "runs")).containsExactly("{\"r\":1}", 1L);
            assertThat(rowCount(table)).isEqualTo(2);
        } finally {
            repository.stop();
        }

        // a new instance (a restarted node) reads what the first wrote and goes on from its version
        JdbcStateRepository restarted = node(table);
        assertThat(restarted.getState("events")).isEqualTo("{\"n\":2}");
        restarted.setState("events", "{\"n\":3}");
        assertThat(row(table, "events")).containsExactly("{\"n\":3}", 3L);
        restarted.stop();
        LOG.info("STATE: round trip on {}", database.engine());
    }

    @Test
    void aNodeThatReadAnOlderVersionCannotOverwriteANewerPosition() throws Exception {
        String table = newTable();
        JdbcStateRepository a = node(table);
        JdbcStateRepository b = node(table);

        assertThat(a.getState("events")).isNull();
        a.setState("events", "after-10");
        // the lead moves: b reads what a wrote and moves the position on
        assertThat(b.getState("events")).isEqualTo("after-10");
        b.setState("events", "after-20");

        // a, paused meanwhile, finishes its exchange and writes its older position: refused, loudly
        assertThatThrownBy(() -> a.setState("events", "after-11"))
                .isInstanceOf(StaleStateException.class)
                .hasMessageContaining("key 'events'").hasMessageContaining(table)
                .hasMessageContaining("version 1 read, 2 found")
                .satisfies(e -> {
                    StaleStateException stale = (StaleStateException) e;
                    assertThat(stale.getExpectedVersion()).isEqualTo(1);
                    assertThat(stale.getFoundVersion()).isEqualTo(2);
                });
        assertThat(row(table, "events")).containsExactly("after-20", 2L);
        // and stays refused until it reads the key again
        assertThatThrownBy(() -> a.setState("events", "after-12")).isInstanceOf(StaleStateException.class);
        assertThat(row(table, "events")).containsExactly("after-20", 2L);

        assertThat(a.getState("events")).isEqualTo("after-20");
        a.setState("events", "after-21");
        assertThat(row(table, "events")).containsExactly("after-21", 3L);
        // now b is the stale one
        assertThatThrownBy(() -> b.setState("events", "after-20b")).isInstanceOf(StaleStateException.class);
        a.stop();
        b.stop();
    }

    @Test
    void ofTwoNodesWritingANewKeyFirstTheSecondIsRefused() throws Exception {
        String table = newTable();
        JdbcStateRepository a = node(table);
        JdbcStateRepository b = node(table);
        assertThat(a.getState("events")).isNull();
        assertThat(b.getState("events")).isNull();

        a.setState("events", "from-a");
        assertThatThrownBy(() -> b.setState("events", "from-b"))
                .isInstanceOf(StaleStateException.class).hasMessageContaining("version 0 read, 1 found");
        assertThat(row(table, "events")).containsExactly("from-a", 1L);
        a.stop();
        b.stop();
    }

    @Test
    void aKeyNeverReadIsWrittenOnlyIfNoOtherNodeWroteItSince() throws Exception {
        // the consumers' journal slots: a newer leader appended slot #10; a paused node must not overwrite it
        String table = newTable();
        JdbcStateRepository paused = node(table);
        JdbcStateRepository leader = node(table);
        leader.setState("events#10", "from-leader");

        assertThatThrownBy(() -> paused.setState("events#10", "from-paused"))
                .isInstanceOf(StaleStateException.class).hasMessageContaining("version 0 read, 1 found");
        assertThat(row(table, "events#10")).containsExactly("from-leader", 1L);
        // once read, the key is written on top of what was read
        assertThat(paused.getState("events#10")).isEqualTo("from-leader");
        paused.setState("events#10", "from-paused");
        assertThat(row(table, "events#10")).containsExactly("from-paused", 2L);
        paused.stop();
        leader.stop();
    }

    @Test
    void aMissingTableThatMayNotBeCreatedFailsTheStartWithTheSqlToCreateIt() {
        String table = newTable();
        JdbcStateRepository repository = new JdbcStateRepository(database.dataSource());
        repository.setTableName(table);
        repository.setCreateTableIfNotExists(false);

        assertThatThrownBy(repository::start)
                .hasMessageContaining("Table " + table + " of the JdbcStateRepository is missing")
                .hasMessageContaining("create it with: CREATE TABLE " + table
                                      + " (stateKey VARCHAR(255) NOT NULL PRIMARY KEY, stateValue TEXT, version BIGINT NOT NULL,"
                                      + " updatedAt TIMESTAMP NOT NULL)");
    }

    @Test
    void aTableWithOtherColumnsFailsTheStartWithTheSqlToCreateIt() throws Exception {
        String table = newTable();
        execute("CREATE TABLE " + table + " (stateKey VARCHAR(255) PRIMARY KEY, stateValue TEXT)");
        JdbcStateRepository repository = new JdbcStateRepository(database.dataSource());
        repository.setTableName(table);

        assertThatThrownBy(repository::start)
                .hasMessageContaining("lacks one of the columns stateKey, stateValue, version, updatedAt")
                .hasMessageContaining("could not be created")
                .hasMessageContaining("create it with: CREATE TABLE " + table + " (stateKey");
    }

    @Test
    void aTableNameThatIsNotAPlainSqlNameIsRefusedBeforeAnySql() {
        JdbcStateRepository repository = new JdbcStateRepository(database.dataSource());
        repository.setTableName("state; DROP TABLE users");
        assertThatThrownBy(repository::start)
                .hasMessageContaining("tableName 'state; DROP TABLE users' must be a plain SQL name");

        JdbcStateRepository noSource = new JdbcStateRepository();
        assertThatThrownBy(noSource::start).hasMessageContaining("needs a dataSource");
    }
}
