package io.stagesync.dialect;

import java.util.List;
import java.util.Map;

/**
 * One create or update of a batch, in neutral terms; the dialect turns it into its own input.
 *
 * @param values       the field values to write (a create leaves out null values)
 * @param links        the link fields to write, as target ids in order, by field
 * @param entry        the source entry (its timestamps and other locales), or null for a links-only update
 * @param pendingLinks link fields left out because a target is not mapped yet (source ids by field)
 * @param key          how to find the entry in the target after an ambiguous failure, or null
 */
public record EntryWrite(boolean create, String model, String sourceId, String targetId, String hash,
                         Map<String, Object> values, Map<String, List<String>> links, SourceEntry entry,
                         Map<String, List<String>> pendingLinks, LookupKey key) {

    /** The same write as an update of an entry the target already has. */
    public EntryWrite asUpdate(String target) {
        return new EntryWrite(false, model, sourceId, target, hash, values, links, entry, pendingLinks, key);
    }

    /** An update that sets link fields only (the relations phase). */
    public static EntryWrite links(String model, String sourceId, String targetId, String hash, Map<String, List<String>> links) {
        return new EntryWrite(false, model, sourceId, targetId, hash, Map.of(), links, null, Map.of(), null);
    }
}
