package io.stagesync.sync.schema;

import java.util.List;

/**
 * The target stage's schema cannot hold the source's content; nothing was written.
 */
public class SchemaIncompatibleException extends RuntimeException {

    private final List<String> problems;

    public SchemaIncompatibleException(String source, String target, List<String> problems) {
        super("Incompatible schemas: stage '" + target + "' cannot receive the content of stage '" + source + "' ("
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): " + String.join("; ", problems)
                + ". Align the schemas first (see the difference with: stagesync schema diff --from " + source + " --to " + target
                + "); nothing was written.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
