package io.stagesync.cli;

import io.stagesync.jobs.ServeLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the long-running jobs service: scheduled, file-drop and on-demand sync jobs, REST API and dashboard. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the long-running jobs service (REST API under /api, dashboard under /dashboard).")
public class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: stagesync.server.host, 127.0.0.1; 0.0.0.0 = every interface).")
    String host;

    @Override
    public Integer call() throws Exception {
        return new ServeLauncher(config.file(), host == null ? Map.of() : Map.of("stagesync.server.host", host)).run();
    }
}
