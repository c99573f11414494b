package io.camelinngest.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what the component logs, through an appender added to the Log4j2 configuration for the test. */
final class LogCapture extends AbstractAppender {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerConfig loggerConfig;

    private LogCapture(LoggerConfig loggerConfig) {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.loggerConfig = loggerConfig;
    }

    static LogCapture capture() {
        LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
        LoggerConfig config = logContext.getConfiguration().getLoggerConfig("io.camelinngest.tracking.RunWatcher");
        LogCapture capture = new LogCapture(config);
        capture.start();
        config.addAppender(capture, Level.ALL, null);
        logContext.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLoggerName().startsWith("io.camelinngest")) {
            events.add(event.toImmutable());
        }
    }

    List<String> messages(Level level) {
        List<String> messages = new ArrayList<>();
        for (LogEvent e : events) {
            if (e.getLevel() == level) {
                messages.add(e.getLoggerName() + ": " + e.getMessage().getFormattedMessage());
            }
        }
        return messages;
    }

    void release() {
        loggerConfig.removeAppender(getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
