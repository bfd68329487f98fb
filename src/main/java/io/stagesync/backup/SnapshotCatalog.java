package io.stagesync.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The snapshots of the profiles: lists the complete ones (a snapshot without its manifest is never offered), finds an
 * unfinished one to continue, resolves {@code latest} or a timestamp, promotes a baseline, and deletes and prunes
 * snapshots without removing a chunk or an asset file that another snapshot still names.
 */
public final class SnapshotCatalog {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCatalog.class);

    private final BackupSettings settings;
    private final Function<BackupSettings.Profile, BackupBucket> buckets;

    public SnapshotCatalog(BackupSettings settings, Function<BackupSettings.Profile, BackupBucket> buckets) {
        this.settings = settings;
        this.buckets = buckets;
    }

    /** A complete snapshot as listed: its manifest, and whether it is the profile's baseline. */
    public record Listed(Manifest manifest, boolean baseline) {
    }

    /** What a delete or prune removed. */
    public record Removed(List<String> snapshots, long objects, long blobs) {
    }

    /** The profiles that have snapshots in the default bucket or in a configured profile's bucket. */
    public List<String> profiles() {
        Set<String> names = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        List<BackupSettings.Profile> places = new ArrayList<>(settings.profiles().values());
        places.add(0, settings.profile("default"));
        for (BackupSettings.Profile p : places) {
            if (seen.add(p.bucket() + "/" + p.prefix())) {
                BackupBucket bucket = buckets.apply(p);
                bucket.check();
                names.addAll(bucket.folders(p.prefix() + "profiles/"));
            }
        }
        return List.copyOf(names);
    }

    /** The complete snapshots of a profile, oldest first. */
    public List<Listed> list(String profileName) {
        BackupSettings.Profile profile = settings.profile(profileName);
        BackupBucket bucket = buckets.apply(profile);
        bucket.check();
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        String baseline = bucket.text(layout.baseline()).map(String::trim).orElse(null);
        List<Listed> listed = new ArrayList<>();
        for (String ts : timestamps(bucket, layout)) {
            bucket.text(layout.manifest(ts)).map(Manifest::fromJson).ifPresent(m -> listed.add(new Listed(m, ts.equals(baseline))));
        }
        return listed;
    }

    public Optional<Manifest> latest(BackupSettings.Profile profile) {
        return latest(profile, m -> true);
    }

    /** The newest complete snapshot of the profile that {@code holds} (a partial one lacks some models or the assets). */
    public Optional<Manifest> latest(BackupSettings.Profile profile, java.util.function.Predicate<Manifest> holds) {
        BackupBucket bucket = buckets.apply(profile);
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        List<String> all = timestamps(bucket, layout);
        for (int i = all.size() - 1; i >= 0; i--) {
            Optional<Manifest> m = bucket.text(layout.manifest(all.get(i))).map(Manifest::fromJson).filter(holds);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** The newest snapshot of the stage that was started and has no manifest yet (a backup that stopped). */
    public Optional<String> unfinished(BackupSettings.Profile profile, String stage) {
        BackupBucket bucket = buckets.apply(profile);
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        List<String> all = timestamps(bucket, layout);
        for (int i = all.size() - 1; i >= 0; i--) {
            String ts = all.get(i);
            if (bucket.exists(layout.manifest(ts))) {
                return Optional.empty();
            }
            Optional<String> started = bucket.text(layout.started(ts));
            if (started.isPresent() && stage.equals(Manifest.read(started.get(), Map.class).get("sourceStage"))) {
                return Optional.of(ts);
            }
        }
        return Optional.empty();
    }

    /**
     * The manifest of {@code latest} (the newest complete snapshot) or of a timestamp; one line when there is none or the
     * snapshot is incomplete.
     */
    public Manifest resolve(String profileName, String snapshot) {
        BackupSettings.Profile profile = settings.profile(profileName);
        BackupBucket bucket = buckets.apply(profile);
        bucket.check();
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        if (snapshot == null || snapshot.isBlank() || snapshot.equals("latest")) {
            return latest(profile).orElseThrow(() -> new IllegalArgumentException("Profile " + profile.name()
                    + " has no complete snapshot in bucket " + bucket.name() + " (stagesync backup --stage S --profile " + profile.name() + ")"));
        }
        if (snapshot.equals("baseline")) {
            String ts = bucket.text(layout.baseline()).map(String::trim).orElseThrow(() -> new IllegalArgumentException(
                    "Profile " + profile.name() + " has no baseline (stagesync profiles promote " + profile.name() + "/<timestamp>)"));
            return resolve(profileName, ts);
        }
        if (!SnapshotLayout.isTimestamp(snapshot)) {
            throw new IllegalArgumentException("Snapshot '" + snapshot + "' is not allowed: latest, baseline or a timestamp such as 20261205T003015.123Z");
        }
        return bucket.text(layout.manifest(snapshot)).map(Manifest::fromJson).orElseThrow(() -> new IllegalArgumentException(
                bucket.exists(layout.started(snapshot)) || !bucket.objects(layout.snapshotDir(snapshot)).isEmpty()
                        ? "Snapshot " + profile.name() + "/" + snapshot + " is incomplete (it has no manifest) and cannot be restored"
                        : "Snapshot " + profile.name() + "/" + snapshot + " does not exist (stagesync profiles show " + profile.name() + ")"));
    }

    /** Marks a complete snapshot as the profile's baseline. */
    public Manifest promote(String profileName, String snapshot) {
        Manifest m = resolve(profileName, snapshot);
        BackupSettings.Profile profile = settings.profile(profileName);
        buckets.apply(profile).putText(new SnapshotLayout(profile.prefix(), profile.name()).baseline(), m.snapshot());
        log.info("Baseline promoted profile={} snapshot={}", profile.name(), m.snapshot());
        return m;
    }

    /**
     * Records that the profile's baseline holds every migration up to {@code version} ({@code migrate baseline}): a
     * {@code restore --migrate} of the baseline or a later snapshot counts those versions as applied to every entry.
     */
    public Manifest markMigrated(String profileName, String version) {
        Manifest m = resolve(profileName, "baseline");
        BackupSettings.Profile profile = settings.profile(profileName);
        buckets.apply(profile).putText(new SnapshotLayout(profile.prefix(), profile.name()).migrated(),
                Manifest.write(Map.of("baseline", m.snapshot(), "version", version)));
        log.info("Baseline migrations recorded profile={} snapshot={} version={}", profile.name(), m.snapshot(), version);
        return m;
    }

    /** The version a snapshot of the profile holds every migration up to, when the baseline record covers it. */
    public Optional<String> migratedUpTo(String profileName, String snapshot) {
        BackupSettings.Profile profile = settings.profile(profileName);
        return buckets.apply(profile).text(new SnapshotLayout(profile.prefix(), profile.name()).migrated())
                .map(json -> Manifest.read(json, Map.class))
                .filter(m -> snapshot.compareTo(String.valueOf(m.get("baseline"))) >= 0)
                .map(m -> String.valueOf(m.get("version")));
    }

    public Optional<String> baseline(String profileName) {
        BackupSettings.Profile profile = settings.profile(profileName);
        return buckets.apply(profile).text(new SnapshotLayout(profile.prefix(), profile.name()).baseline()).map(String::trim);
    }

    /** Deletes one snapshot (complete or not); the profile's baseline only when {@code allowBaseline}. */
    public Removed delete(String profileName, String snapshot, boolean allowBaseline) {
        BackupSettings.Profile profile = settings.profile(profileName);
        if (!SnapshotLayout.isTimestamp(snapshot)) {
            throw new IllegalArgumentException("Snapshot '" + snapshot + "' is not allowed: a timestamp such as 20261205T003015.123Z");
        }
        BackupBucket bucket = buckets.apply(profile);
        bucket.check();
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        if (bucket.objects(layout.snapshotDir(snapshot)).isEmpty()) {
            throw new IllegalArgumentException("Snapshot " + profile.name() + "/" + snapshot + " does not exist (stagesync profiles show " + profile.name() + ")");
        }
        if (!allowBaseline && baseline(profileName).filter(snapshot::equals).isPresent()) {
            throw new IllegalArgumentException("Snapshot " + profile.name() + "/" + snapshot + " is the profile's baseline; promote another first");
        }
        return remove(profile, bucket, layout, List.of(snapshot));
    }

    /** Deletes the oldest complete snapshots beyond the newest {@code keep} (never the baseline). */
    public Removed prune(String profileName, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be at least 1, got: " + keep);
        }
        BackupSettings.Profile profile = settings.profile(profileName);
        List<Listed> listed = list(profileName);
        List<String> doomed = new ArrayList<>();
        int kept = 0;
        for (int i = listed.size() - 1; i >= 0; i--) {
            Listed l = listed.get(i);
            if (kept < keep || l.baseline()) {
                kept += l.baseline() ? 0 : 1;
                continue;
            }
            doomed.add(l.manifest().snapshot());
        }
        if (doomed.isEmpty()) {
            return new Removed(List.of(), 0, 0);
        }
        BackupBucket bucket = buckets.apply(profile);
        return remove(profile, bucket, new SnapshotLayout(profile.prefix(), profile.name()), doomed);
    }

    private Removed remove(BackupSettings.Profile profile, BackupBucket bucket, SnapshotLayout layout, List<String> snapshots) {
        // the manifests go first: from then on the snapshots are incomplete and never offered, whatever happens next
        bucket.delete(snapshots.stream().map(layout::manifest).toList());
        Set<String> stillNamed = new HashSet<>();
        Set<String> blobsNamed = new HashSet<>();
        for (String profileName : bucket.folders(profile.prefix() + "profiles/")) {
            SnapshotLayout other = new SnapshotLayout(profile.prefix(), profileName);
            for (String ts : timestamps(bucket, other)) {
                bucket.text(other.manifest(ts)).map(Manifest::fromJson).ifPresent(m -> {
                    m.files().forEach(f -> stillNamed.add(f.key()));
                    if (m.assets() != null) {
                        m.assets().chunks().forEach(c -> ChunkReader.lines(bucket, c.key(), line -> {
                            blobsNamed.addAll(EntryCodec.asset(line).files());
                        }));
                    }
                });
            }
        }
        List<String> keys = new ArrayList<>();
        for (String ts : snapshots) {
            bucket.objects(layout.snapshotDir(ts)).stream().map(S3Object::key).filter(k -> !stillNamed.contains(k)).forEach(keys::add);
        }
        List<String> blobs = new ArrayList<>();
        String blobPrefix = layout.blob("");
        for (S3Object o : bucket.objects(blobPrefix)) {
            String name = o.key().substring(blobPrefix.length());
            String sha = name.endsWith(".sha256") ? name.substring(0, name.length() - 7) : name;
            // a file uploaded in the last day may belong to a backup still running (its manifest not written yet)
            if (!blobsNamed.contains(sha) && o.lastModified().isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(1)))) {
                blobs.add(o.key());
            }
        }
        // a profile never backed up again keeps what its killed backup left under its temporary prefix; a day old is stale
        bucket.objects(layout.temp("")).stream()
                .filter(o -> o.lastModified().isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(1))))
                .map(S3Object::key).forEach(keys::add);
        bucket.delete(keys);
        bucket.delete(blobs);
        log.info("Snapshots deleted profile={} snapshots={} objects={} blobs={}", profile.name(), snapshots, keys.size(), blobs.size());
        return new Removed(snapshots, keys.size(), blobs.stream().filter(k -> !k.endsWith(".sha256")).count());
    }

    private static List<String> timestamps(BackupBucket bucket, SnapshotLayout layout) {
        return bucket.folders(layout.profileDir()).stream().filter(SnapshotLayout::isTimestamp).sorted(Comparator.naturalOrder()).toList();
    }
}
