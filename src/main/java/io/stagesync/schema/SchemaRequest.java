package io.stagesync.schema;

import java.nio.file.Path;

/**
 * What the {@code schema-diff} and {@code schema-apply} routes are asked: a stage pair, or a plan file (apply), the
 * user's options, and how long an apply waits for the stage.
 */
public record SchemaRequest(String from, String to, Path plan, SchemaDiffer.Options options, long timeoutMs) {
}
