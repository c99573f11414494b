package io.camelinngest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camelinngest.jdbc.JdbcStateRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.util.FileUtil;

/**
 * The state repositories of the catch-up arms, a new one per drain: Camel's {@link MemoryStateRepository}, Camel's
 * {@link FileStateRepository} (a file of its own in a temporary directory) and the component's JDBC repository on an
 * embedded PostgreSQL (started on first use, {@code synchronous_commit=off} so that a commit does not wait for the disk
 * this machine shares, behind a HikariCP pool as a user would run it).
 */
final class Repositories implements AutoCloseable {

    enum Kind {
        MEMORY,
        FILE,
        JDBC;

        static Kind parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path directory;
    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private int files;

    Repositories() throws IOException {
        directory = Files.createTempDirectory("catchup-state");
    }

    StateRepository<String, String> create(Kind kind) throws IOException {
        return switch (kind) {
            case MEMORY -> new MemoryStateRepository();
            case FILE -> FileStateRepository.fileStateRepository(directory.resolve("state-" + ++files + ".dat").toFile());
            case JDBC -> jdbc(dataSource());
        };
    }

    /**
     * The JDBC arm's repository: the one place that names its class (moving to module camel-inngest-jdbc, package
     * io.camelinngest.jdbc).
     */
    static StateRepository<String, String> jdbc(DataSource dataSource) {
        return new JdbcStateRepository(dataSource);
    }

    /** What the JDBC arm runs on, for the report. */
    String database() {
        return postgres == null ? "none" : "embedded PostgreSQL (io.zonky.test), synchronous_commit=off, HikariCP pool of 4";
    }

    private synchronized DataSource dataSource() throws IOException {
        if (pool == null) {
            postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(4);
            config.setPoolName("catchup-state");
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public void close() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        FileUtil.removeDir(directory.toFile());
    }
}
