package io.stagesync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Runs devstage, the local Hygraph-compatible stage server. */
@Command(name = "devstage", mixinStandardHelpOptions = true, description = "Runs devstage, the local Hygraph-compatible stage server.")
public class DevstageCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.err.println("devstage: not implemented yet");
        return 2;
    }
}
