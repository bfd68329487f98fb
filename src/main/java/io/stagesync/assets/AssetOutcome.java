package io.stagesync.assets;

/**
 * What happened to one source asset: created, updated, reuploaded, unchanged or failed (with its reason);
 * in plan mode, what would happen.
 */
public record AssetOutcome(String sourceId, String result, String targetId, long bytes, String reason) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String REUPLOADED = "reuploaded";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILED = "failed";
}
