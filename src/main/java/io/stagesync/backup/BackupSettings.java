package io.stagesync.backup;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where snapshots go: the default bucket and prefix ({@code stagesync.backup.*}), each profile's own bucket, prefix and
 * retention ({@code stagesync.profiles.<name>.bucket|prefix|keep}), and how models are cut into chunks.
 *
 * @param chunkSize the entries a model chunk aims at (a model of n entries gets the power of two nearest n / chunkSize
 *                  chunks, by a hash of the entry id)
 */
public record BackupSettings(String bucket, String prefix, int chunkSize, Map<String, Profile> profiles) {

    /** Profile names: letters, digits, '-' and '_' (they are a path segment and a key segment). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern KEY = Pattern.compile("stagesync\\.profiles\\.([A-Za-z0-9_-]+)\\.(bucket|prefix|keep)");

    /** One profile: its bucket and key prefix, and how many complete snapshots {@code prune} keeps (0: no rule). */
    public record Profile(String name, String bucket, String prefix, int keep) {
    }

    public BackupSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("stagesync.backup.bucket must name a bucket");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("stagesync.backup.chunk-size must be at least 1, got: " + chunkSize);
        }
        prefix = normalPrefix(prefix);
        profiles = Map.copyOf(profiles);
    }

    /** The settings from all properties: profile keys are collected from {@code stagesync.profiles.<name>.*}. */
    public static BackupSettings of(String bucket, String prefix, int chunkSize, Map<String, String> properties) {
        Map<String, Map<String, String>> byProfile = new TreeMap<>();
        properties.forEach((k, v) -> {
            Matcher m = KEY.matcher(k);
            if (m.matches() && v != null && !v.isBlank()) {
                byProfile.computeIfAbsent(m.group(1), n -> new TreeMap<>()).put(m.group(2), v.trim());
            }
        });
        Map<String, Profile> profiles = new TreeMap<>();
        byProfile.forEach((name, keys) -> {
            int keep;
            try {
                keep = Integer.parseInt(keys.getOrDefault("keep", "0"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("stagesync.profiles." + name + ".keep must be a whole number of snapshots, got: " + keys.get("keep"));
            }
            profiles.put(name, new Profile(name, keys.getOrDefault("bucket", bucket.trim()), normalPrefix(keys.getOrDefault("prefix", prefix)), keep));
        });
        return new BackupSettings(bucket.trim(), prefix, chunkSize, profiles);
    }

    /** A profile by name: its configured settings, or the defaults (any valid name is a profile). */
    public Profile profile(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Profile name '" + name + "' is not allowed: 1 to 100 letters, digits, '-' or '_'");
        }
        return profiles.getOrDefault(name, new Profile(name, bucket, prefix, 0));
    }

    private static String normalPrefix(String prefix) {
        return prefix == null || prefix.isBlank() ? "" : prefix.trim().replaceAll("^/+|/+$", "") + "/";
    }
}
