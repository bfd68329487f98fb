package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;
import io.stagesync.dialect.StageRequestException;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.EntryStateRepository.EntryState;
import org.slf4j.Logger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter channel's end: records a failed entry (a per-alias error) or a failed step (retries
 * exhausted) with its reason in the run and the state store. A failed step stops the run (FAILED); each entry of a
 * failed batch (entry writes, relations, publish) is listed as failed with the step's reason.
 */
public final class SyncFailureRecorder {

    private static final Logger log = LoggerFactory.getLogger(SyncFailureRecorder.class);

    private final CheckpointStore store;

    public SyncFailureRecorder(CheckpointStore store) {
        this.store = store;
    }

    public void record(SyncRun run, String model, Object body, Throwable exception) {
        if (run == null) {
            log.error("Failure outside a sync run model={} reason={}", model, exception == null ? body : exception.getMessage());
            return;
        }
        if (exception == null && body instanceof EntryFailure f) {
            log.warn("Entry failed runId={} model={} sourceId={} reason={}", run.runId(), f.model(), f.sourceId(), f.reason());
            run.fail(f);
            if (!run.planOnly()) {
                store.recordFailure(run.runId(), f.model(), f.sourceId(), f.reason());
            }
            return;
        }
        // a stage's own failure already names the stage and the cause; others keep their class name for context
        String reason = exception == null ? String.valueOf(body) : exception instanceof StageRequestException ? exception.getMessage()
                : exception.getClass().getSimpleName() + ": " + exception.getMessage();
        log.error("Sync step failed runId={} model={} reason={}", run.runId(), model, reason);
        for (EntryFailure f : items(model, body, reason)) {
            run.fail(f);
            if (!run.planOnly()) {
                store.recordFailure(run.runId(), f.model(), f.sourceId(), f.reason());
            }
        }
        run.fatal((model == null ? "" : "model " + model + ": ") + reason);
        run.progress().log("ERROR", "sync", reason);
        if (!run.planOnly()) {
            store.recordFailure(run.runId(), model == null ? "-" : model, "-", reason);
        }
    }

    /** The entries a failed step carried: a batch of writes, of relations or of publish changes; none for other steps. */
    static List<EntryFailure> items(String model, Object body, String reason) {
        List<EntryFailure> items = new ArrayList<>();
        List<?> list = body instanceof RelationWriter.RelationBatch b ? b.entries()
                : body instanceof PublishWriter.PublishBatch b ? b.entries()
                : body instanceof List<?> l ? l : List.of();
        String step = body instanceof RelationWriter.RelationBatch ? "relations failed: "
                : body instanceof PublishWriter.PublishBatch p ? (p.publish() ? "publish" : "unpublish") + " failed: " : "";
        for (Object o : list) {
            if (o instanceof EntryWrite w) {
                items.add(new EntryFailure(w.model(), w.sourceId(), step + reason));
            } else if (o instanceof EntryState s) {
                items.add(new EntryFailure(s.model(), s.sourceId(), step + reason));
            }
        }
        return items;
    }
}
