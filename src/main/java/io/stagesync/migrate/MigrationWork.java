package io.stagesync.migrate;

import io.stagesync.dialect.SourceEntry;

import java.util.List;

/**
 * One entry of a migrate page: as read ({@code before}), after its pending steps ({@code after}, null when a step
 * failed), the steps, and the outcome.
 */
public record MigrationWork(String id, SourceEntry before, SourceEntry after, List<MigrationStep> steps, Outcome outcome,
                            String reason, String beforeHash, String afterHash) {

    /** CHANGED: to write; NOT_MODIFIED: the steps left it as it was; LANDED: an earlier run's write reached the stage;
     * DONE: no step pending; FAILED: a step failed. */
    public enum Outcome { CHANGED, NOT_MODIFIED, LANDED, DONE, FAILED }
}
