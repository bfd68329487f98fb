package io.stagesync.sync;

import io.stagesync.dialect.EntryWrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a page's writes into batches of the run's batch size (one request each); in a plan it cuts none.
 */
public final class BatchSplitter {

    public List<List<EntryWrite>> batches(SyncRun run, List<?> writes) {
        List<List<EntryWrite>> batches = new ArrayList<>();
        if (run.planOnly() || writes == null) {
            return batches;
        }
        List<EntryWrite> all = writes.stream().filter(EntryWrite.class::isInstance).map(EntryWrite.class::cast).toList();
        int size = run.settings().batchSize();
        for (int from = 0; from < all.size(); from += size) {
            batches.add(new ArrayList<>(all.subList(from, Math.min(all.size(), from + size))));
        }
        return batches;
    }
}
