package io.stagesync.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command accepts for what it prints: {@code --verbose}, {@code --quiet}, {@code --log-file}. */
public class OutputOptions {

    @Option(names = {"-v", "--verbose"}, description = "Print DEBUG log lines, and the stack trace of an error.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only warnings, errors and the result: no progress bars, no INFO lines.")
    boolean quiet;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Write the log to FILE. Default: on a terminal a file in the temp folder (its path is printed "
                    + "at the end), otherwise stderr.")
    Path logFile;
}
