package io.stagesync.sync;

/**
 * Runs one sync between two stages (assets, entries, relations, publish) and returns its result.
 * The CLI's {@code sync} command and the jobs service both call it.
 */
public interface SyncService {

    /**
     * Runs the sync. The result's status is SUCCEEDED, PARTIAL or FAILED; it never throws for a failed item.
     * The result's report is the JSON-ready map written by {@code --report}.
     */
    SyncResult run(SyncRequest request, SyncProgress progress);
}
