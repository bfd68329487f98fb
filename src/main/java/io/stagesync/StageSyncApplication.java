package io.stagesync;

import io.stagesync.cli.RootCommand;
import picocli.CommandLine;

/** Starts StageSync's command line. */
public final class StageSyncApplication {

    private StageSyncApplication() {
    }

    public static void main(String[] args) {
        System.exit(RootCommand.commandLine().execute(args));
    }
}
