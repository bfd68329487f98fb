package io.stagesync.sync;

import io.stagesync.state.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter channel's end: records a failed entry (a per-alias error) or a failed step (retries
 * exhausted) with its reason in the run and the state store. A failed step stops the run (FAILED).
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
        String reason = exception == null ? String.valueOf(body) : exception.getClass().getSimpleName() + ": " + exception.getMessage();
        log.error("Sync step failed runId={} model={} reason={}", run.runId(), model, reason);
        run.fatal((model == null ? "" : "model " + model + ": ") + reason);
        run.progress().log("ERROR", "sync", reason);
        if (!run.planOnly()) {
            store.recordFailure(run.runId(), model == null ? "-" : model, "-", reason);
        }
    }
}
