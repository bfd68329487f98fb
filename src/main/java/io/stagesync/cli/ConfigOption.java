package io.stagesync.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config FILE} option every command accepts: it replaces the default properties file. */
public class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file that replaces the default application.properties.")
    Path file;

    public Path file() {
        return file;
    }
}
