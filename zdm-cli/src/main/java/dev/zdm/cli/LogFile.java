package dev.zdm.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A command that draws on the terminal sends the process's log lines to a file instead:
 * {@code ~/.zdm/logs/<command>-<yyyyMMdd-HHmmss>.log} (or under {@code ZDM_LOG_DIR}). The console
 * appenders come back on {@link #close}, so a command run inside a test leaves logging as it found
 * it. {@code --verbose} keeps them on the terminal instead ({@link #keep}).
 */
final class LogFile implements AutoCloseable {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %replace(%msg){'[\\r\\n]+', ' | '}%n";

    private final Path path;
    private final List<Appender<ILoggingEvent>> detached;
    private final FileAppender<ILoggingEvent> file;

    private LogFile(Path path, List<Appender<ILoggingEvent>> detached, FileAppender<ILoggingEvent> file) {
        this.path = path;
        this.detached = detached;
        this.file = file;
    }

    /** Logging left as configured (on the terminal): for {@code --verbose}. */
    static LogFile keep() {
        return new LogFile(null, List.of(), null);
    }

    /** Moves the log lines of this process to a new file for {@code command}; on failure they stay where they were. */
    static LogFile open(String command) {
        String dir = System.getenv("ZDM_LOG_DIR");
        Path logs = dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".zdm", "logs") : Path.of(dir);
        Path path = logs.resolve(command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            System.err.println("zdm " + command + ": cannot write logs under " + logs + " (" + e.getMessage() + "); they stay on the terminal");
            return keep();
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return keep();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("zdm-log-file");
        file.setFile(path.toString());
        file.setEncoder(encoder);
        file.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> detached = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof ConsoleAppender) detached.add(a);
        }
        root.addAppender(file);
        detached.forEach(root::detachAppender);
        return new LogFile(path, detached, file);
    }

    /** The file the log lines go to, or null when they stay on the terminal. */
    Path path() {
        return path;
    }

    /** One line for the operator: where the logs are. */
    String where() {
        return path == null ? "" : "logs: " + path + " (--verbose shows them here)";
    }

    @Override
    public void close() {
        if (file == null) return;
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        detached.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
    }
}
