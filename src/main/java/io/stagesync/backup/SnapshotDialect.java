package io.stagesync.backup;

import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.ContentState;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.LookupKey;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.PageRequest;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.SourcePage;
import io.stagesync.dialect.StageSchema;
import io.stagesync.dialect.TargetMatches;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot as the source stage of a sync: the schema it was taken with, and the entries of its chunks in pages
 * (draft and published versions as they were read). It is read only; it has no watermark, so a restore compares
 * everything and the id map skips what the target already holds.
 */
final class SnapshotDialect implements Dialect {

    private final String stage;
    private final OpenSnapshot snapshot;

    SnapshotDialect(String stage, OpenSnapshot snapshot) {
        this.stage = stage;
        this.snapshot = snapshot;
    }

    @Override
    public String stage() {
        return stage;
    }

    @Override
    public void probe() {
        // the snapshot was verified when it was opened
    }

    @Override
    public StageSchema describe() {
        StageSchema s = snapshot.schema.describe();
        Map<String, ModelSchema> models = new LinkedHashMap<>();
        s.models().forEach((name, m) -> models.put(name, new ModelSchema(m.name(), m.fields(), m.uniqueFields(), false,
                m.bulkPublish(), m.bulkUnpublish(), m.requiredFields())));
        return new StageSchema(stage, s.locales(), models, s.enums(), s.components(), s.skippedFields(), s.ownToOneLinks());
    }

    @Override
    public SourcePage readPage(ModelPlan plan, List<String> locales, PageRequest request) {
        OpenSnapshot.Slice slice = snapshot.slice(plan.name(), request.cursor(), request.first());
        List<SourceEntry> entries = slice.lines().stream().map(EntryCodec::entry)
                .filter(e -> request.state() != ContentState.PUBLISHED || e.publishedAt() != null)
                .map(e -> request.state() == ContentState.PUBLISHED && e.published() != null ? e.published() : e)
                .toList();
        return new SourcePage(entries, slice.next(), slice.hasNext(), snapshot.part(plan.name()).count(), null, -1, -1, List.of());
    }

    @Override
    public List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids) {
        return snapshot.byIds(plan.name(), ids).stream().map(EntryCodec::entry).toList();
    }

    @Override
    public int maxIdsPerCall() {
        return 100;
    }

    @Override
    public long count(ModelPlan plan, List<String> locales) {
        return snapshot.part(plan.name()).count();
    }

    @Override
    public TargetMatches lookup(ModelPlan plan, List<String> locales, List<LookupKey> keys) {
        throw readOnly();
    }

    @Override
    public BatchOutcome write(ModelPlan plan, List<EntryWrite> writes, Resend resend) {
        throw readOnly();
    }

    @Override
    public Optional<String> publish(ModelPlan plan, List<String> targetIds, boolean publish, List<String> locales) {
        throw readOnly();
    }

    private UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("Stage " + stage + " is a backup snapshot and is read only; it is never a sync target");
    }
}
