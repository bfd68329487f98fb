package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** Starts the application for one backup, restore or profiles command and hands its beans to the command's work. */
final class BackupCommands {

    private BackupCommands() {
    }

    /** The work of a command, on the started application's registry. */
    @FunctionalInterface
    interface Work {
        int run(org.apache.camel.spi.Registry registry) throws Exception;
    }

    static int run(ConfigOption config, Work work) throws Exception {
        Path file = config == null ? null : config.file();
        Main main = CamelBootstrap.of(file, Map.of()).createMain();
        main.start();
        try {
            return work.run(main.getCamelContext().getRegistry());
        } finally {
            main.stop();
        }
    }

    static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1024 * 1024 ? String.format("%.1f KiB", n / 1024.0)
                : n < 1024L * 1024 * 1024 ? String.format("%.1f MiB", n / 1048576.0) : String.format("%.2f GiB", n / 1073741824.0);
    }
}
