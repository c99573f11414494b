package io.camelinngest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged while it is open, at the levels given, through an appender on the Log4j2 root logger: what a user
 * would read in their log.
 */
public final class LogLines extends AbstractAppender implements AutoCloseable {

    /** One logged line: level, logger, the formatted message and whether it carried a stack trace. */
    public record Line(Level level, String logger, String message, Throwable thrown) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (thrown == null ? "" : " [with stack trace]");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Level> restore;

    private LogLines(Map<String, Level> levels, Map<String, Level> restore) {
        super("lines-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.restore = restore;
        start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
        Configurator.setLevel(levels);
        context.updateLoggers();
    }

    /** Captures with the given logger levels; on close the levels become {@code restore}. */
    public static LogLines capture(Map<String, Level> levels, Map<String, Level> restore) {
        return new LogLines(levels, restore);
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new Line(
                event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                event.getThrown()));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        Configurator.setLevel(restore);
        context.updateLoggers();
        stop();
    }
}
