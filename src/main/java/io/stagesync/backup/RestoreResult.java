package io.stagesync.backup;

import io.stagesync.sync.SyncResult;

import java.util.List;

/**
 * What a restore did: the snapshot it read, the schema apply's outcome ({@code NOTHING} when the target's schema
 * already fit, {@code SUCCESS}, or the stage's answer) and the changes it applied or left, and the sync result of
 * writing the snapshot's assets, entries, relations and publish state (status, counts, failures, warnings), and the
 * snapshot's own warnings (what its backup could not copy, such as an asset whose file was gone).
 */
public record RestoreResult(String profile, String snapshot, String target, String schemaStatus, List<String> schemaChanges,
                            List<String> schemaNotApplied, SyncResult sync, List<String> snapshotWarnings) {

    public String status() {
        return sync.status();
    }

    public boolean succeeded() {
        return sync.succeeded();
    }
}
