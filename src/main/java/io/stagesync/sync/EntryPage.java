package io.stagesync.sync;

import java.util.List;

/**
 * One page of a model read from the source, with the cursor that continues after it.
 */
public record EntryPage(String model, List<SourceEntry> entries, String endCursor, boolean hasNext, long total,
                        String latestUpdatedAt) {

    /** The end of the watermark window: the source's latest {@code updatedAt}, else the page's highest, or null. */
    public String windowEnd() {
        if (latestUpdatedAt != null) {
            return latestUpdatedAt;
        }
        return entries.stream().map(SourceEntry::updatedAt).filter(u -> u != null).max(String::compareTo).orElse(null);
    }
}
