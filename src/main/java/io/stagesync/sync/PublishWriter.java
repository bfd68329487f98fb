package io.stagesync.sync;

import io.stagesync.graphql.GraphQLResult;
import io.stagesync.state.IdMapRepository;
import io.stagesync.sync.schema.ModelPlan;
import io.stagesync.sync.state.EntryStateRepository;
import io.stagesync.sync.state.EntryStateRepository.EntryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish phase for one model: makes the target's published set match the source's with bulk
 * {@code publishMany…Connection(where: {id_in})} and {@code unpublishMany…Connection}, up to 100 ids per request.
 */
public final class PublishWriter {

    private static final Logger log = LoggerFactory.getLogger(PublishWriter.class);

    private final EntryStateRepository states;
    private final IdMapRepository idMap;

    private final ExecutorService pool;

    /** @param pool the writers' pool: bulk requests of a model run in parallel within the stage's limits */
    public PublishWriter(EntryStateRepository states, IdMapRepository idMap, ExecutorService pool) {
        this.states = states;
        this.idMap = idMap;
        this.pool = pool;
    }

    /** Publishes and unpublishes what changed; returns the entries that failed (for the dead-letter channel). */
    public List<EntryFailure> publish(SyncRun run, String model) {
        ModelPlan plan = run.model(model);
        List<EntryFailure> failures = new ArrayList<>();
        if (run.planOnly()) {
            return failures;
        }
        List<EntryState> changes = states.withPublishChange(run.sourceStage(), run.targetStage(), model);
        List<EntryState> publish = changes.stream().filter(s -> s.publishWanted() != null).toList();
        List<EntryState> unpublish = changes.stream().filter(s -> s.publishWanted() == null).toList();
        run.progress().phaseStarted("publish:" + model, changes.size());
        AtomicLong done = new AtomicLong();
        send(run, plan, publish, true, failures, done, changes.size());
        send(run, plan, unpublish, false, failures, done, changes.size());
        if (!changes.isEmpty()) {
            log.info("Publish done model={} published={} unpublished={}", model, publish.size(), unpublish.size());
        }
        run.progress().phaseFinished("publish:" + model);
        return failures;
    }

    private long send(SyncRun run, ModelPlan plan, List<EntryState> items, boolean publish, List<EntryFailure> failures,
                      AtomicLong done, long total) {
        String mutation = publish ? plan.target().publishMany() : plan.target().unpublishMany();
        if (items.isEmpty()) {
            return 0;
        }
        if (mutation == null) {
            run.warn(plan.name() + ": the target has no bulk " + (publish ? "publish" : "unpublish") + " mutation; "
                    + items.size() + " entries keep their publish state");
            return 0;
        }
        int size = run.settings().publishBatch();
        List<CompletableFuture<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            List<EntryState> chunk = items.subList(from, Math.min(items.size(), from + size));
            chunks.add(CompletableFuture.supplyAsync(() -> sendChunk(run, plan, mutation, chunk, publish, failures), pool)
                    .whenComplete((n, e) -> run.progress().progress("publish:" + plan.name(), done.addAndGet(chunk.size()), total)));
        }
        return chunks.stream().mapToLong(CompletableFuture::join).sum();
    }

    private long sendChunk(SyncRun run, ModelPlan plan, String mutation, List<EntryState> chunk, boolean publish,
                           List<EntryFailure> failures) {
        if (!run.running()) {
            return 0;
        }
        int size = run.settings().publishBatch();
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(run.sourceStage(), run.targetStage(), plan.name(),
                chunk.stream().map(EntryState::sourceId).toList());
        List<String> ids = new ArrayList<>();
        chunk.forEach(s -> {
            if (mapped.containsKey(s.sourceId())) {
                ids.add(mapped.get(s.sourceId()).targetId());
            }
        });
        String args = publish ? "to: [PUBLISHED]" + (plan.target().publishLocales()
                ? ", locales: [" + String.join(", ", run.plan().locales()) + "]" : "") : "from: [PUBLISHED]";
        String query = "mutation Publish($ids: [ID!]) { p: " + mutation + "(where: { id_in: $ids }, " + args
                + ", first: " + size + ") { edges { node { id } } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("ids", ids);
        GraphQLResult r = run.target().execute(query, vars);
        if (r.hasErrors()) {
            synchronized (failures) {
                chunk.forEach(s -> failures.add(new EntryFailure(plan.name(), s.sourceId(),
                        (publish ? "publish" : "unpublish") + " failed: " + r.errorMessages())));
            }
            return 0;
        }
        List<EntryState> applied = chunk.stream().filter(s -> mapped.containsKey(s.sourceId()))
                .map(s -> new EntryState(s.model(), s.sourceId(), s.pendingLinks(), s.publishWanted(), s.publishWanted())).toList();
        states.saveAll(run.sourceStage(), run.targetStage(), applied);
        (publish ? run.counters(plan.name()).published : run.counters(plan.name()).unpublished).addAndGet(applied.size());
        return applied.size();
    }
}
