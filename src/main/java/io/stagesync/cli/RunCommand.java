package io.stagesync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Runs the main job on the embedded default. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the main job on the embedded default.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.err.println("run: not implemented yet");
        return 2;
    }
}
