package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.ModelPlan;

import io.stagesync.state.IdMapRepository;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.EntryStateRepository.EntryState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * For {@code --full}: compares each mapped entry with what the target really holds (one read per 100 entries), so only
 * entries that drifted are rewritten, a target entry deleted by hand is created again, and a publish state changed in
 * the target is corrected by the publish phase. A target entry found by look-up (a new state store) that is already
 * equal is recorded in the id map without a write.
 */
public final class TargetDriftCheck {

    private final EntryStateRepository states;
    private final IdMapRepository idMap;
    private final EntryHasher hasher = new EntryHasher();

    public TargetDriftCheck(EntryStateRepository states, IdMapRepository idMap) {
        this.states = states;
        this.idMap = idMap;
    }

    public List<EntryWork> compare(SyncRun run, ModelPlan plan, List<EntryWork> works) {
        Map<String, SourceEntry> target = new HashMap<>();
        List<String> ids = works.stream().map(EntryWork::targetId).filter(Objects::nonNull).toList();
        int max = run.target().maxIdsPerCall();
        for (int from = 0; from < ids.size(); from += max) {
            run.target().readByIds(plan, run.plan().locales(), ids.subList(from, Math.min(ids.size(), from + max)))
                    .forEach(t -> target.put(t.id(), t));
        }
        Map<String, EntryState> known = states.load(run.sourceStage(), run.targetStage(), plan.name(),
                works.stream().map(EntryWork::sourceId).toList());
        List<EntryState> publishDrift = new ArrayList<>();
        List<IdMapRepository.Mapping> adopted = new ArrayList<>();
        List<EntryWork> out = new ArrayList<>();
        for (EntryWork w : works) {
            SourceEntry t = w.targetId() == null ? null : target.get(w.targetId());
            if (w.targetId() != null && t == null) {
                out.add(w.with(EntryWork.Action.CREATE, null));
                continue;
            }
            if (t == null) {
                out.add(w);
                continue;
            }
            boolean draftSame = sameContent(asSource(plan, t, w), expected(plan, w, w.entry()));
            SourceEntry sourcePublished = w.entry().published();
            boolean publishedSame = sourcePublished == null ? t.publishedAt() == null
                    : t.published() != null && sameContent(asSource(plan, t.published(), w), expected(plan, w, sourcePublished));
            // a published version to write first: the target lacks it and the source's draft differs from it
            boolean same = draftSame && (publishedSame || !hasher.draftDiffers(w.entry()));
            out.add(w.with(same ? EntryWork.Action.SKIP : EntryWork.Action.UPDATE, w.targetId()));
            if (same && w.action() != EntryWork.Action.SKIP) {
                // found by look-up, or mapped with an older hash, and already equal: recorded without a write
                adopted.add(new IdMapRepository.Mapping(plan.name(), w.sourceId(), w.targetId(), w.hash()));
            }
            EntryState old = known.get(w.sourceId());
            String applied = old == null ? null : old.publishApplied();
            // what the target's published stage holds: the source's published version, or something else ("target")
            String actual = publishedSame ? w.entry().publishedAt() : t.publishedAt() == null ? null : "target";
            if (!Objects.equals(applied, actual)) {
                publishDrift.add(new EntryState(plan.name(), w.sourceId(), old == null ? null : old.pendingLinks(),
                        old == null ? w.entry().publishedAt() : old.publishWanted(), actual));
            }
        }
        states.saveAll(run.sourceStage(), run.targetStage(), publishDrift);
        idMap.saveAll(run.sourceStage(), run.targetStage(), adopted);
        return out;
    }

    /** The target entry with its link ids translated back to source ids (unknown ones stay different). */
    private boolean sameContent(SourceEntry a, SourceEntry b) {
        return hasher.contentHash(a).equals(hasher.contentHash(b));
    }

    private static SourceEntry asSource(ModelPlan plan, SourceEntry t, EntryWork w) {
        Map<String, String> back = new HashMap<>();
        w.linkIds().forEach((source, target) -> back.put(target, source));
        Map<String, List<String>> links = new LinkedHashMap<>();
        t.links().forEach((field, ids) -> links.put(field, ids.stream().map(id -> back.getOrDefault(id, "target:" + id)).toList()));
        // references inside values (rich text, unions, components) translated back the same way
        SourceEntry values = EntryWriteBuilder.mapReferences(plan, t, back);
        return new SourceEntry(w.sourceId(), null, null, values.values(), values.localizations(), links, null);
    }


    /**
     * A version of the source entry as the sync writes it: the source-id field holds the stored source id, and links whose target
     * is not mapped yet are left out (they are pending, not drift).
     */
    private static SourceEntry expected(ModelPlan plan, EntryWork w, SourceEntry e) {
        Map<String, Object> values = new LinkedHashMap<>(e.values());
        if (plan.sourceIdField() != null) {
            values.put(plan.sourceIdField(), EntryMatcher.storedSourceId(plan, e));
        }
        Map<String, List<String>> links = new LinkedHashMap<>();
        e.links().forEach((field, ids) -> links.put(field, ids.stream().filter(w.linkIds()::containsKey).toList()));
        // references inside values whose target is not mapped are left out of the write, as links are
        Map<String, String> same = new HashMap<>();
        w.linkIds().keySet().forEach(id -> same.put(id, id));
        SourceEntry refs = EntryWriteBuilder.mapReferences(plan, new SourceEntry(e.id(), null, null, values, e.localizations(), links, null), same);
        return new SourceEntry(e.id(), null, null, refs.values(), refs.localizations(), links, null);
    }
}
