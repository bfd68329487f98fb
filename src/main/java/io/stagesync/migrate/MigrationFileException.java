package io.stagesync.migrate;

/** A migration file refused at start: the message names the file, the line when known, what is wrong and what is allowed. */
public final class MigrationFileException extends IllegalArgumentException {

    public MigrationFileException(String file, int line, String problem) {
        super("migration file " + file + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
