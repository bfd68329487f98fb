package io.stagesync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.stagesync.sync.SyncProgress;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's output goes, set up from {@code --verbose}, {@code --quiet} and {@code --log-file} before it
 * runs. On a terminal, a sync shows progress bars; its log goes to a file (named at the end) and only warnings and
 * errors appear, above the bars. Off a terminal (CI, pipes) the log lines go to stderr as they come.
 */
final class ConsoleOutput implements AutoCloseable {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    private static final ConsoleOutput PLAIN = new ConsoleOutput(null, null);
    private static volatile ConsoleOutput current = PLAIN;

    private final Terminal terminal;
    private final Path logFile;
    private final List<Runnable> undo = new ArrayList<>();
    private ProgressBars bars;

    private ConsoleOutput(Terminal terminal, Path logFile) {
        this.terminal = terminal;
        this.logFile = logFile;
    }

    /**
     * Sets up the output of a command; {@code showsProgress} is true for the commands that draw bars on a terminal
     * ({@code run}, {@code sync}), whose INFO log then goes to a file. {@link #close} undoes it.
     */
    static ConsoleOutput setUp(boolean showsProgress, boolean verbose, boolean quiet, Path logFile) throws IOException {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Terminal terminal = showsProgress && !quiet && System.console() != null ? terminal() : null;
        ConsoleOutput output = new ConsoleOutput(terminal, terminal == null ? logFile
                : logFile != null ? logFile : Files.createTempFile("stagesync-", ".log"));
        if (verbose) {
            Level level = root.getLevel();
            root.setLevel(Level.DEBUG);
            output.undo.add(() -> root.setLevel(level));
        }
        if (output.logFile != null) {
            output.attach(root, fileAppender(logback, output.logFile));
        }
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ConsoleAppender<ILoggingEvent>) {
                consoles.add(a);
            }
        });
        if (terminal != null) {
            output.bars = new ProgressBars(terminal);
            output.attach(root, output.warningsAboveBars(logback));
            for (Appender<ILoggingEvent> console : consoles) {
                root.detachAppender(console);
                output.undo.add(() -> root.addAppender(console));
            }
        } else if (quiet || logFile != null) {
            for (Appender<ILoggingEvent> console : consoles) {
                console.addFilter(threshold(logback, Level.WARN));
                output.undo.add(console::clearAllFilters);
            }
        }
        current = output;
        return output;
    }

    private void attach(ch.qos.logback.classic.Logger root, Appender<ILoggingEvent> appender) {
        root.addAppender(appender);
        undo.add(() -> {
            root.detachAppender(appender);
            appender.stop();
        });
    }

    /** The progress listener of the running command: the bars on a terminal, else none. */
    static SyncProgress progress() {
        ProgressBars bars = current.bars;
        return bars == null ? SyncProgress.NONE : bars;
    }

    /** Clears the bars before a result is printed; the next sync draws new ones. */
    static void endProgress() {
        ConsoleOutput output = current;
        if (output.bars != null) {
            output.bars.close();
            output.bars = new ProgressBars(output.terminal);
        }
    }

    @Override
    public void close() {
        if (bars != null) {
            bars.close();
            bars = null;
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException e) {
                // the terminal is left as it is
            }
            System.err.println("Log: " + logFile.toAbsolutePath());
        }
        current = PLAIN;
    }

    /** The system terminal, or null when there is none that can draw (a dumb one). */
    private static Terminal terminal() throws IOException {
        if ("dumb".equals(System.getenv("TERM"))) {
            return null;
        }
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            terminal.close();
            return null;
        }
        return terminal;
    }

    private Appender<ILoggingEvent> warningsAboveBars(LoggerContext logback) {
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                IThrowableProxy thrown = event.getThrowableProxy();
                ProgressBars shown = bars;
                String line = String.format("%-5s %s%s", event.getLevel(), event.getFormattedMessage(),
                        thrown == null ? "" : " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")");
                if (shown != null) {
                    shown.above(line);
                } else {
                    System.err.println(line);
                }
            }
        };
        appender.setContext(logback);
        appender.setName("ABOVE_BARS");
        appender.addFilter(threshold(logback, Level.WARN));
        appender.start();
        return appender;
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext logback, Path file) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(logback);
        appender.setName("FILE");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static ThresholdFilter threshold(LoggerContext logback, Level level) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setContext(logback);
        filter.setLevel(level.toString());
        filter.start();
        return filter;
    }
}
