package io.stagesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * How a command that cannot run says so: one line on stderr (two for a wrong command line: the problem and where
 * help is), the stack trace only with {@code --verbose}; exit code 2 for a wrong command line, 1 for anything else.
 */
final class CommandErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int FAILED = 1;
    static final int USAGE = 2;
    /** A schema apply whose batch had not finished when its timeout passed (the stage may still apply it). */
    static final int TIMEOUT = 4;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        if (failure instanceof CommandLine.ParameterException usage) {
            return handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = command.getErr();
        if (verbose(parsed)) {
            failure.printStackTrace(err);
        }
        err.println(name(command) + ": " + Failures.describe(failure));
        err.flush();
        return FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(name(command) + ": " + failure.getMessage());
        err.println("Try '" + name(command) + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
