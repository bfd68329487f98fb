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

    private BackupStages() {
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
