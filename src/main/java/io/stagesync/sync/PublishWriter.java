package io.stagesync.sync;

import java.util.Optional;

import io.stagesync.dialect.ModelPlan;

import io.stagesync.state.IdMapRepository;
import io.stagesync.state.EntryStateRepository;
import io.stagesync.state.EntryStateRepository.EntryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The publish phase for one model: makes the target's published set match the source's with bulk
 * publish and unpublish calls of the target's dialect, up to {@code stagesync.sync.publish-batch} ids per call.
 */
public final class PublishWriter {

    private static final Logger log = LoggerFactory.getLogger(PublishWriter.class);

    private final EntryStateRepository states;
    private final IdMapRepository idMap;

    public PublishWriter(EntryStateRepository states, IdMapRepository idMap) {
        this.states = states;
        this.idMap = idMap;
    }

    /** Ids of one model to publish (or unpublish) in one call. */
    public record PublishBatch(String model, boolean publish, List<EntryState> entries) {
    }

    /** The model's publish changes, cut into batches of {@code stagesync.sync.publish-batch} (none in a plan). */
    public List<PublishBatch> batches(SyncRun run, String model) {
        List<PublishBatch> batches = new ArrayList<>();
        if (run.planOnly()) {
            return batches;
        }
        ModelPlan plan = run.model(model);
        List<EntryState> changes = states.withPublishChange(run.sourceStage(), run.targetStage(), model);
        run.counters(model).publishTotal.set(changes.size());
        run.progress().phaseStarted("publish:" + model, changes.size());
        for (boolean publish : new boolean[]{true, false}) {
            List<EntryState> items = changes.stream().filter(s -> (s.publishWanted() != null) == publish).toList();
            if (items.isEmpty()) {
                continue;
            }
            if (!(publish ? plan.target().bulkPublish() : plan.target().bulkUnpublish())) {
                run.warn(plan.name() + ": the target has no bulk " + (publish ? "publish" : "unpublish") + " mutation; "
                        + items.size() + " entries keep their publish state");
                continue;
            }
            int size = run.settings().publishBatch();
            for (int from = 0; from < items.size(); from += size) {
                batches.add(new PublishBatch(model, publish, items.subList(from, Math.min(items.size(), from + size))));
            }
        }
        return batches;
    }

    /** Sends one batch; returns the entries that failed (for the dead-letter channel). */
    public List<EntryFailure> send(SyncRun run, PublishBatch batch) {
        List<EntryFailure> failures = new ArrayList<>();
        sendChunk(run, run.model(batch.model()), batch.entries(), batch.publish(), failures);
        ModelCounters c = run.counters(batch.model());
        run.progress().progress("publish:" + batch.model(), c.publishDone.addAndGet(batch.entries().size()), c.publishTotal.get());
        return failures;
    }

    /** Logs what the model's batches applied. */
    public void finish(SyncRun run, String model) {
        if (run.planOnly()) {
            return;
        }
        ModelCounters c = run.counters(model);
        if (c.published.get() + c.unpublished.get() > 0) {
            log.info("Publish done model={} published={} unpublished={}", model, c.published.get(), c.unpublished.get());
        }
        run.progress().phaseFinished("publish:" + model);
    }

    private long sendChunk(SyncRun run, ModelPlan plan, List<EntryState> chunk, boolean publish,
                           List<EntryFailure> failures) {
        if (!run.running()) {
            synchronized (failures) {
                chunk.forEach(s -> failures.add(new EntryFailure(plan.name(), s.sourceId(), (publish ? "not published" : "not unpublished")
                        + ": the run stopped before (" + (run.fatal() == null ? "cancelled" : run.fatal()) + ")")));
            }
            return 0;
        }
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(run.sourceStage(), run.targetStage(), plan.name(),
                chunk.stream().map(EntryState::sourceId).toList());
        List<String> ids = new ArrayList<>();
        chunk.forEach(s -> {
            if (mapped.containsKey(s.sourceId())) {
                ids.add(mapped.get(s.sourceId()).targetId());
            }
        });
        Optional<String> refused = run.target().publish(plan, ids, publish, run.plan().locales());
        if (refused.isPresent()) {
            synchronized (failures) {
                chunk.forEach(s -> failures.add(new EntryFailure(plan.name(), s.sourceId(),
                        (publish ? "publish" : "unpublish") + " failed: " + refused.get())));
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
