package io.stagesync.sync;

import java.util.List;
import java.util.Map;

/**
 * What one batch write achieved: the target ids of the entries written (by source id) and the entries that failed.
 */
public record BatchResult(Map<String, String> written, List<EntryFailure> failures, long created, long updated) {
}
