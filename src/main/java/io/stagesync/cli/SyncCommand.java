package io.stagesync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Syncs one stage into another. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Syncs one stage into another.")
public class SyncCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.err.println("sync: not implemented yet");
        return 2;
    }
}
