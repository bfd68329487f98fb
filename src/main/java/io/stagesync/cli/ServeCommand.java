package io.stagesync.cli;

import io.stagesync.jobs.ServeLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Override
    public Integer call() throws Exception {
        return new ServeLauncher(config.file(), Map.of()).run();
    }
}
