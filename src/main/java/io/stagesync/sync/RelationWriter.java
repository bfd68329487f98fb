package io.stagesync.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.state.IdMapRepository;
import io.stagesync.sync.schema.FieldSchema;
import io.stagesync.sync.schema.ModelPlan;
import io.stagesync.sync.state.EntryStateRepository;
import io.stagesync.sync.state.EntryStateRepository.EntryState;
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

    public RelationWriter(EntryStateRepository states, IdMapRepository idMap, BatchWriter writer) {
        this.states = states;
        this.idMap = idMap;
        this.writer = writer;
    }

    /** Writes the model's pending links; returns the entries that failed (for the dead-letter channel). */
    public List<EntryFailure> write(SyncRun run, String model) {
        ModelPlan plan = run.model(model);
        List<EntryFailure> failures = new ArrayList<>();
        if (run.planOnly()) {
            return failures;
        }
        List<EntryState> pending = states.withPendingLinks(run.sourceStage(), run.targetStage(), model);
        run.progress().phaseStarted("relations:" + model, pending.size());
        long written = 0;
        int size = run.settings().batchSize();
        Map<String, List<String>> unmapped = new LinkedHashMap<>();
        for (int from = 0; from < pending.size() && run.fatal() == null && !run.progress().cancelled(); from += size) {
            written += writeChunk(run, plan, pending.subList(from, Math.min(pending.size(), from + size)), failures, unmapped);
            run.progress().progress("relations:" + model, Math.min(pending.size(), from + size), pending.size());
        }
        unmapped.forEach((field, entries) -> {
            String type = plan.model().field(field).map(FieldSchema::typeName).orElse("?");
            run.warn(model + "." + field + ": " + entries.size() + " entries link " + type + " entries not mapped in the target"
                    + ("Asset".equals(type) ? " (sync assets first)" : " (failed or not synced)") + "; the links are kept "
                    + "pending for the next run, e.g. " + entries.subList(0, Math.min(3, entries.size())));
        });
        if (!pending.isEmpty()) {
            log.info("Relations done model={} pending={} written={}", model, pending.size(), written);
        }
        run.progress().phaseFinished("relations:" + model);
        return failures;
    }

    private long writeChunk(SyncRun run, ModelPlan plan, List<EntryState> chunk, List<EntryFailure> failures,
                            Map<String, List<String>> unmapped) {
        Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
        Map<String, Set<String>> idsByModel = new HashMap<>();
        for (EntryState s : chunk) {
            Map<String, List<String>> fields = parse(s.pendingLinks());
            links.put(s.sourceId(), fields);
            fields.forEach((field, ids) -> plan.model().field(field).ifPresent(f ->
                    idsByModel.computeIfAbsent(f.typeName(), m -> new HashSet<>()).addAll(ids)));
        }
        Map<String, String> resolved = new HashMap<>();
        idsByModel.forEach((m, ids) -> idMap.findAll(run.sourceStage(), run.targetStage(), m, ids).forEach((s, map) -> resolved.put(s, map.targetId())));
        Map<String, IdMapRepository.Mapping> selves = idMap.findAll(run.sourceStage(), run.targetStage(), plan.name(), links.keySet());
        List<EntryWrite> writes = new ArrayList<>();
        Map<String, String> stillPending = new HashMap<>();
        for (EntryState s : chunk) {
            IdMapRepository.Mapping self = selves.get(s.sourceId());
            if (self == null) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            Map<String, List<String>> left = new LinkedHashMap<>();
            links.get(s.sourceId()).forEach((field, ids) -> {
                FieldSchema f = plan.model().field(field).orElse(null);
                if (f == null) {
                    return;
                }
                if (ids.stream().allMatch(resolved::containsKey)) {
                    data.put(field, EntryInputBuilder.linkInput(f, ids.stream().map(resolved::get).toList(), false));
                } else {
                    left.put(field, ids);
                    unmapped.computeIfAbsent(field, k -> new ArrayList<>()).add(s.sourceId());
                }
            });
            stillPending.put(s.sourceId(), left.isEmpty() ? null : toJson(left));
            if (!data.isEmpty()) {
                writes.add(new EntryWrite(EntryWork.Action.UPDATE, plan.name(), s.sourceId(), self.targetId(), self.contentHash(),
                        data, Map.of(), null));
            }
        }
        Set<String> ok = new HashSet<>(stillPending.keySet());
        long written = 0;
        if (!writes.isEmpty()) {
            BatchResult result = writer.write(run, writes);
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
