package io.stagesync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Runs the long-running jobs service. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the long-running jobs service.")
public class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.err.println("serve: not implemented yet");
        return 2;
    }
}
