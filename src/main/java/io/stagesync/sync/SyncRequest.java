package io.stagesync.sync;

import java.util.List;
import java.util.Map;

/**
 * What one sync run is asked to do.
 *
 * @param runId   a stable id for the run (checkpoints and logs are keyed by it; a resumed run reuses it)
 * @param source  the source stage name
 * @param target  the target stage name
 * @param models  the models to sync, empty for all
 * @param full    read and compare everything instead of only what changed since the last successful run
 * @param plan    report what would be written and write nothing
 * @param options further options by name (for example {@code batchSize}), empty for the configured defaults
 */
public record SyncRequest(String runId, String source, String target, List<String> models, boolean full,
                          boolean plan, Map<String, String> options) {

    /** Option: delete the target's entries and assets whose source is gone ({@code sync --mirror}). */
    public static final String MIRROR = "mirror";
    /** Option: the user consented to the mirror's deletions ({@code --yes}; a job's {@code mirror: true}). */
    public static final String DELETE_CONSENT = "deleteConsent";

    public SyncRequest {
        models = models == null ? List.of() : List.copyOf(models);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
