package io.stagesync.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The object keys of a bucket's backups: {@code <prefix>profiles/<P>/<timestamp>/} holds a snapshot's schema, its
 * chunks ({@code entries/<Model>/<n>.ndjson.gz}), its resume markers and, written last, its manifest; asset files
 * are {@code <prefix>blobs/<sha256>}, shared by every snapshot in the bucket.
 */
public record SnapshotLayout(String prefix, String profile) {

    /** Timestamps sort as text in time order: {@code 20261205T003015.123Z}. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    public static boolean isTimestamp(String s) {
        return s != null && s.matches("\\d{8}T\\d{6}\\.\\d{3}Z");
    }

    public String profileDir() {
        return prefix + "profiles/" + profile + "/";
    }

    public String snapshotDir(String ts) {
        return profileDir() + ts + "/";
    }

    public String manifest(String ts) {
        return snapshotDir(ts) + "manifest.json";
    }

    public String schema(String ts) {
        return snapshotDir(ts) + "schema.json";
    }

    /** The resume marker of a model whose chunks are all uploaded ({@code Asset} for the assets). */
    public String progress(String ts, String model) {
        return snapshotDir(ts) + "progress/" + model + ".json";
    }

    public String started(String ts) {
        return snapshotDir(ts) + "progress/started.json";
    }

    public String chunk(String ts, String model, int bucket) {
        return snapshotDir(ts) + "entries/" + model + "/" + String.format("%05d", bucket) + ".ndjson.gz";
    }

    /** The profile's baseline marker: the timestamp of the promoted snapshot. */
    public String baseline() {
        return profileDir() + "baseline";
    }

    /** The profile's record of the migrations its baseline holds ({@code migrate baseline}). */
    public String migrated() {
        return profileDir() + "migrations.json";
    }

    public String blob(String sha256) {
        return prefix + "blobs/" + sha256;
    }

    /**
     * Where the profile's backups stream a large asset file before its SHA-256 is known ({@code <name>} empty: the
     * folder); outside {@code profiles/}, so never taken for a snapshot.
     */
    public String temp(String name) {
        return prefix + "tmp/" + profile + "/" + name;
    }
}
