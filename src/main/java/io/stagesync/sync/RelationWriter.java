package io.stagesync.sync;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.EntryStateRepository.EntryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relations phase for one model: writes the links that waited for their target (cycles, same-page
 * references, assets synced later) with {@code set:} through the id map, in batches of aliased updates.
 * A link whose target is still unmapped stays pending and is reported as a warning.
 */
public final class RelationWriter {

    private static final Logger log = LoggerFactory.getLogger(RelationWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntryStateRepository states;
    private final IdMapRepository idMap;
    private final BatchWriter writer;
    private final EntryHasher hasher = new EntryHasher();

    public RelationWriter(EntryStateRepository states, IdMapRepository idMap, BatchWriter writer) {
        this.states = states;
        this.idMap = idMap;
        this.writer = writer;
    }

    /**
     * One batch of a model's entries with pending links. The batches of a model share {@code unmapped} (link fields whose
     * target is still unknown, by field) and {@code written}, which {@link #finish} reports.
     */
    public record RelationBatch(String model, List<EntryState> entries, int done, int total, Map<String, List<String>> unmapped,
                                AtomicLong written) {
    }

    /** The model's entries with pending links, cut into batches of the run's batch size (none in a plan). */
    public List<RelationBatch> batches(SyncRun run, String model) {
        List<RelationBatch> batches = new ArrayList<>();
        if (run.planOnly()) {
            return batches;
        }
        List<EntryState> pending = states.withPendingLinks(run.sourceStage(), run.targetStage(), model);
        run.progress().phaseStarted("relations:" + model, pending.size());
        int size = run.settings().batchSize();
        Map<String, List<String>> unmapped = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicLong written = new AtomicLong();
        for (int from = 0; from < pending.size(); from += size) {
            int to = Math.min(pending.size(), from + size);
            batches.add(new RelationBatch(model, pending.subList(from, to), to, pending.size(), unmapped, written));
        }
        return batches;
    }

    /** Writes one batch's links; returns the entries that failed (for the dead-letter channel). */
    public List<EntryFailure> write(SyncRun run, RelationBatch batch) {
        List<EntryFailure> failures = new ArrayList<>();
        if (!run.running()) {
            batch.entries().forEach(s -> failures.add(new EntryFailure(s.model(), s.sourceId(), "links not written: the run stopped before ("
                    + (run.fatal() == null ? "cancelled" : run.fatal()) + ")")));
            return failures;
        }
        batch.written().addAndGet(writeChunk(run, run.model(batch.model()), batch.entries(), failures, batch.unmapped()));
        run.progress().progress("relations:" + batch.model(), batch.done(), batch.total());
        return failures;
    }

    /** Reports the model's links still waiting for a target, once its batches are done. */
    public void finish(SyncRun run, String model, List<RelationBatch> batches) {
        if (run.planOnly()) {
            return;
        }
        ModelPlan plan = run.model(model);
        if (!batches.isEmpty()) {
            batches.get(0).unmapped().forEach((field, entries) -> {
                if (plan.model().field(field).filter(f -> !f.isLink()).isPresent()) {
                    run.warn(model + "." + field + ": " + entries.size() + " entries reference (rich text, union or component) "
                            + "entries or assets not mapped in the target (failed or not synced); the field is written again by "
                            + "the next run once they are, e.g. " + entries.subList(0, Math.min(3, entries.size())));
                    return;
                }
                String type = plan.model().field(field).map(FieldSchema::typeName).orElse("?");
                run.warn(model + "." + field + ": " + entries.size() + " entries link " + type + " entries not mapped in the target"
                        + ("Asset".equals(type) ? " (sync assets first)" : " (failed or not synced)") + "; the links are kept "
                        + "pending for the next run, e.g. " + entries.subList(0, Math.min(3, entries.size())));
            });
            log.info("Relations done model={} pending={} written={}", model, batches.get(0).total(), batches.get(0).written().get());
        }
        run.progress().phaseFinished("relations:" + model);
    }

    private long writeChunk(SyncRun run, ModelPlan plan, List<EntryState> chunk, List<EntryFailure> failures,
                            Map<String, List<String>> unmapped) {
        Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
        Map<String, Set<String>> idsByModel = new HashMap<>();
        for (EntryState s : chunk) {
            Map<String, List<String>> fields = parse(s.pendingLinks());
            links.put(s.sourceId(), fields);
            fields.forEach((field, ids) -> plan.model().field(field).ifPresent(f -> {
                if (f.isLink()) {
                    idsByModel.computeIfAbsent(f.typeName(), m -> new HashSet<>()).addAll(ids);
                } else {
                    ids.forEach(ref -> idsByModel.computeIfAbsent(refModel(ref), m -> new HashSet<>()).add(refId(ref)));
                }
            }));
        }
        Map<String, String> resolved = new HashMap<>();
        idsByModel.forEach((m, ids) -> idMap.findAll(run.sourceStage(), run.targetStage(), m, ids).forEach((s, map) -> resolved.put(s, map.targetId())));
        Map<String, IdMapRepository.Mapping> selves = idMap.findAll(run.sourceStage(), run.targetStage(), plan.name(), links.keySet());
        List<EntryWrite> writes = new ArrayList<>();
        Map<String, String> stillPending = new HashMap<>();
        Map<String, Map<String, List<String>>> linkData = new LinkedHashMap<>();
        Map<String, List<String>> rewrite = new LinkedHashMap<>();
        for (EntryState s : chunk) {
            IdMapRepository.Mapping self = selves.get(s.sourceId());
            if (self == null) {
                continue;
            }
            Map<String, List<String>> data = new LinkedHashMap<>();
            Map<String, List<String>> left = new LinkedHashMap<>();
            links.get(s.sourceId()).forEach((field, ids) -> {
                FieldSchema f = plan.model().field(field).orElse(null);
                if (f == null) {
                    return;
                }
                if (!f.isLink()) {
                    if (ids.stream().allMatch(ref -> resolved.containsKey(refId(ref)))) {
                        rewrite.computeIfAbsent(s.sourceId(), k -> new ArrayList<>()).add(field);
                    } else {
                        left.put(field, ids);
                        unmapped.computeIfAbsent(field, k -> new ArrayList<>()).add(s.sourceId());
                    }
                    return;
                }
                if (ids.stream().allMatch(resolved::containsKey)) {
                    data.put(field, ids.stream().map(resolved::get).toList());
                } else {
                    left.put(field, ids);
                    unmapped.computeIfAbsent(field, k -> new ArrayList<>()).add(s.sourceId());
                }
            });
            stillPending.put(s.sourceId(), left.isEmpty() ? null : toJson(left));
            if (!data.isEmpty() && !rewrite.containsKey(s.sourceId())) {
                writes.add(EntryWrite.links(plan.name(), s.sourceId(), self.targetId(), self.contentHash(), data));
            }
            linkData.put(s.sourceId(), data);
        }
        writes.addAll(valueRewrites(run, plan, rewrite, linkData, selves));
        Set<String> ok = new HashSet<>(stillPending.keySet());
        long written = 0;
        if (!writes.isEmpty()) {
            BatchResult result = writer.setRelations(run, writes);
            result.failures().forEach(f -> {
                failures.add(f);
                ok.remove(f.sourceId());
            });
            written = result.written().size();
            run.counters(plan.name()).relationsWritten.addAndGet(written);
        }
        List<EntryState> saved = new ArrayList<>();
        for (EntryState s : chunk) {
            if (ok.contains(s.sourceId()) && !java.util.Objects.equals(stillPending.get(s.sourceId()), s.pendingLinks())) {
                saved.add(new EntryState(s.model(), s.sourceId(), stillPending.get(s.sourceId()), s.publishWanted(), s.publishApplied()));
            }
        }
        states.saveAll(run.sourceStage(), run.targetStage(), saved);
        return written;
    }

    /**
     * Value fields whose references are all mapped now (rich text, unions, components): the entries are read from the
     * source again and those fields written with the references pointing at target ids, with the entry's links.
     */
    private List<EntryWrite> valueRewrites(SyncRun run, ModelPlan plan, Map<String, List<String>> rewrite,
                                           Map<String, Map<String, List<String>>> linkData, Map<String, IdMapRepository.Mapping> selves) {
        List<EntryWrite> writes = new ArrayList<>();
        if (rewrite.isEmpty()) {
            return writes;
        }
        List<String> ids = List.copyOf(rewrite.keySet());
        List<io.stagesync.dialect.SourceEntry> fresh = new ArrayList<>();
        int max = Math.max(1, run.source().maxIdsPerCall());
        for (int from = 0; from < ids.size(); from += max) {
            fresh.addAll(run.source().readByIds(plan, run.plan().locales(), ids.subList(from, Math.min(ids.size(), from + max))));
        }
        Map<String, Set<String>> byModel = new HashMap<>();
        // the version this run writes first: the published one while its draft waits for the drafts phase, else the draft
        Map<String, EntryWork> drafts = run.planOnly() ? Map.of() : run.draftsOnTop(plan.name());
        List<io.stagesync.dialect.SourceEntry> versions = fresh.stream()
                .map(e -> hasher.draftDiffers(e) && drafts.containsKey(e.id()) ? e.published() : e).toList();
        for (io.stagesync.dialect.SourceEntry v : versions) {
            for (FieldSchema f : plan.values()) {
                if (f.mayReference()) {
                    EntryMatcher.references(v, f).forEach(r -> byModel.computeIfAbsent(r.model(), m -> new HashSet<>()).add(r.id()));
                }
            }
        }
        Map<String, String> targets = new HashMap<>();
        byModel.forEach((m, refIds) -> idMap.findAll(run.sourceStage(), run.targetStage(), m, refIds).forEach((s, map) -> targets.put(s, map.targetId())));
        for (io.stagesync.dialect.SourceEntry v : versions) {
            IdMapRepository.Mapping self = selves.get(v.id());
            io.stagesync.dialect.SourceEntry mapped = EntryWriteBuilder.mapReferences(plan, v, targets);
            Map<String, Object> values = new LinkedHashMap<>();
            rewrite.get(v.id()).forEach(field -> values.put(field, mapped.values().get(field)));
            writes.add(new EntryWrite(false, plan.name(), v.id(), self.targetId(), self.contentHash(), values,
                    linkData.getOrDefault(v.id(), Map.of()), mapped, Map.of(), null));
        }
        return writes;
    }

    private static String refModel(String ref) {
        return ref.substring(0, ref.indexOf(EntryMatcher.VALUE_REF));
    }

    private static String refId(String ref) {
        return ref.substring(ref.indexOf(EntryMatcher.VALUE_REF) + 1);
    }

    private static Map<String, List<String>> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, List<String>>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable pending links in the state store: " + json, e);
        }
    }

    private static String toJson(Map<String, List<String>> links) {
        try {
            return JSON.writeValueAsString(links);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
