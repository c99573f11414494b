package io.camelinngest.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.camelinngest.state.SharedStateRepository;
import io.camelinngest.state.StaleStateException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SharedStateRepository} in a database table that several nodes share, so that a consumer's position follows
 * the lead from one machine to another: one row per key; each {@link #setState} or {@link #setStates} is one
 * transaction, so with {@code positionCommit=poll} a consumer commits once per poll.
 * <p>
 * Each row carries a version. This instance remembers the version of each key it read ({@link #getState}) and writes
 * {@code WHERE version = ?}, moving it on by one; when another node wrote the key in between, the write changes no row
 * and fails with a {@link StaleStateException}, and every later write of that key fails too until the key is read
 * again. So a node that lost the lead (or was paused while another took over) cannot move the position back. The
 * Inngest consumers read their position each time they start, which is each time their node takes the lead, and again
 * after a write failed. A key this instance never read is written only if it has no row yet: the consumers read every
 * key of their position when they start, so a key they write without having read it is one another node may have
 * written since (a journal slot appended by a newer leader), and such a write fails the same way.
 * <p>
 * Conventions of camel-sql's {@code JdbcMessageIdRepository}: the table (default {@value #DEFAULT_TABLE_NAME}) is
 * checked when the repository starts and created when missing unless {@code createTableIfNotExists} is false; a table
 * that is missing or lacks a column fails the start with the SQL that creates it. Connections come from the
 * {@link DataSource} per call (use a pooling one); each call is its own transaction.
 * <p>
 * In code: {@code new JdbcStateRepository(dataSource)} or {@code new JdbcStateRepository(dataSource, "MY_TABLE")}; as a
 * bean, the properties {@code dataSource}, {@code tableName}, {@code createTableIfNotExists}, {@code createTableSql}.
 */
public class JdbcStateRepository extends ServiceSupport implements SharedStateRepository {

    public static final String DEFAULT_TABLE_NAME = "CAMEL_INNGEST_STATE";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateRepository.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final String COLUMNS = "stateKey, stateValue, version, updatedAt";

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean createTableIfNotExists = true;
    private String createTableSql;
    /** The version of each key's row as this instance last read or wrote it; 0 when there was no row. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** On {@code tableName} (optionally {@code schema.table}) rather than {@value #DEFAULT_TABLE_NAME}. */
    public JdbcStateRepository(DataSource dataSource, String tableName) {
        this.dataSource = dataSource;
        this.tableName = tableName;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /** The table, optionally schema-qualified (default {@value #DEFAULT_TABLE_NAME}). */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public boolean isCreateTableIfNotExists() {
        return createTableIfNotExists;
    }

    /** Whether a missing table is created at start (default true); when false, a missing table fails the start. */
    public void setCreateTableIfNotExists(boolean createTableIfNotExists) {
        this.createTableIfNotExists = createTableIfNotExists;
    }

    /**
     * The statement that creates the table. The default suits PostgreSQL and H2: {@code stateKey VARCHAR(255)} primary
     * key, {@code stateValue TEXT}, {@code version BIGINT}, {@code updatedAt TIMESTAMP}. Give your own for a database
     * without {@code TEXT} (Oracle: {@code CLOB}; MySQL: {@code LONGTEXT}); the column names must stay.
     */
    public String getCreateTableSql() {
        return createTableSql != null
                ? createTableSql
                : "CREATE TABLE " + tableName + " (stateKey VARCHAR(255) NOT NULL PRIMARY KEY, stateValue TEXT,"
                  + " version BIGINT NOT NULL, updatedAt TIMESTAMP NOT NULL)";
    }

    public void setCreateTableSql(String createTableSql) {
        this.createTableSql = createTableSql;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcStateRepository needs a dataSource");
        }
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            throw new IllegalArgumentException(
                    "JdbcStateRepository tableName '" + tableName
                                               + "' must be a plain SQL name (letters, digits, _ and $; schema.table allowed)");
        }
        SQLException missing = checkTable();
        if (missing == null) {
            return;
        }
        if (!createTableIfNotExists) {
            throw new IllegalStateException(
                    "Table " + tableName + " of the JdbcStateRepository is missing or lacks one of the"
                                            + " columns " + COLUMNS + " (" + missing.getMessage() + "); create it with: "
                                            + getCreateTableSql());
        }
        try {
            transaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(getCreateTableSql());
                }
                return null;
            });
            LOG.info("Created table {} for the Inngest consumers' state", tableName);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Table " + tableName + " of the JdbcStateRepository is missing or lacks one of the"
                                            + " columns " + COLUMNS + " (" + missing.getMessage() + ") and could not be"
                                            + " created (" + e.getMessage() + "); create it with: " + getCreateTableSql(),
                    e);
        }
    }

    /** {@code null} when the table has the columns this repository uses, else why not. */
    private SQLException checkTable() {
        try {
            transaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT " + COLUMNS + " FROM " + tableName + " WHERE 1 = 0").close();
                }
                return null;
            });
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        versions.clear();
    }

    /** Reads the key's value and remembers its version: the next write of the key expects that version. */
    @Override
    public String getState(String key) {
        try {
            Row row = transaction(connection -> read(connection, key));
            versions.put(key, row.version());
            return row.value();
        } catch (SQLException e) {
            throw new RuntimeCamelException(
                    "Cannot read the state under key '" + key + "' from table " + tableName + ": "
                                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes the key's value if the row still has the version this instance read or last wrote.
     *
     * @throws StaleStateException when another node wrote the key since
     */
    @Override
    public void setState(String key, String value) {
        setStates(Collections.singletonMap(key, value)); // singletonMap: a null value stays allowed
    }

    /**
     * Writes the keys' values in one transaction, each if its row still has the version this instance read or last
     * wrote; when one of them does not, the transaction is rolled back and nothing is written.
     *
     * @throws StaleStateException when another node wrote one of the keys since
     */
    @Override
    public void setStates(Map<String, String> states) {
        // a key this instance never read is taken to be new: if another node wrote it meanwhile, that is a stale write
        // too (the consumers' journal slots are such keys: a paused node must not overwrite the slot a newer leader
        // appended)
        Map<String, Long> expected = new LinkedHashMap<>();
        states.keySet().forEach(key -> expected.put(key, versions.getOrDefault(key, 0L)));
        try {
            transaction(states.size() > 1, connection -> {
                for (Map.Entry<String, String> state : states.entrySet()) {
                    String key = state.getKey();
                    long version = expected.get(key);
                    boolean written = version == 0
                            ? insert(connection, key, state.getValue())
                            : update(connection, key, state.getValue(), version);
                    if (!written) {
                        throw new StaleKey(key); // rolls the transaction back: none of the keys is written
                    }
                }
                return null;
            });
        } catch (StaleKey e) {
            // the versions stay as they were: every write of the stale key fails until it is read again
            throw new StaleStateException(e.key, "table " + tableName, expected.get(e.key), foundVersion(e.key));
        } catch (SQLException e) {
            throw new RuntimeCamelException(
                    "Cannot write the state under " + (states.size() == 1 ? "key '" : "keys '")
                                            + String.join("', '", states.keySet()) + "' to table " + tableName + ": "
                                            + e.getMessage(),
                    e);
        }
        expected.forEach((key, version) -> versions.put(key, version + 1));
    }

    /** The version the key's row has now, for the message of a refused write (-1 when it cannot be read). */
    private long foundVersion(String key) {
        try {
            return transaction(connection -> read(connection, key)).version();
        } catch (SQLException e) {
            LOG.debug("Cannot read the version of key '{}' after a refused write: {}", key, e.getMessage());
            return -1;
        }
    }

    private record Row(String value, long version) {
    }

    private Row read(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT stateValue, version FROM " + tableName + " WHERE stateKey = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Row(rows.getString(1), rows.getLong(2)) : new Row(null, 0);
            }
        }
    }

    private boolean update(Connection connection, String key, String value, long expected) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tableName
                                                                    + " SET stateValue = ?, version = ?, updatedAt = CURRENT_TIMESTAMP"
                                                                    + " WHERE stateKey = ? AND version = ?")) {
            update.setString(1, value);
            update.setLong(2, expected + 1);
            update.setString(3, key);
            update.setLong(4, expected);
            return update.executeUpdate() == 1;
        }
    }

    /** The first write of a key: fails (false) when another node inserted it first. */
    private boolean insert(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tableName
                                                                    + " (stateKey, stateValue, version, updatedAt)"
                                                                    + " VALUES (?, ?, 1, CURRENT_TIMESTAMP)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint violation: the key's row exists now
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A write of {@link #setStates} that changed no row: it rolls the transaction back. */
    private static final class StaleKey extends SQLException {
        private final String key;

        private StaleKey(String key) {
            super("stale key " + key);
            this.key = key;
        }
    }

    /**
     * Runs work of one statement in a connection of its own, as one transaction: the statement alone when the data
     * source hands out auto-commit on, else committed at the end.
     */
    private <T> T transaction(Work<T> work) throws SQLException {
        return transaction(false, work);
    }

    /**
     * Runs the work in one transaction on a connection of its own: committed at the end, rolled back when it throws.
     * With {@code several} statements, auto-commit is turned off for the transaction and back on after it.
     */
    private <T> T transaction(boolean several, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean explicit = several || !autoCommit;
            if (autoCommit && several) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                if (explicit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (explicit) {
                    try {
                        connection.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            } finally {
                if (autoCommit && several) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + tableName + "]";
    }
}
