package io.stagesync.sync;

/**
 * Backs up a stage before a mirror sync deletes from it, to the profile {@code pre-mirror-<stage>}.
 */
@FunctionalInterface
public interface SafetyBackup {

    /** The profile a mirror into {@code stage} backs up to. */
    static String profileFor(String stage) {
        return "pre-mirror-" + stage;
    }

    /**
     * Backs up {@code stage} whole (schema, entries, assets) to {@code profile}, telling {@code progress} how it goes;
     * returns the snapshot's name ({@code <profile>/<timestamp>}); throws when the backup did not complete.
     */
    String backUp(String stage, String profile, SyncProgress progress);
}
