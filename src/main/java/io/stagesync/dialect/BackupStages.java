package io.stagesync.dialect;

import java.util.function.Supplier;

/**
 * Stage names that stand for a backup profile's snapshot, the source of a restore: {@code backup:<profile>}. Such a
 * stage is not configured under {@code stagesync.stages}; its dialect reads the snapshot opened for the profile.
 */
public final class BackupStages {

    public static final String PREFIX = "backup:";
    /** The CMS name its calls are routed to in {@link CmsDialects}. */
    public static final String CMS = "backup";

    /** The stage each open snapshot was taken from, by backup stage: what a target's {@code parent} rule compares. */
    private static final java.util.Map<String, String> ORIGINS = new java.util.concurrent.ConcurrentHashMap<>();

    private BackupStages() {
    }

    /** A snapshot taken from {@code origin} is open as {@code stage} (null: closed). */
    public static void opened(String stage, String origin) {
        if (origin == null) {
            ORIGINS.remove(stage);
        } else {
            ORIGINS.put(stage, origin);
        }
    }

    /**
     * The stage whose content a source stage carries: for an open snapshot the stage it was taken from, else the stage
     * itself. A stage with a {@code parent} takes syncs, schema changes and restores only of its parent's content.
     */
    public static String origin(String stage) {
        return is(stage) ? ORIGINS.getOrDefault(stage, stage) : stage;
    }

    /**
     * True when content read from {@code source} may go into {@code target}, a stage whose {@code parent} is given (null:
     * none): from its parent, or a snapshot of the parent, or a snapshot of the target itself (its pre-mirror backup,
     * say, goes back where it came from).
     */
    public static boolean mayFeed(String source, String target, String parent) {
        String origin = origin(source);
        return parent == null || parent.equals(origin) || (is(source) && target.equals(origin));
    }

    public static boolean is(String stage) {
        return stage != null && stage.startsWith(PREFIX);
    }

    public static String stage(String profile) {
        return PREFIX + profile;
    }

    public static String profile(String stage) {
        return stage.substring(PREFIX.length());
    }

    /** Dialects found when first used (the snapshot dialects are built by the backup configuration, after the stages'). */
    public static Dialects deferred(Supplier<Dialects> lookup) {
        return new Dialects() {
            @Override
            public Dialect forStage(String stage) {
                return lookup.get().forStage(stage);
            }

            @Override
            public AssetApi assets() {
                return lookup.get().assets();
            }

            @Override
            public SchemaAdmin schemaAdmin() {
                return lookup.get().schemaAdmin();
            }
        };
    }
}
