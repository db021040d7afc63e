package dev.asynccommerce.notifications.handler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The log lines written while open, each with its thread context, to check what they say and never say. */
final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext loggers = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender =
            new AbstractAppender("notifications-test", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage() + " "
                            + event.getContextData().toMap());
                }
            };

    CapturedLogs() {
        appender.start();
        loggers.getRootLogger().addAppender(appender);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        loggers.getRootLogger().removeAppender(appender);
        appender.stop();
    }
}
