package io.stagesync.sync;

/**
 * Receives a sync run's progress as it happens: the terminal progress bars and the jobs service both listen.
 * Phases are {@code assets}, {@code entries}, {@code relations} and {@code publish}.
 */
public interface SyncProgress {

    /** A phase starts; {@code total} is the number of items it expects, or -1 if unknown. */
    default void phaseStarted(String phase, long total) {
    }

    /** {@code done} of {@code total} items of a phase are finished (total -1 if unknown). */
    default void progress(String phase, long done, long total) {
    }

    /** Bytes moved by the asset phase so far. */
    default void bytes(long done, long total) {
    }

    /** A phase ended. */
    default void phaseFinished(String phase) {
    }

    /** A log line of the run; level is INFO, WARN or ERROR. */
    default void log(String level, String phase, String message) {
    }

    /** The run should stop as soon as it safely can (its checkpoint is kept). */
    default boolean cancelled() {
        return false;
    }

    SyncProgress NONE = new SyncProgress() {
    };
}
