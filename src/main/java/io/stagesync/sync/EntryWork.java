package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;

import java.util.List;
import java.util.Map;

/**
 * What to do with one source entry: create it, update its target entry, or skip it because its content hash
 * is unchanged; with the target ids its links resolve to so far and the link fields that must wait for a target
 * (source ids by field), computed once when the entry is matched.
 */
public record EntryWork(String model, Action action, SourceEntry entry, String targetId, String hash, Map<String, String> linkIds,
                        Map<String, List<String>> pendingLinks) {

    /** The routes' content-based choice. */
    public enum Action { CREATE, UPDATE, SKIP }

    public String sourceId() {
        return entry.id();
    }

    /** The same entry with another decision. */
    public EntryWork with(Action newAction, String newTargetId) {
        return new EntryWork(model, newAction, entry, newTargetId, hash, linkIds, pendingLinks);
    }
}
