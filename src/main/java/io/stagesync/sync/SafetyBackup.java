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
     * Backs up what a mirror may delete from {@code stage} to {@code profile}: the schema, the entries of {@code models}
     * (every model when empty) and the assets when {@code assets}, telling {@code progress} how it goes; returns the
     * snapshot's name ({@code <profile>/<timestamp>}); throws when the backup did not complete.
     */
    String backUp(String stage, String profile, java.util.List<String> models, boolean assets, SyncProgress progress);
}
