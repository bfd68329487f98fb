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

    public RestoreService(BackupSettings settings, Function<BackupSettings.Profile, BackupBucket> buckets, SnapshotCatalog catalog,
                          SnapshotDialects snapshots, SchemaService schemas, SyncService sync, long schemaTimeoutMs) {
        this.settings = settings;
        this.buckets = buckets;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.schemas = schemas;
        this.sync = sync;
        this.schemaTimeoutMs = schemaTimeoutMs;
    }

    /**
     * Restores {@code snapshot} ({@code latest}, {@code baseline} or a timestamp) of {@code profile} into {@code target};
     * only {@code models} when not empty ({@code Asset} selects the assets). Bad input, a snapshot that fails its
     * checks, and a schema that cannot be applied throw {@link IllegalArgumentException} before anything is written.
     */
    public RestoreResult restore(String profileName, String snapshot, String target, List<String> models, SyncProgress progress) {
        BackupSettings.Profile profile = settings.profile(profileName);
        Manifest manifest = catalog.resolve(profile.name(), snapshot);
        List<String> unknown = models.stream().filter(m -> !m.equals(BackupService.ASSET) && !manifest.models().containsKey(m)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--models " + String.join(",", unknown) + ": not in snapshot " + profile.name() + "/"
                    + manifest.snapshot() + " (models: " + String.join(",", manifest.models().keySet()) + ", Asset)");
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
            SyncResult result = sync.run(new SyncRequest(null, stage, target, models, true, false, Map.of()), progress);
            return new RestoreResult(profile.name(), manifest.snapshot(), target, applied.status(), names(applied.applied()),
                    names(applied.notApplied()), result);
        } finally {
            snapshots.close(profile.name());
        }
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
