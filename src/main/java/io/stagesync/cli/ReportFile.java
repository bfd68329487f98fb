package io.stagesync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --report} file: checked before a run starts (its folder exists, it can be written), written at the end. */
final class ReportFile {

    private ReportFile() {
    }

    /** What keeps the report from being written to {@code file}, or null when it can be. Creates nothing. */
    static String problem(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            return "is a folder; give the path of a file";
        }
        if (folder == null || !Files.exists(folder)) {
            return "folder " + folder + " does not exist (it is not created; make it first)";
        }
        if (!Files.isDirectory(folder)) {
            return folder + " is not a folder";
        }
        if (Files.exists(absolute) ? !Files.isWritable(absolute) : !Files.isWritable(folder)) {
            return (Files.exists(absolute) ? "the file" : "folder " + folder) + " is not writable";
        }
        return null;
    }

    /** Refuses the command line with one line when {@code file} (given with {@code option}) cannot be written; null is fine. */
    static void check(picocli.CommandLine.Model.CommandSpec spec, String option, Path file) {
        String problem = file == null ? null : problem(file);
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + file + ": " + problem);
        }
    }

    static void write(Path file, Map<String, Object> report) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
