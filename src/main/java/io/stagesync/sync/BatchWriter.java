package io.stagesync.sync;

import io.stagesync.graphql.GraphQLCall;
import io.stagesync.graphql.GraphQLResult;
import io.stagesync.state.IdMapRepository;
import io.stagesync.sync.schema.ModelPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one batch of entry writes as a single request of aliased mutations and records the id map of what was
 * written. A per-alias error fails only that entry; a request the stage refuses as a whole is split in halves
 * until the entry it cannot take is isolated.
 */
public final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final IdMapRepository idMap;
    private final TargetLookup lookup;
    private final EntryInputBuilder inputs;
    private final MutationBatchBuilder batches = new MutationBatchBuilder();

    public BatchWriter(IdMapRepository idMap, TargetLookup lookup, EntryInputBuilder inputs) {
        this.idMap = idMap;
        this.lookup = lookup;
        this.inputs = inputs;
    }

    public BatchResult write(SyncRun run, List<?> items) {
        List<EntryWrite> writes = items.stream().filter(EntryWrite.class::isInstance).map(EntryWrite.class::cast).toList();
        Map<String, String> written = new LinkedHashMap<>();
        List<EntryFailure> failures = new ArrayList<>();
        long[] counts = new long[2];
        if (!writes.isEmpty()) {
            send(run, run.model(writes.get(0).model()), writes, written, failures, counts);
        }
        return new BatchResult(written, failures, counts[0], counts[1]);
    }

    private void send(SyncRun run, ModelPlan plan, List<EntryWrite> writes, Map<String, String> written,
                      List<EntryFailure> failures, long[] counts) {
        Call call = new Call(run, plan, writes);
        GraphQLResult r = run.target().execute(call);
        List<EntryWrite> sent = call.writes;
        boolean wholeRefused = r.status() >= 400 || (r.hasErrors() && r.errors().stream().allMatch(e -> GraphQLResult.pathHead(e) == null));
        if (wholeRefused) {
            if (sent.size() == 1) {
                failures.add(new EntryFailure(plan.name(), sent.get(0).sourceId(), "target refused the write: " + r.errorMessages()));
            } else {
                int half = sent.size() / 2;
                send(run, plan, sent.subList(0, half), written, failures, counts);
                send(run, plan, sent.subList(half, sent.size()), written, failures, counts);
            }
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        r.errors().forEach(e -> errors.merge(String.valueOf(GraphQLResult.pathHead(e)), String.valueOf(e.get("message")), (a, b) -> a + "; " + b));
        List<IdMapRepository.Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            EntryWrite w = sent.get(i);
            Object node = r.data().get("m" + i);
            if (errors.containsKey("m" + i) || !(node instanceof Map<?, ?> m) || m.get("id") == null) {
                failures.add(new EntryFailure(plan.name(), w.sourceId(), errors.getOrDefault("m" + i, "no id returned for the write")));
                continue;
            }
            String targetId = (String) m.get("id");
            written.put(w.sourceId(), targetId);
            mappings.add(new IdMapRepository.Mapping(plan.name(), w.sourceId(), targetId, w.hash()));
            counts[w.action() == EntryWork.Action.CREATE ? 0 : 1]++;
        }
        idMap.saveAll(run.sourceStage(), run.targetStage(), mappings);
    }

    /** The batch request; after an ambiguous failure its creates are looked up in the target and become updates. */
    private final class Call implements GraphQLCall {
        private final SyncRun run;
        private final ModelPlan plan;
        private List<EntryWrite> writes;
        private MutationBatchBuilder.Batch batch;

        Call(SyncRun run, ModelPlan plan, List<EntryWrite> writes) {
            this.run = run;
            this.plan = plan;
            this.writes = writes;
            this.batch = batches.build(plan.name(), writes);
        }

        @Override
        public String query() {
            return batch.query();
        }

        @Override
        public Map<String, Object> variables() {
            return batch.variables();
        }

        @Override
        public GraphQLCall afterAmbiguousFailure() {
            List<EntryWrite> creates = writes.stream().filter(w -> w.action() == EntryWork.Action.CREATE).toList();
            if (creates.isEmpty()) {
                return this;
            }
            if (plan.sourceIdField() == null && plan.matchField() == null) {
                run.warn(plan.name() + ": a create batch was resent after an ambiguous failure and the model has no key to "
                        + "check it by (set stagesync.match." + plan.name() + "); duplicates are possible");
                return this;
            }
            Map<String, String> found = lookup.find(run, plan, creates.stream().map(w -> EntryMatcher.key(plan, w.work().entry())).toList());
            if (!found.isEmpty()) {
                log.warn("Ambiguous write model={} alreadyCreated={}; resending them as updates", plan.name(), found.size());
                writes = writes.stream().map(w -> found.containsKey(w.sourceId()) && w.action() == EntryWork.Action.CREATE
                        ? inputs.update(run, new EntryWork(plan.name(), EntryWork.Action.UPDATE, w.work().entry(),
                        found.get(w.sourceId()), w.hash(), w.work().linkIds())) : w).toList();
                batch = batches.build(plan.name(), writes);
            }
            return this;
        }
    }
}
