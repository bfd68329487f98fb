package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the write of one entry: its values (the source-id field holding the stored source id) and the links whose
 * targets are mapped, in source order; a link whose target is not mapped yet is left for the relations phase.
 */
public final class EntryWriteBuilder {

    public EntryWrite create(SyncRun run, EntryWork work) {
        return build(run, work, true);
    }

    public EntryWrite update(SyncRun run, EntryWork work) {
        return build(run, work, false);
    }

    private EntryWrite build(SyncRun run, EntryWork work, boolean create) {
        ModelPlan plan = run.model(work.model());
        SourceEntry e = work.entry();
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSchema f : plan.values()) {
            values.put(f.name(), f.name().equals(plan.sourceIdField()) ? EntryMatcher.storedSourceId(plan, e) : e.values().get(f.name()));
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
        return new EntryWrite(create, plan.name(), e.id(), work.targetId(), work.hash(), values, links, e,
                work.pendingLinks(), EntryMatcher.key(plan, e));
    }
}
