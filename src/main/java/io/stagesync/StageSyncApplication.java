package io.stagesync;

import io.stagesync.cli.RootCommand;
import io.stagesync.state.StateStore;
import picocli.CommandLine;

/** Starts StageSync's command line. */
public final class StageSyncApplication {

    private StageSyncApplication() {
    }

    public static void main(String[] args) {
        StateStore.bindH2ToLoopback();
        System.exit(RootCommand.commandLine().execute(args));
    }
}
