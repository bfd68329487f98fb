package io.stagesync.sync;

import io.stagesync.dialect.BatchOutcome;
import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one batch of entry writes to the target's dialect as a single request and records the id map of what was
 * written. A failed item fails only that entry; a request the stage refuses as a whole is split in halves until the
 * entry it cannot take is isolated. A batch resent after an ambiguous failure first looks up its creates.
 */
public final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final IdMapRepository idMap;
    private final TargetLookup lookup;

    public BatchWriter(IdMapRepository idMap, TargetLookup lookup) {
        this.idMap = idMap;
        this.lookup = lookup;
    }

    /** Writes a batch of creates and updates. */
    public BatchResult write(SyncRun run, List<EntryWrite> writes) {
        return send(run, writes, false);
    }

    /** Sets the link fields of entries the target has (the relations phase). */
    public BatchResult setRelations(SyncRun run, List<EntryWrite> links) {
        return send(run, links, true);
    }

    private BatchResult send(SyncRun run, List<EntryWrite> writes, boolean relations) {
        Map<String, String> written = new LinkedHashMap<>();
        List<EntryFailure> failures = new ArrayList<>();
        long[] counts = new long[2];
        if (!writes.isEmpty()) {
            send(run, run.model(writes.get(0).model()), writes, relations, written, failures, counts);
        }
        return new BatchResult(written, failures, counts[0], counts[1]);
    }

    private void send(SyncRun run, ModelPlan plan, List<EntryWrite> writes, boolean relations, Map<String, String> written,
                      List<EntryFailure> failures, long[] counts) {
        BatchOutcome outcome = relations ? run.target().setRelations(plan, writes)
                : run.target().write(plan, writes, sent -> resend(run, plan, sent));
        if (outcome.refused() != null) {
            if (writes.size() == 1) {
                failures.add(new EntryFailure(plan.name(), writes.get(0).sourceId(), "target refused the write: " + outcome.refused()));
            } else {
                int half = writes.size() / 2;
                send(run, plan, writes.subList(0, half), relations, written, failures, counts);
                send(run, plan, writes.subList(half, writes.size()), relations, written, failures, counts);
            }
            return;
        }
        List<IdMapRepository.Mapping> mappings = new ArrayList<>();
        for (BatchOutcome.Item item : outcome.items()) {
            EntryWrite w = item.write();
            if (!item.ok()) {
                failures.add(new EntryFailure(plan.name(), w.sourceId(), item.error()));
                continue;
            }
            written.put(w.sourceId(), item.targetId());
            mappings.add(new IdMapRepository.Mapping(plan.name(), w.sourceId(), item.targetId(), w.hash()));
            counts[w.create() ? 0 : 1]++;
        }
        idMap.saveAll(run.sourceStage(), run.targetStage(), mappings);
    }

    /** Before a batch is sent again after an ambiguous failure: creates the target already has become updates. */
    private List<EntryWrite> resend(SyncRun run, ModelPlan plan, List<EntryWrite> writes) {
        List<EntryWrite> creates = writes.stream().filter(EntryWrite::create).toList();
        if (creates.isEmpty()) {
            return writes;
        }
        if (plan.sourceIdField() == null && plan.matchField() == null) {
            run.warn(plan.name() + ": a create batch was resent after an ambiguous failure and the model has no key to "
                    + "check it by (set stagesync.match." + plan.name() + "); duplicates are possible");
            return writes;
        }
        Map<String, String> found = lookup.find(run, plan, creates.stream().map(EntryWrite::key).toList());
        if (found.isEmpty()) {
            return writes;
        }
        log.warn("Ambiguous write model={} alreadyCreated={}; resending them as updates", plan.name(), found.size());
        return writes.stream().map(w -> w.create() && found.containsKey(w.sourceId()) ? w.asUpdate(found.get(w.sourceId())) : w).toList();
    }
}
