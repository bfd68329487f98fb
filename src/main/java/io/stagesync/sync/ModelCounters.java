package io.stagesync.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of one model in a run: read, created, updated, unchanged and failed, and for a plan the
 * would-be creates, updates, skips and deletes.
 */
public final class ModelCounters {

    final AtomicLong read = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong relationsWritten = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong unpublished = new AtomicLong();
    /** Drafts written on top of a published version (an entry whose draft differs from what is published). */
    final AtomicLong drafts = new AtomicLong();
    final AtomicLong planDelete = new AtomicLong();
    /** Target entries a mirror deleted. */
    final AtomicLong deleted = new AtomicLong();
    /** Publish changes of the model in this run, and how many of them were sent (progress only, not reported). */
    final AtomicLong publishTotal = new AtomicLong();
    final AtomicLong publishDone = new AtomicLong();
    /** Drafts to write on top in this run (this run's and those an earlier run left), and how many are done (progress only). */
    final AtomicLong draftsTotal = new AtomicLong();
    final AtomicLong draftsDone = new AtomicLong();

    public Map<String, Object> toReport(boolean plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read.get());
        m.put("created", created.get());
        m.put("updated", updated.get());
        m.put("unchanged", unchanged.get());
        m.put("failed", failed.get());
        m.put("relationsWritten", relationsWritten.get());
        m.put("published", published.get());
        m.put("unpublished", unpublished.get());
        m.put("drafts", drafts.get());
        if (plan) {
            m.put("delete", planDelete.get());
        } else if (deleted.get() > 0) {
            m.put("deleted", deleted.get());
        }
        return m;
    }

    public long writes() {
        return created.get() + updated.get() + relationsWritten.get() + published.get() + unpublished.get() + drafts.get();
    }
}
