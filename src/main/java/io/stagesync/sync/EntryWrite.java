package io.stagesync.sync;

import java.util.List;
import java.util.Map;

/**
 * One aliased mutation of a batch: create or update an entry with the given input data.
 *
 * @param pendingLinks link fields left out because a target is not mapped yet (source ids by field)
 * @param work         what the write was built from (to rebuild it as an update after an ambiguous failure)
 */
public record EntryWrite(EntryWork.Action action, String model, String sourceId, String targetId, String hash,
                         Map<String, Object> data, Map<String, List<String>> pendingLinks, EntryWork work) {
}
