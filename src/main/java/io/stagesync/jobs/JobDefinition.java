package io.stagesync.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named sync job from a base stage to a target stage, with an optional schedule and sync options.
 *
 * @param name      the job's id, {@code [A-Za-z0-9_-]+}
 * @param base      the stage data is read from
 * @param target    the stage data is written to
 * @param schedule  {@code hourly}, {@code daily}, {@code weekly}, a Quartz cron expression, or null for on demand
 * @param options   sync options ({@code full}, {@code models}, {@code batchSize}, ...); {@code type} says what a run does:
 *                  {@code sync} (the default) or {@code migrate} (with {@code model}, {@code id}, {@code to}, {@code dryRun})
 * @param source    where it was defined: {@code properties}, {@code api} or {@code file}
 * @param createdBy who defined it
 * @param createdAt when it was defined
 */
public record JobDefinition(String name, String base, String target, String schedule, Map<String, Object> options,
                            String source, String createdBy, Instant createdAt) {

    /** A job that syncs content (the default type). */
    public static final String SYNC = "sync";
    /** A job that applies the base stage's schema to the target ({@code stagesync schema apply}). */
    public static final String SCHEMA_APPLY = "schema-apply";
    /** A job that migrates the content of one stage in place ({@code stagesync migrate}); its stage is the target. */
    public static final String MIGRATE = "migrate";
    /** A job that backs up its stage ({@code target}) to a profile ({@code stagesync backup}); option {@code profile}. */
    public static final String BACKUP = "backup";
    /**
     * A job that restores a profile's snapshot into its target ({@code stagesync restore}); options {@code profile},
     * {@code snapshot} ({@code latest} by default), {@code models}; its base is {@code backup:<profile>}.
     */
    public static final String RESTORE = "restore";
    /** The option under which a job's type other than sync is kept (its runs carry the job's options). */
    public static final String TYPE_OPTION = "type";

    /** {@code sync}, {@code schema-apply}, {@code migrate}, {@code backup} or {@code restore}. */
    public String type() {
        return typeOf(options);
    }

    /** The type that a job's or a run's options say. */
    public static String typeOf(Map<String, Object> options) {
        return options == null ? SYNC : String.valueOf(options.getOrDefault(TYPE_OPTION, SYNC));
    }

    public JobDefinition {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** The JSON shape of the REST API. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", name);
        map.put("name", name);
        map.put("type", type());
        map.put("base", base);
        map.put("target", target);
        map.put("schedule", schedule);
        map.put("options", options);
        map.put("source", source);
        map.put("createdBy", createdBy);
        map.put("createdAt", createdAt == null ? null : createdAt.toString());
        return map;
    }
}
