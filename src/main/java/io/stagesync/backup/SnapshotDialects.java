package io.stagesync.backup;

import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.BackupStages;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.SchemaEdit;
import io.stagesync.schema.SchemaSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialects of the stages {@code backup:<profile>}: each reads the snapshot a restore opened for its profile
 * (entries, schema with its field ids and plurals, assets with pre-signed URLs of their files). One snapshot of a
 * profile is open at a time.
 */
public final class SnapshotDialects implements Dialects {

    private static final Duration URL_TTL = Duration.ofHours(12);

    private final Map<String, OpenSnapshot> open = new ConcurrentHashMap<>();
    private final AssetApi assets = new SnapshotAssets();

    /** Opens a snapshot as the stage {@code backup:<profile>}; refused while another snapshot of the profile is open. */
    void open(String profile, OpenSnapshot snapshot) {
        OpenSnapshot before = open.putIfAbsent(profile, snapshot);
        if (before != null) {
            throw new IllegalStateException("A restore from profile " + profile + " (snapshot " + before.manifest.snapshot()
                    + ") is running; run one restore of a profile at a time");
        }
        BackupStages.opened(BackupStages.stage(profile), snapshot.manifest.sourceStage());
    }

    void close(String profile) {
        open.remove(profile);
        BackupStages.opened(BackupStages.stage(profile), null);
    }

    private OpenSnapshot of(String stage) {
        if (!BackupStages.is(stage)) {
            throw new IllegalArgumentException("Stage " + stage + " is not a backup stage");
        }
        OpenSnapshot s = open.get(BackupStages.profile(stage));
        if (s == null) {
            throw new IllegalArgumentException("Stage " + stage + " reads a profile's snapshot only during a restore "
                    + "(stagesync restore --profile " + BackupStages.profile(stage) + " --to STAGE)");
        }
        return s;
    }

    @Override
    public Dialect forStage(String stage) {
        return new SnapshotDialect(stage, of(stage));
    }

    @Override
    public AssetApi assets() {
        return assets;
    }

    @Override
    public SchemaAdmin schemaAdmin() {
        return new SchemaAdmin() {
            @Override
            public Extras extras(String stage) {
                SchemaSnapshot s = of(stage).schema.snapshot();
                Map<String, String> fieldIds = new HashMap<>();
                Map<String, String> plurals = new HashMap<>();
                s.models().forEach((model, m) -> {
                    if (m.plural() != null) {
                        plurals.put(model, m.plural());
                    }
                    m.fields().forEach((field, f) -> {
                        if (f.id() != null) {
                            fieldIds.put(model + "." + field, f.id());
                        }
                    });
                });
                return new Extras(fieldIds, plurals, s.remoteSources());
            }

            @Override
            public Outcome apply(String stage, List<SchemaEdit> changes, Map<String, String> secrets, long timeoutMs) {
                throw new UnsupportedOperationException("Stage " + stage + " is a backup snapshot and takes no schema changes");
            }
        };
    }

    /** The assets of an open snapshot, read only: pages of its records, their versions, URLs of their stored files. */
    private final class SnapshotAssets implements AssetApi {

        @Override
        public AssetPage page(String stage, String after, int first) {
            OpenSnapshot s = of(stage);
            OpenSnapshot.Slice slice = s.slice(BackupService.ASSET, after, first);
            // an asset whose file could not be backed up is left out (the backup's warnings name it)
            List<SourceAsset> page = slice.lines().stream().map(EntryCodec::asset).filter(r -> r.sha256() != null)
                    .map(r -> r.toSource(sha -> s.bucket.presignedGetUrl(s.layout.blob(sha), URL_TTL))).toList();
            return new AssetPage(page, slice.next(), slice.hasNext(), s.part(BackupService.ASSET).count());
        }

        @Override
        public Map<String, Versions> versions(String stage, Collection<String> ids) {
            Map<String, Versions> out = new LinkedHashMap<>();
            of(stage).byIds(BackupService.ASSET, List.copyOf(ids)).stream().map(EntryCodec::asset).forEach(r -> out.put(r.id(), r.versions()));
            return out;
        }

        @Override
        public Set<String> existing(String stage, Collection<String> ids) {
            Set<String> out = new java.util.HashSet<>();
            of(stage).byIds(BackupService.ASSET, List.copyOf(ids)).forEach(l -> out.add(EntryCodec.id(l)));
            return out;
        }

        @Override
        public Optional<TargetAsset> find(String stage, String id) {
            throw readOnly(stage);
        }

        @Override
        public Map<String, TargetAsset> findAll(String stage, Collection<String> ids) {
            throw readOnly(stage);
        }

        @Override
        public List<TargetAsset> createdBetween(String stage, String fileName, Instant from, Instant to) {
            throw readOnly(stage);
        }

        @Override
        public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
            throw readOnly(stage);
        }

        @Override
        public List<Created> createAllForPost(String stage, List<NewAsset> newAssets) {
            throw readOnly(stage);
        }

        @Override
        public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
            throw readOnly(stage);
        }

        @Override
        public Upload reuploadForPost(String stage, String id) {
            throw readOnly(stage);
        }

        @Override
        public void reuploadFromUrl(String stage, String id, String uploadUrl) {
            throw readOnly(stage);
        }

        @Override
        public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
            throw readOnly(stage);
        }

        @Override
        public void delete(String stage, String id) {
            throw readOnly(stage);
        }

        @Override
        public void publish(String stage, List<String> ids, boolean publish) {
            throw readOnly(stage);
        }

        private UnsupportedOperationException readOnly(String stage) {
            return new UnsupportedOperationException("Stage " + stage + " is a backup snapshot and is read only");
        }
    }
}
