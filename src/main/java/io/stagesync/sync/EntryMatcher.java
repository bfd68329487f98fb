package io.stagesync.sync;

import io.stagesync.dialect.LookupKey;
import java.util.LinkedHashMap;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.Reference;

import io.stagesync.state.IdMapRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides per entry of a page whether to create, update or skip it (id map and content hash first, then a
 * target look-up), and resolves the target ids of its links through the id map.
 */
public final class EntryMatcher {

    private final IdMapRepository idMap;
    private final TargetLookup lookup;
    private final TargetDriftCheck drift;
    private final EntryHasher hasher = new EntryHasher();

    public EntryMatcher(IdMapRepository idMap, TargetLookup lookup, TargetDriftCheck drift) {
        this.idMap = idMap;
        this.lookup = lookup;
        this.drift = drift;
    }

    public List<EntryWork> match(SyncRun run, EntryPage page) {
        ModelPlan plan = run.model(page.model());
        String src = run.sourceStage();
        String tgt = run.targetStage();
        List<String> ids = page.entries().stream().map(SourceEntry::id).toList();
        run.seenIds(plan.name()).addAll(ids);
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(src, tgt, plan.name(), ids);
        Map<String, String> found = new HashMap<>();
        List<LookupKey> unmapped = page.entries().stream().filter(e -> !mapped.containsKey(e.id()))
                .map(e -> key(plan, e)).toList();
        if (!unmapped.isEmpty() && lookup.needed(run, plan)) {
            found.putAll(lookup.find(run, plan, unmapped));
        }
        Map<String, String> links = resolveLinks(run, plan, page.entries());
        List<EntryWork> works = new ArrayList<>();
        for (SourceEntry e : page.entries()) {
            String hash = hasher.hash(e);
            Map<String, String> entryLinks = new HashMap<>();
            SourceEntry first = hasher.draftDiffers(e) ? e.published() : e;
            versions(e).forEach(v -> referencedIds(plan, v).forEach(id -> {
                if (links.containsKey(id)) {
                    entryLinks.put(id, links.get(id));
                }
            }));
            // the version written first (the published one, when the draft differs) decides which links wait; a link
            // only the draft has (its target is not published, say) waits too, or the drafts phase would drop it for good
            Map<String, List<String>> pending = pendingLinks(plan, first, entryLinks);
            if (first != e) {
                pendingLinks(plan, e, entryLinks).forEach(pending::putIfAbsent);
            }
            IdMapRepository.Mapping m = mapped.get(e.id());
            String targetId = m != null ? m.targetId() : found.get(e.id());
            if (targetId != null) {
                run.keptTargets(plan.name()).add(targetId);
            }
            if (m != null) {
                boolean same = hash.equals(m.contentHash());
                works.add(new EntryWork(plan.name(), same ? EntryWork.Action.SKIP : EntryWork.Action.UPDATE, e, m.targetId(), hash,
                        entryLinks, pending));
            } else if (found.containsKey(e.id())) {
                works.add(new EntryWork(plan.name(), EntryWork.Action.UPDATE, e, found.get(e.id()), hash, entryLinks, pending));
            } else {
                works.add(new EntryWork(plan.name(), EntryWork.Action.CREATE, e, null, hash, entryLinks, pending));
            }
        }
        return run.full() && !run.planOnly() ? drift.compare(run, plan, works) : works;
    }

    /** The works that change the target (creates and updates), for the write split: skipped ones never enter it. */
    public List<EntryWork> changes(List<EntryWork> works) {
        return works.stream().filter(w -> w.action() != EntryWork.Action.SKIP).toList();
    }

    static LookupKey key(ModelPlan plan, SourceEntry e) {
        String stored = plan.sourceIdField() == null ? null : storedSourceId(plan, e);
        Object match = plan.matchField() == null ? null : e.values().get(plan.matchField());
        return new LookupKey(e.id(), stored, match == null ? null : match.toString());
    }

    /**
     * The link fields with a target not mapped yet (source ids by field, in order) and the value fields holding a
     * reference not mapped yet ({@code <model>:<source id>} of those references): they wait for the relations phase.
     */
    public static Map<String, List<String>> pendingLinks(ModelPlan plan, SourceEntry e, Map<String, String> linkIds) {
        Map<String, List<String>> pending = new LinkedHashMap<>();
        for (FieldSchema f : plan.links()) {
            List<String> ids = e.links().getOrDefault(f.name(), List.of());
            if (!ids.stream().allMatch(linkIds::containsKey)) {
                pending.put(f.name(), ids);
            }
        }
        for (FieldSchema f : plan.values()) {
            if (f.mayReference()) {
                List<String> unmapped = references(e, f).stream().filter(r -> !linkIds.containsKey(r.id()))
                        .map(r -> r.model() + VALUE_REF + r.id()).distinct().toList();
                if (!unmapped.isEmpty()) {
                    pending.put(f.name(), unmapped);
                }
            }
        }
        return pending;
    }

    /** Separates model and id in the pending references of a value field. */
    public static final String VALUE_REF = ":";

    /** The references inside a value field, in every locale. */
    static List<Reference> references(SourceEntry e, FieldSchema f) {
        List<Reference> refs = new ArrayList<>(Reference.collect(e.values().get(f.name())));
        e.localizations().values().forEach(l -> refs.addAll(Reference.collect(l.get(f.name()))));
        return refs;
    }

    /** The ids an entry version points at: its links and the references inside its values. */
    static List<String> referencedIds(ModelPlan plan, SourceEntry v) {
        List<String> ids = new ArrayList<>();
        v.links().values().forEach(ids::addAll);
        plan.values().stream().filter(FieldSchema::mayReference).forEach(f -> references(v, f).forEach(r -> ids.add(r.id())));
        return ids;
    }

    /** The value written into the source-id field: the source's own value when it has one (it is a copy), else its id. */
    static String storedSourceId(ModelPlan plan, SourceEntry e) {
        Object own = e.values().get(plan.sourceIdField());
        return own == null ? e.id() : own.toString();
    }

    /** The entry and, when it has one, its published version. */
    static List<SourceEntry> versions(SourceEntry e) {
        return e.published() == null ? List.of(e) : List.of(e, e.published());
    }

    /** The target ids of the entries' links (both versions) the id map knows, by source id. */
    Map<String, String> resolveLinks(SyncRun run, ModelPlan plan, List<SourceEntry> entries) {
        Map<String, Set<String>> byModel = new HashMap<>();
        for (FieldSchema f : plan.links()) {
            Set<String> ids = byModel.computeIfAbsent(f.typeName(), m -> new LinkedHashSet<>());
            entries.forEach(e -> versions(e).forEach(v -> ids.addAll(v.links().getOrDefault(f.name(), List.of()))));
        }
        for (FieldSchema f : plan.values()) {
            if (f.mayReference()) {
                entries.forEach(e -> versions(e).forEach(v -> references(v, f)
                        .forEach(r -> byModel.computeIfAbsent(r.model(), m -> new LinkedHashSet<>()).add(r.id()))));
            }
        }
        Map<String, String> resolved = new HashMap<>();
        byModel.forEach((model, ids) -> {
            if (!ids.isEmpty()) {
                idMap.findAll(run.sourceStage(), run.targetStage(), model, ids).forEach((s, m) -> resolved.put(s, m.targetId()));
            }
        });
        return resolved;
    }
}
