package io.stagesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stagesync} command. With no sub-command it runs the main job ({@link RunCommand}).
 */
@Command(name = "stagesync", mixinStandardHelpOptions = true, version = "StageSync 0.1.0",
        description = "Keeps the stages (environments) of a headless CMS in step.",
        subcommands = {RunCommand.class, SyncCommand.class, SchemaCommand.class, MigrateCommand.class, ServeCommand.class,
                DevstageCommand.class, DirectusDemoCommand.class, BackupCommand.class, RestoreCommand.class,
                ProfilesCommand.class})
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
                .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors)
                .setExecutionStrategy(RootCommand::execute);
    }

    /** Runs the command the line names with its output set up from --verbose, --quiet and --log-file. */
    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        if (help) {
            return new CommandLine.RunLast().execute(parsed);
        }
        Object command = last.commandSpec().userObject();
        boolean showsProgress = command instanceof RootCommand || command instanceof RunCommand || command instanceof SyncCommand
                || command instanceof MigrateCommand
                || command instanceof BackupCommand || command instanceof RestoreCommand;
        try (ConsoleOutput output = ConsoleOutput.setUp(showsProgress, last.matchedOptionValue("--verbose", false),
                last.matchedOptionValue("--quiet", false), last.matchedOptionValue("--log-file", null))) {
            return new CommandLine.RunLast().execute(parsed);
        } catch (java.io.IOException e) {
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "cannot set up the log: " + e.getMessage(), e);
        }
    }
}
