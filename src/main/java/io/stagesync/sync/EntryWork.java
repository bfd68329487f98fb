package io.stagesync.sync;

import java.util.Map;

/**
 * What to do with one source entry: create it, update its target entry, or skip it because its content hash
 * is unchanged; with the target ids its links resolve to so far.
 */
public record EntryWork(String model, Action action, SourceEntry entry, String targetId, String hash, Map<String, String> linkIds) {

    /** The routes' content-based choice. */
    public enum Action { CREATE, UPDATE, SKIP }

    public String sourceId() {
        return entry.id();
    }
}
