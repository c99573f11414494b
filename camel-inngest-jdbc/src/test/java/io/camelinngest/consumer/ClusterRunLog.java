package io.camelinngest.consumer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The timeline of one run of a cluster test, in a file of its own ({@code target/cluster-kill/<test>-<time>.log}), so
 * that a failed run explains itself without a word on stdout: what each node saw (ZooKeeper connection states,
 * leadership, route starts and stops, deliveries, kills), every WARN or ERROR logged meanwhile (with its thread), and
 * the Inngest consumers' and the election's own log lines.
 */
final class ClusterRunLog implements AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private final long began = System.nanoTime();
    private final Appender appender = new Appender();

    private ClusterRunLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        appender.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        // on the root only: the lines of io.camelinngest (DEBUG) reach it by additivity
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        logging.updateLoggers();
    }

    /** A new log under {@code target/cluster-kill/}, named after the time it starts. */
    static ClusterRunLog start(String test) throws IOException {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return new ClusterRunLog(Path.of("target", "cluster-kill", test + "-" + time + ".log"));
    }

    Path file() {
        return file;
    }

    /** One line of the timeline: milliseconds since the start, the node (or "test"), what happened. */
    synchronized void event(String node, String what) {
        try {
            out.write(String.format("%8d %-7s %s%n", (System.nanoTime() - began) / 1_000_000, node, what));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(appender.getName());
        logging.updateLoggers();
        appender.stop();
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** WARN and above from everywhere but ZooKeeper's servers (ERROR there); the election's and consumers' lines. */
    private final class Appender extends AbstractAppender {
        Appender() {
            super("cluster-run-log", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String logger = event.getLoggerName();
            boolean wanted = logger.startsWith("org.apache.zookeeper.server")
                    ? event.getLevel().isMoreSpecificThan(Level.ERROR)
                    : event.getLevel().isMoreSpecificThan(Level.WARN) || logger.startsWith("io.camelinngest.consumer")
                            || logger.startsWith("org.apache.camel.impl.cluster")
                            || logger.startsWith("org.apache.camel.component.zookeeper")
                            || logger.startsWith("org.apache.curator.framework.recipes.leader")
                            || logger.startsWith("org.apache.curator.framework.state");
            if (!wanted || logger.endsWith(".ClientCnxn") && event.getThrown() instanceof java.net.ConnectException) {
                // a dead node's client retrying its closed proxies every second says nothing new
                return;
            }
            Throwable thrown = event.getThrown();
            String source = logger.substring(logger.lastIndexOf('.') + 1);
            event(event.getLevel().name(), "[" + event.getThreadName() + "] " + source + ": "
                                           + event.getMessage().getFormattedMessage()
                                           + (thrown == null ? "" : " | " + thrown));
        }
    }
}
