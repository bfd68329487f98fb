package io.stagesync.dialect;

import java.util.Map;
import java.util.Set;

/**
 * What a look-up found: entries with the same id, target ids by stored source id, target ids by business key value.
 */
public record TargetMatches(Set<String> sameIds, Map<String, String> bySourceId, Map<String, String> byMatch) {

    /** The target id of a source entry: same id first, then stored source id, then business key; or null. */
    public String targetOf(LookupKey k) {
        if (sameIds.contains(k.sourceId())) {
            return k.sourceId();
        }
        if (k.storedSourceId() != null && bySourceId.containsKey(k.storedSourceId())) {
            return bySourceId.get(k.storedSourceId());
        }
        return k.matchValue() == null ? null : byMatch.get(k.matchValue());
    }
}
