package io.stagesync.cli;

import org.apache.camel.FailedToCreateRouteException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed command's exception into one line for the terminal: the messages of its cause chain, each said once,
 * with the file and line of a YAML error and the id of a route that could not be built.
 */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        String route = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FailedToCreateRouteException created && route == null) {
                route = created.getRouteId();
                continue;
            }
            String message = t instanceof MarkedYamlEngineException yaml ? yaml(yaml) : clean(t);
            if (message.isEmpty() || parts.stream().anyMatch(p -> p.contains(message))) {
                continue;
            }
            if (t instanceof MarkedYamlEngineException) {
                // the file, line and problem say it all; the wrappers only repeat the file name
                parts.clear();
                parts.add(message);
                break;
            }
            parts.removeIf(message::contains);
            parts.add(message);
        }
        if (parts.isEmpty()) {
            parts.add(failure.getClass().getSimpleName());
        }
        String line = String.join(": ", parts);
        return route == null ? line : "route '" + route + "': " + line;
    }

    /** A YAML error as {@code <file> line L, column C: <context>: <problem>} (lines counted from 1). */
    private static String yaml(MarkedYamlEngineException e) {
        String where = e.getContextMark().or(e::getProblemMark)
                .map(m -> m.getName() + " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("YAML");
        String what = e.getContext() == null ? e.getProblem() : e.getContext() + ": " + e.getProblem();
        return "invalid YAML in " + where + ": " + what;
    }

    /** The message on one line, without a leading exception class name that wrappers add. */
    private static String clean(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return "";
        }
        message = message.replaceAll("\\s*\\R\\s*", " ").strip();
        while (message.matches("^([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error): .*")) {
            message = message.substring(message.indexOf(": ") + 2);
        }
        return message.equals(t.getClass().getName()) ? "" : message;
    }
}
