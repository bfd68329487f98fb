package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.Reference;
import io.stagesync.dialect.SourceEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the write of one entry: its values (the source-id field holding the stored source id) and the links whose
 * targets are mapped, in source order; a link whose target is not mapped yet is left for the relations phase.
 * An entry whose draft differs from its published version is written as published first (the publish phase then
 * publishes that), and its draft is kept for {@link DraftWriter}, which writes it on top after the publish phase.
 */
public final class EntryWriteBuilder {

    private final EntryHasher hasher = new EntryHasher();

    public EntryWrite create(SyncRun run, EntryWork work) {
        return first(run, work, true);
    }

    public EntryWrite update(SyncRun run, EntryWork work) {
        return first(run, work, false);
    }

    /** The draft of an entry written on top of its published version (an update, never published). */
    public EntryWrite draft(SyncRun run, EntryWork work) {
        return build(run, work, false, work.entry(), work.hash());
    }

    private EntryWrite first(SyncRun run, EntryWork work, boolean create) {
        if (!hasher.draftDiffers(work.entry())) {
            return build(run, work, create, work.entry(), work.hash());
        }
        SourceEntry published = work.entry().published();
        if (!run.planOnly()) {
            run.draftsOnTop(work.model()).put(work.sourceId(), work);
        }
        // recorded with the published version's hash: until the draft is on top, a rerun sees a change
        return build(run, work, create, published, hasher.contentHash(published));
    }

    private EntryWrite build(SyncRun run, EntryWork work, boolean create, SourceEntry e, String hash) {
        ModelPlan plan = run.model(work.model());
        Map<String, Object> values = new LinkedHashMap<>();
        SourceEntry mapped = mapReferences(plan, e, work.linkIds());
        for (FieldSchema f : plan.values()) {
            values.put(f.name(), f.name().equals(plan.sourceIdField()) ? EntryMatcher.storedSourceId(plan, e) : mapped.values().get(f.name()));
        }
        Map<String, List<String>> links = new LinkedHashMap<>();
        for (FieldSchema f : plan.links()) {
            List<String> ids = e.links().getOrDefault(f.name(), List.of());
            List<String> targets = ids.stream().filter(work.linkIds()::containsKey).map(work.linkIds()::get).toList();
            if (work.pendingLinks().containsKey(f.name())) {
                if (f.list() && !targets.isEmpty()) {
                    // the mapped part now, in source order; the full list once every target exists
                    links.put(f.name(), targets);
                }
            } else if (!(create && ids.isEmpty())) {
                links.put(f.name(), targets);
            }
        }
        return new EntryWrite(create, plan.name(), e.id(), work.targetId(), hash, values, links, mapped,
                work.pendingLinks(), EntryMatcher.key(plan, e));
    }

    /**
     * The entry with the references inside its values (all locales) pointing at target ids; a reference whose
     * target is not mapped is left out (the relations phase writes the field again once it is).
     */
    static SourceEntry mapReferences(ModelPlan plan, SourceEntry e, Map<String, String> targetIds) {
        List<FieldSchema> fields = plan.values().stream().filter(FieldSchema::mayReference).toList();
        if (fields.isEmpty()) {
            return e;
        }
        java.util.function.Function<Reference, Reference> map = r -> targetIds.containsKey(r.id())
                ? new Reference(r.model(), targetIds.get(r.id())) : null;
        Map<String, Object> values = new LinkedHashMap<>(e.values());
        fields.forEach(f -> values.put(f.name(), Reference.map(e.values().get(f.name()), map)));
        Map<String, Map<String, Object>> localizations = new LinkedHashMap<>();
        e.localizations().forEach((locale, data) -> {
            Map<String, Object> d = new LinkedHashMap<>(data);
            fields.stream().filter(FieldSchema::localized).forEach(f -> d.put(f.name(), Reference.map(data.get(f.name()), map)));
            localizations.put(locale, d);
        });
        return new SourceEntry(e.id(), e.createdAt(), e.updatedAt(), values, localizations, e.links(), e.publishedAt(), e.published());
    }
}
