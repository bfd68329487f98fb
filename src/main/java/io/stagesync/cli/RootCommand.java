package io.stagesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stagesync} command. With no sub-command it runs the main job ({@link RunCommand}).
 */
@Command(name = "stagesync", mixinStandardHelpOptions = true, version = "StageSync 0.1.0",
        description = "Keeps the stages (environments) of a headless CMS in step.",
        subcommands = {RunCommand.class, SyncCommand.class, ServeCommand.class, DevstageCommand.class})
public class RootCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Mixin
    ConfigOption config;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunCommand run = new RunCommand();
        run.config = config;
        run.output = output;
        return run.call();
    }

    public static CommandLine commandLine() {
        CommandErrors errors = new CommandErrors();
        return new CommandLine(new RootCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }
}
