package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.ModelPlan;

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
 * the target is corrected by the publish phase.
 */
public final class TargetDriftCheck {

    private final EntryStateRepository states;
    private final EntryHasher hasher = new EntryHasher();

    public TargetDriftCheck(EntryStateRepository states) {
        this.states = states;
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
            boolean same = hasher.hash(asSource(t, w)).equals(hasher.hash(expected(plan, w)));
            out.add(w.with(same ? EntryWork.Action.SKIP : EntryWork.Action.UPDATE, w.targetId()));
            EntryState old = known.get(w.sourceId());
            String applied = old == null ? null : old.publishApplied();
            if ((t.publishedAt() == null) != (applied == null)) {
                publishDrift.add(new EntryState(plan.name(), w.sourceId(), old == null ? null : old.pendingLinks(),
                        old == null ? null : old.publishWanted(), t.publishedAt() == null ? null : "target"));
            }
        }
        states.saveAll(run.sourceStage(), run.targetStage(), publishDrift);
        return out;
    }

    /** The target entry with its link ids translated back to source ids (unknown ones stay different). */
    private static SourceEntry asSource(SourceEntry t, EntryWork w) {
        Map<String, String> back = new HashMap<>();
        w.linkIds().forEach((source, target) -> back.put(target, source));
        Map<String, List<String>> links = new LinkedHashMap<>();
        t.links().forEach((field, ids) -> links.put(field, ids.stream().map(id -> back.getOrDefault(id, "target:" + id)).toList()));
        return new SourceEntry(w.sourceId(), null, null, t.values(), t.localizations(), links, null);
    }

    /**
     * The source entry as the sync writes it: the source-id field holds the stored source id, and links whose target
     * is not mapped yet are left out (they are pending, not drift).
     */
    private static SourceEntry expected(ModelPlan plan, EntryWork w) {
        SourceEntry e = w.entry();
        Map<String, Object> values = new LinkedHashMap<>(e.values());
        if (plan.sourceIdField() != null) {
            values.put(plan.sourceIdField(), EntryMatcher.storedSourceId(plan, e));
        }
        Map<String, List<String>> links = new LinkedHashMap<>();
        e.links().forEach((field, ids) -> links.put(field, ids.stream().filter(w.linkIds()::containsKey).toList()));
        return new SourceEntry(e.id(), null, null, values, e.localizations(), links, null);
    }
}
