package io.stagesync.backup;

import io.stagesync.dialect.BackupStages;
import io.stagesync.schema.SchemaChange;
import io.stagesync.schema.SchemaDiffer;
import io.stagesync.schema.SchemaPlan;
import io.stagesync.schema.SchemaService;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Restores a profile's snapshot into a stage through the sync engine: verifies the snapshot (checksums, counts,
 * asset files), applies its schema to the target with the schema apply's safety rules, then syncs from the stage
 * {@code backup:<profile>} (the snapshot's dialect) into the target, so ids are mapped and a rerun converges.
 */
public final class RestoreService {

    private static final Logger log = LoggerFactory.getLogger(RestoreService.class);

    private final BackupSettings settings;
    private final Function<BackupSettings.Profile, BackupBucket> buckets;
    private final SnapshotCatalog catalog;
    private final SnapshotDialects snapshots;
    private final SchemaService schemas;
    private final SyncService sync;
    private final long schemaTimeoutMs;
    private final io.stagesync.state.MigrationRecords migrations;
    private final java.util.function.Supplier<io.stagesync.migrate.MigrationCatalog> steps;

    public RestoreService(BackupSettings settings, Function<BackupSettings.Profile, BackupBucket> buckets, SnapshotCatalog catalog,
                          SnapshotDialects snapshots, SchemaService schemas, SyncService sync, long schemaTimeoutMs,
                          io.stagesync.state.MigrationRecords migrations,
                          java.util.function.Supplier<io.stagesync.migrate.MigrationCatalog> steps) {
        this.settings = settings;
        this.buckets = buckets;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.schemas = schemas;
        this.sync = sync;
        this.schemaTimeoutMs = schemaTimeoutMs;
        this.migrations = migrations;
        this.steps = steps;
    }

    /**
     * Restores {@code snapshot} ({@code latest}, {@code baseline} or a timestamp) of {@code profile} into {@code target};
     * only {@code models} when not empty ({@code Asset} selects the assets). Bad input, a snapshot that fails its
     * checks, and a schema that cannot be applied throw {@link IllegalArgumentException} before anything is written.
     */
    public RestoreResult restore(String profileName, String snapshot, String target, List<String> models, SyncProgress progress) {
        return restore(profileName, snapshot, target, models, false, progress);
    }

    /**
     * As {@link #restore(String, String, String, List, SyncProgress)}; with {@code migrate} the pending migration steps
     * ({@code migrations/<Model>/}) run on the snapshot's entries between read and write, as {@code sync --migrate} does:
     * the versions each entry had when it was backed up count as applied, so only the ones it lacks run.
     */
    public RestoreResult restore(String profileName, String snapshot, String target, List<String> selected, boolean migrate,
                                 SyncProgress progress) {
        BackupSettings.Profile profile = settings.profile(profileName);
        Manifest manifest = catalog.resolve(profile.name(), snapshot);
        // a partial snapshot (a pre-mirror backup of some models) restores what it holds
        List<String> models = selected.isEmpty() ? manifest.scope() : selected;
        List<String> unknown = models.stream().filter(m -> m.equals(BackupService.ASSET) ? manifest.assets() == null
                : !manifest.models().containsKey(m)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--models " + String.join(",", unknown) + ": not in snapshot " + profile.name() + "/"
                    + manifest.snapshot() + " (models: " + String.join(",", manifest.models().keySet())
                    + (manifest.assets() == null ? "" : ", Asset") + ")");
        }
        BackupBucket bucket = buckets.apply(profile);
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        progress.phaseStarted("verify", manifest.models().size());
        SnapshotVerifier.verify(bucket, layout, manifest, models, progress);
        progress.phaseFinished("verify");
        SchemaFile schema = SchemaFile.fromJson(bucket.text(manifest.schema().key()).orElseThrow());
        String stage = BackupStages.stage(profile.name());
        snapshots.open(profile.name(), new OpenSnapshot(manifest, schema, bucket, layout));
        try {
            SchemaService.ApplyResult applied = applySchema(stage, target);
            log.info("Restore starts profile={} snapshot={} target={} schema={}", profile.name(), manifest.snapshot(), target, applied.status());
            if (migrate) {
                recordVersions(stage, manifest, bucket, models);
            }
            SyncResult result = sync.run(new SyncRequest(null, stage, target, models, true, false,
                    migrate ? Map.of("migrate", "true") : Map.of()), progress);
            return new RestoreResult(profile.name(), manifest.snapshot(), target, applied.status(), names(applied.applied()),
                    names(applied.notApplied()), result, manifest.warnings() == null ? List.of() : manifest.warnings());
        } finally {
            snapshots.close(profile.name());
        }
    }

    /** The migration versions of the snapshot's entries, recorded for the stage {@code backup:<profile>} (replacing earlier ones). */
    private void recordVersions(String stage, Manifest manifest, BackupBucket bucket, List<String> models) {
        migrations.forget(stage);
        io.stagesync.migrate.SemVer upTo = catalog.migratedUpTo(manifest.profile(), manifest.snapshot())
                .map(io.stagesync.migrate.SemVer::parse).orElse(null);
        io.stagesync.migrate.MigrationCatalog steps = upTo == null ? null : this.steps.get();
        manifest.models().forEach((model, part) -> {
            if (!models.isEmpty() && !models.contains(model)) {
                return;
            }
            // the baseline holds every step up to its recorded version: those still in migrations/ count as applied (a deleted
            // file's step is not pending anyway), so its files can go without a restore running them again
            List<String> baseline = steps == null ? List.of() : steps.steps(model).stream().map(io.stagesync.migrate.MigrationStep::version)
                    .filter(v -> v.compareTo(upTo) <= 0).map(Object::toString).toList();
            for (Manifest.Chunk c : part.chunks()) {
                Map<String, List<io.stagesync.state.MigrationRecords.Applied>> byEntry = new java.util.HashMap<>();
                ChunkReader.lines(bucket, c.key(), line -> {
                    java.util.Set<String> versions = new java.util.TreeSet<>(EntryCodec.migrations(line));
                    versions.addAll(baseline);
                    if (!versions.isEmpty()) {
                        byEntry.put(EntryCodec.id(line), versions.stream().map(v -> new io.stagesync.state.MigrationRecords.Applied(v,
                                "snapshot " + manifest.snapshot(), "", false)).toList());
                    }
                });
                migrations.recordApplied("restore-" + manifest.snapshot(), stage, model, byEntry);
            }
        });
    }

    /** The snapshot's schema into the target: what it lacks is added; deletes, conflicts and stale plans are refused. */
    private SchemaService.ApplyResult applySchema(String stage, String target) {
        SchemaPlan plan = schemas.diff(stage, target, SchemaDiffer.Options.NONE);
        SchemaService.ApplyResult applied = schemas.apply(plan, SchemaDiffer.Options.NONE, schemaTimeoutMs, System::getenv);
        if (!applied.succeeded()) {
            throw new IllegalArgumentException("The snapshot's schema could not be applied to " + target + " (" + applied.status() + "): "
                    + applied.errors() + "; no content was written");
        }
        return applied;
    }

    private static List<String> names(List<SchemaChange> changes) {
        return changes.stream().map(c -> c.edit().action() + " " + c.element()).toList();
    }
}
