package io.stagesync.backup;

import io.stagesync.assets.SourceFile;
import io.stagesync.assets.SourceFileReader;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageSchema;
import io.stagesync.schema.SchemaService;
import io.stagesync.schema.SchemaSnapshot;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncSettings;
import io.stagesync.sync.schema.SyncPlan;
import io.stagesync.sync.schema.SyncPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Backs a stage up into a profile: schema, entries of every model (gzip NDJSON chunks by id hash; a chunk unchanged
 * since the profile's previous snapshot is referenced, not uploaded), asset records with each file stored once under
 * {@code blobs/<sha256>}, and last the manifest. A backup of the same stage that stopped before its manifest is
 * continued: finished models (resume markers) are not read again, uploaded files not uploaded again.
 */
public final class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    static final String ASSET = "Asset";

    private final Dialects dialects;
    private final io.stagesync.config.StageRegistry stages;
    private final SchemaService schemas;
    private final SyncSettings sync;
    private final BackupSettings settings;
    private final Function<BackupSettings.Profile, BackupBucket> buckets;
    private final SnapshotCatalog catalog;
    private final SourceFileReader files;
    private final Path workDir;
    private final int parallelTransfers;
    private final io.stagesync.state.MigrationRecords migrations;

    public BackupService(Dialects dialects, io.stagesync.config.StageRegistry stages, SchemaService schemas, SyncSettings sync, BackupSettings settings,
                         Function<BackupSettings.Profile, BackupBucket> buckets, SnapshotCatalog catalog, SourceFileReader files, Path workDir, int parallelTransfers,
                         io.stagesync.state.MigrationRecords migrations) {
        this.dialects = dialects;
        this.stages = stages;
        this.schemas = schemas;
        this.sync = sync;
        this.settings = settings;
        this.buckets = buckets;
        this.catalog = catalog;
        this.files = files;
        this.workDir = workDir;
        if (parallelTransfers < 1) {
            throw new IllegalArgumentException("stagesync.assets.parallel-transfers must be at least 1, got: " + parallelTransfers);
        }
        this.parallelTransfers = parallelTransfers;
        this.migrations = migrations;
    }

    /** Backs up {@code stage} whole into {@code profile}; returns when the manifest is written. */
    public BackupResult backup(String stage, String profileName, SyncProgress progress) {
        return backup(stage, profileName, List.of(), true, progress);
    }

    /**
     * Backs up part of {@code stage}: the entries of {@code models} (every model when empty), and the assets when
     * {@code withAssets}; the manifest names the part ({@link Manifest#scope}) when it is not the whole stage.
     */
    public BackupResult backup(String stage, String profileName, List<String> models, boolean withAssets, SyncProgress progress) {
        long start = System.nanoTime();
        BackupSettings.Profile profile = settings.profile(profileName);
        Dialect dialect = dialects.forStage(stage);
        // a configured custom asset field the stage lacks is named before anything is written
        dialects.assets().checkCustomFields(stage);
        BackupBucket bucket = buckets.apply(profile);
        bucket.check();
        SnapshotLayout layout = new SnapshotLayout(profile.prefix(), profile.name());
        long objectsBefore = bucket.uploadedObjects();
        long bytesBefore = bucket.uploadedBytes();
        Optional<String> unfinished = catalog.unfinished(profile, stage);
        String ts = unfinished.orElseGet(() -> SnapshotLayout.timestamp(Instant.now()));
        String startedAt = Instant.now().toString();
        if (unfinished.isEmpty()) {
            // what stopped backups of the profile left locally belongs to snapshots no backup continues now
            ChunkWriter.removeTree(kept(bucket, layout));
            bucket.putText(layout.started(ts), Manifest.write(Map.of("sourceStage", stage, "startedAt", startedAt)));
        } else {
            log.info("Backup continues an unfinished snapshot profile={} snapshot={} stage={}", profile.name(), ts, stage);
        }
        // a profile takes one backup at a time: what is under its temporary prefix was left by a backup that was killed
        int leftovers = bucket.clear(layout.temp(""));
        if (leftovers > 0) {
            log.info("Temporary objects of a stopped backup removed profile={} objects={}", profile.name(), leftovers);
        }
        Manifest latest = catalog.latest(profile).orElse(null);
        // a part missing from the latest snapshot (a partial pre-mirror one) is compared with the newest that has it
        Function<Function<Manifest, Manifest.Part>, Manifest> holding = part -> latest == null || part.apply(latest) != null ? latest
                : catalog.latest(profile, m -> part.apply(m) != null).orElse(null);
        progress.phaseStarted("snapshot", -1);
        Tally tally = new Tally();
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

        StageSchema schema = dialect.describe();
        SchemaSnapshot canonical = schemas.snapshot(stage);
        String schemaJson = new SchemaFile(schema, canonical).toJson();
        bucket.putText(layout.schema(ts), schemaJson);
        byte[] schemaBytes = schemaJson.getBytes(StandardCharsets.UTF_8);
        Manifest.FileRef schemaRef = new Manifest.FileRef(layout.schema(ts), sha256(schemaBytes), schemaBytes.length);
        warnings.addAll(schema.skippedFields());

        SyncPlan plan = new SyncPlanner(sync.sourceIdField(), Map.of()).plan(schema, schema, List.of());
        Map<String, Manifest.Part> parts = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Manifest.Part assets = !withAssets ? null : finishedAssets(bucket, layout, ts, tally).orElseGet(() -> markedAssets(bucket,
                layout, ts, tally, backupAssets(stage, layout, ts, bucket, holding.apply(Manifest::assets), tally, warnings, progress)));
        List<ModelPlan> selected = plan.models().stream().filter(m -> models.isEmpty() || models.contains(m.name())).toList();
        for (ModelPlan model : selected) {
            Manifest previous = holding.apply(m -> m.models().get(model.name()));
            Manifest.Part previousPart = previous == null ? null : previous.models().get(model.name());
            Manifest.Part part = finished(bucket, layout, ts, model.name()).orElseGet(() -> marked(bucket, layout, ts, model.name(),
                    backupModel(dialect, model, plan.locales(), layout, ts, bucket, previousPart, tally, warnings, progress)));
            parts.put(model.name(), part);
            counts.put(model.name(), part.count());
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, profile.name(), ts, stage, schemaCms(stage), toolVersion(), startedAt,
                Instant.now().toString(), canonical.hash(), schemaRef, parts, assets, tally.blobs.get(), tally.blobBytes.get(), warnings,
                Manifest.scope(models.isEmpty() && withAssets ? List.of() : parts.keySet(), withAssets));
        bucket.putText(layout.manifest(ts), manifest.toJson());
        ChunkWriter.removeTree(kept(bucket, layout).resolve(ts));
        progress.phaseFinished("snapshot");
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        BackupResult result = new BackupResult(profile.name(), ts, stage, unfinished.isPresent(), Map.copyOf(tally.continued), counts,
                assets == null ? 0 : assets.count(),
                bucket.uploadedObjects() - objectsBefore, bucket.uploadedBytes() - bytesBefore, tally.chunksWritten.get(),
                tally.chunksReused.get(), tally.filesUploaded.get(), tally.filesReused.get(), List.copyOf(warnings), durationMs);
        log.info("Backup finished profile={} snapshot={} stage={} entries={} assets={} uploadedObjects={} uploadedBytes={} "
                        + "chunksReused={} filesReused={} durationMs={}", profile.name(), ts, stage, counts, result.assets(),
                result.uploadedObjects(), result.uploadedBytes(), result.chunksReused(), result.filesReused(), durationMs);
        return result;
    }

    private Manifest.Part backupModel(Dialect dialect, ModelPlan model, List<String> locales, SnapshotLayout layout, String ts,
                                      BackupBucket bucket, Manifest.Part previous, Tally tally, List<String> warnings, SyncProgress progress) {
        long total = dialect.count(model, locales);
        int buckets = ChunkWriter.bucketsFor(total, settings.chunkSize(), previous == null ? 0 : previous.buckets());
        try (ChunkWriter writer = ChunkWriter.resumable(spool(bucket, layout, ts, model.name()), buckets)) {
            Resumed at = resumed(writer, model.name(), tally, warnings);
            long count = at.count();
            long published = at.published();
            List<String> seen = new ArrayList<>(at.warnings());
            String cursor = at.cursor();
            boolean more = !at.complete();
            while (more) {
                SourcePage page = dialect.readPage(model, locales, new PageRequest(cursor, null, sync.pageSize(), ContentState.DRAFT));
                // the migration versions each entry has had, so a restore --migrate runs only the ones it lacks
                Map<String, java.util.Set<String>> versions = page.entries().isEmpty() ? Map.of()
                        : migrations.applied(dialect.stage(), model.name(), page.entries().stream().map(SourceEntry::id).toList());
                for (SourceEntry e : page.entries()) {
                    writer.add(e.id(), EntryCodec.line(e, versions.get(e.id())));
                    count++;
                    published += e.publishedAt() == null ? 0 : 1;
                }
                page.warnings().stream().map(w -> model.name() + ": " + w).forEach(w -> {
                    seen.add(w);
                    warnings.add(w);
                });
                cursor = page.endCursor();
                more = page.hasNext() && !page.entries().isEmpty();
                writer.checkpoint(cursor, !more, count, published, seen);
                log.info("Backup page done model={} entries={}", model.name(), count);
                progress.progress("snapshot " + model.name(), count, total);
                stopWhenCancelled(progress);
            }
            List<Manifest.Chunk> chunks = upload(writer.finish(), model.name(), layout, ts, bucket, previous, buckets, tally);
            writer.done();
            log.info("Model backed up model={} entries={} published={} chunks={}", model.name(), count, published, chunks.size());
            return new Manifest.Part(buckets, count, published, chunks);
        }
    }

    /** Where a stopped backup got to in a model (its local files kept), or the start. */
    private record Resumed(String cursor, boolean complete, long count, long published, List<String> warnings) {
    }

    private static Resumed resumed(ChunkWriter writer, String model, Tally tally, List<String> warnings) {
        return writer.resumed().map(c -> {
            log.info("Backup continues a model where it stopped model={} entries={} allRead={}", model, c.count(), c.complete());
            tally.continued.merge(model, c.count(), Long::sum);
            tally.blobs.addAndGet(c.files());
            tally.blobBytes.addAndGet(c.fileBytes());
            warnings.addAll(c.warnings());
            return new Resumed(c.cursor(), c.complete(), c.count(), c.published(), c.warnings());
        }).orElse(new Resumed(null, false, 0, 0, List.of()));
    }

    /** The local folder of a model's lines while its backup runs; kept when it stops, so the next backup reads on. */
    private Path spool(BackupBucket bucket, SnapshotLayout layout, String ts, String model) {
        return kept(bucket, layout).resolve(ts).resolve(model);
    }

    /** The local folder of a profile's unfinished snapshots ({@code <work>/resume/<bucket>/<prefix>profiles/<P>}). */
    private Path kept(BackupBucket bucket, SnapshotLayout layout) {
        return workDir.resolve("resume").resolve(bucket.name()).resolve(layout.profileDir());
    }

    private Manifest.Part backupAssets(String stage, SnapshotLayout layout, String ts, BackupBucket bucket, Manifest previous,
                                       Tally tally, List<String> warnings, SyncProgress progress) {
        AssetApi api = dialects.assets();
        Map<String, EntryCodec.AssetRecord> known = previousAssets(bucket, previous);
        Manifest.Part previousPart = previous == null ? null : previous.assets();
        AssetApi.AssetPage page = api.page(stage, null, 100);
        int buckets = ChunkWriter.bucketsFor(page.total() < 0 ? 0 : page.total(), settings.chunkSize(),
                previousPart == null ? 0 : previousPart.buckets());
        java.util.concurrent.ExecutorService transfers = java.util.concurrent.Executors.newFixedThreadPool(parallelTransfers);
        try (ChunkWriter writer = ChunkWriter.resumable(spool(bucket, layout, ts, ASSET), buckets)) {
            Resumed at = resumed(writer, ASSET, tally, warnings);
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            long count = at.count();
            long published = at.published();
            if (at.cursor() != null || at.complete()) {
                // the pages a stopped backup finished are not read again, nor are their files
                page = at.complete() ? new AssetApi.AssetPage(List.of(), null, false, page.total()) : api.page(stage, at.cursor(), 100);
            }
            while (!page.assets().isEmpty()) {
                Map<String, AssetApi.Versions> versions = page.assets().isEmpty() ? Map.of()
                        : api.versions(stage, page.assets().stream().map(AssetApi.SourceAsset::id).toList());
                // the page's files move in parallel (each read once, uploaded when new); the records keep the page's order
                List<java.util.concurrent.Future<Stored>> stored = new ArrayList<>();
                for (AssetApi.SourceAsset a : page.assets()) {
                    stored.add(transfers.submit(() -> files(a, known.get(a.id()), layout, bucket, tally, seen)));
                }
                for (int i = 0; i < page.assets().size(); i++) {
                    AssetApi.SourceAsset a = page.assets().get(i);
                    AssetApi.Versions v = versions.get(a.id());
                    Stored kept = done(stored.get(i));
                    EntryCodec.AssetRecord record = new EntryCodec.AssetRecord(a.id(), a.fileName(), a.mimeType(), a.size(), a.width(),
                            a.height(), a.updatedAt(), a.fields(), kept.sha256(), v == null ? null : v.publishedUpdatedAt(),
                            kept.localizations(), v == null ? List.of() : List.copyOf(new java.util.TreeSet<>(v.publishedLocales())));
                    writer.add(a.id(), EntryCodec.line(record));
                    count++;
                    published += record.publishedUpdatedAt() == null ? 0 : 1;
                }
                boolean more = page.hasNextPage();
                List<String> kept = new ArrayList<>(at.warnings());
                kept.addAll(seen);
                writer.checkpoint(page.endCursor(), !more, count, published, kept, tally.blobs.get(), tally.blobBytes.get());
                log.info("Backup page done model={} entries={}", ASSET, count);
                progress.progress("snapshot " + ASSET, count, page.total());
                stopWhenCancelled(progress);
                if (!more) {
                    break;
                }
                page = api.page(stage, page.endCursor(), 100);
            }
            warnings.addAll(seen);
            List<Manifest.Chunk> chunks = upload(writer.finish(), ASSET, layout, ts, bucket, previousPart, buckets, tally);
            writer.done();
            log.info("Assets backed up stage={} assets={} filesUploaded={} filesReused={}", stage, count, tally.filesUploaded.get(),
                    tally.filesReused.get());
            return new Manifest.Part(buckets, count, published, chunks);
        } finally {
            transfers.shutdownNow();
        }
    }

    /** The result of a task run beside the caller; its failure rethrown as it was. */
    static <T> T done(java.util.concurrent.Future<T> result) {
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a file transfer or check", e);
        }
    }

    /** The stored files of one asset: its default locale's SHA-256 and its other localizations with theirs. */
    private record Stored(String sha256, List<EntryCodec.LocalizedFile> localizations) {
    }

    /**
     * Stores every file of an asset under {@code blobs/<sha256>}: the default locale's and each localization's. A file is
     * taken from the previous snapshot when the asset did not change since (same update time, and the same size, and for a
     * localization the same file name and type), else read from the source once.
     */
    private Stored files(AssetApi.SourceAsset a, EntryCodec.AssetRecord before, SnapshotLayout layout, BackupBucket bucket, Tally tally,
                         List<String> warnings) {
        boolean unchanged = before != null && java.util.Objects.equals(before.updatedAt(), a.updatedAt());
        String sha = blob(a, "", unchanged && before.size() == a.size() ? before.sha256() : null, layout, bucket, tally, warnings);
        List<EntryCodec.LocalizedFile> localized = new ArrayList<>();
        for (AssetApi.Localization l : a.localizations()) {
            String known = !unchanged ? null : before.localizations().stream()
                    .filter(p -> p.locale().equals(l.locale()) && p.size() == l.size() && java.util.Objects.equals(p.fileName(), l.fileName())
                            && java.util.Objects.equals(p.mimeType(), l.mimeType()))
                    .map(EntryCodec.LocalizedFile::sha256).findFirst().orElse(null);
            String lsha = blob(a.file(l), " " + l.locale(), known, layout, bucket, tally, warnings);
            localized.add(new EntryCodec.LocalizedFile(l.locale(), l.fileName(), l.mimeType(), l.size(), l.width(), l.height(), l.fields(), lsha));
        }
        return new Stored(sha, localized);
    }

    /** One file's SHA-256, or null (and a warning naming it) when the stage has the asset but not its file (gone, refused). */
    private String blob(AssetApi.SourceAsset a, String locale, String known, SnapshotLayout layout, BackupBucket bucket, Tally tally,
                        List<String> warnings) {
        try {
            return blob(a, known, layout, bucket, tally);
        } catch (io.stagesync.assets.SourceFileUnavailableException e) {
            warnings.add("Asset " + a.id() + locale + " (" + a.fileName() + "): its file was not backed up: " + e.getMessage());
            return null;
        }
    }

    private String blob(AssetApi.SourceAsset a, String known, SnapshotLayout layout, BackupBucket bucket, Tally tally) {
        if (known != null) {
            tally.filesReused.incrementAndGet();
            tally.counted(a.size());
            return known;
        }
        BlobWriter writer = new BlobWriter(bucket, layout);
        BlobWriter.Blob blob;
        try {
            blob = stored(a, writer);
        } catch (io.stagesync.assets.SourceFileUnavailableException gone) {
            throw gone;
        } catch (RuntimeException first) {
            // a stream cannot be sent again: the file is read once more from its source (its key makes a second upload harmless)
            log.warn("Asset file read again for a second upload asset={} reason={}", a.id(), first.getMessage());
            blob = stored(a, writer);
        }
        (blob.uploaded() ? tally.filesUploaded : tally.filesReused).incrementAndGet();
        tally.counted(blob.size());
        return blob.sha256();
    }

    private BlobWriter.Blob stored(AssetApi.SourceAsset a, BlobWriter writer) {
        try (SourceFile source = files.open(a.url(), n -> { })) {
            return writer.store(source, a.mimeType());
        }
    }

    /** The previous snapshot's asset records by id: what lets an unchanged asset's file be neither read nor uploaded. */
    private Map<String, EntryCodec.AssetRecord> previousAssets(BackupBucket bucket, Manifest previous) {
        Map<String, EntryCodec.AssetRecord> known = new HashMap<>();
        if (previous == null || previous.assets() == null) {
            return known;
        }
        for (Manifest.Chunk c : previous.assets().chunks()) {
            ChunkReader.lines(bucket, c.key(), line -> {
                EntryCodec.AssetRecord r = EntryCodec.asset(line);
                known.put(r.id(), r);
            });
        }
        return known;
    }

    private List<Manifest.Chunk> upload(List<ChunkWriter.LocalChunk> local, String model, SnapshotLayout layout, String ts,
                                        BackupBucket bucket, Manifest.Part previous, int buckets, Tally tally) {
        List<Manifest.Chunk> chunks = new ArrayList<>();
        for (ChunkWriter.LocalChunk c : local) {
            Optional<Manifest.Chunk> same = previous == null || previous.buckets() != buckets ? Optional.empty()
                    : previous.chunk(c.bucket()).filter(p -> p.sha256().equals(c.sha256()));
            if (same.isPresent()) {
                chunks.add(same.get());
                tally.chunksReused.incrementAndGet();
            } else {
                String key = layout.chunk(ts, model, c.bucket());
                bucket.putFile(key, c.file(), "application/x-ndjson");
                chunks.add(new Manifest.Chunk(c.bucket(), key, c.sha256(), c.bytes(), c.count()));
                tally.chunksWritten.incrementAndGet();
            }
        }
        return chunks;
    }

    private Optional<Manifest.Part> finished(BackupBucket bucket, SnapshotLayout layout, String ts, String model) {
        return bucket.text(layout.progress(ts, model)).map(json -> Manifest.read(json, Manifest.Part.class));
    }

    /** The asset files a finished asset phase counted, kept in its marker beside the part. */
    private record FileTally(long files, long fileBytes) {
    }

    /** The assets' marker, when a stopped backup finished them; the files they counted go back into the tally. */
    private Optional<Manifest.Part> finishedAssets(BackupBucket bucket, SnapshotLayout layout, String ts, Tally tally) {
        return bucket.text(layout.progress(ts, ASSET)).map(json -> {
            FileTally files = Manifest.read(json, FileTally.class);
            tally.blobs.addAndGet(files.files());
            tally.blobBytes.addAndGet(files.fileBytes());
            return Manifest.read(json, Manifest.Part.class);
        });
    }

    private Manifest.Part markedAssets(BackupBucket bucket, SnapshotLayout layout, String ts, Tally tally, Manifest.Part part) {
        Map<String, Object> marker = new LinkedHashMap<>(Manifest.asMap(part));
        marker.put("files", tally.blobs.get());
        marker.put("fileBytes", tally.blobBytes.get());
        bucket.putText(layout.progress(ts, ASSET), Manifest.write(marker));
        return part;
    }

    /** Records a model as finished (its chunks uploaded): a stopped backup does not read it again. */
    private Manifest.Part marked(BackupBucket bucket, SnapshotLayout layout, String ts, String model, Manifest.Part part) {
        bucket.putText(layout.progress(ts, model), Manifest.write(part));
        return part;
    }

    /** A cancelled backup stops between pages; it is continued by the next backup of the stage into the profile. */
    private static void stopWhenCancelled(SyncProgress progress) {
        if (progress.cancelled()) {
            throw new IllegalStateException("Backup cancelled; the next backup of the stage into the profile continues it");
        }
    }

    private String schemaCms(String stage) {
        return stages.get(stage).cms();
    }

    static String toolVersion() {
        String v = BackupService.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private Path tempRoot() throws IOException {
        Files.createDirectories(workDir);
        return workDir;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ChunkWriter.sha256().digest(bytes));
    }

    /** Counts of one backup. */
    private static final class Tally {
        final AtomicLong chunksWritten = new AtomicLong();
        final AtomicLong chunksReused = new AtomicLong();
        final AtomicLong filesUploaded = new AtomicLong();
        final AtomicLong filesReused = new AtomicLong();
        final AtomicLong blobs = new AtomicLong();
        final AtomicLong blobBytes = new AtomicLong();
        /** Entries (and asset records) per model that a stopped backup had read, taken from its local files. */
        final Map<String, Long> continued = new java.util.concurrent.ConcurrentHashMap<>();

        void counted(long bytes) {
            blobs.incrementAndGet();
            blobBytes.addAndGet(bytes);
        }
    }
}
