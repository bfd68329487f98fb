package io.stagesync.sync;

import io.stagesync.dialect.SourceEntry;

import java.util.List;

/**
 * One step of a model read from the source (one or a few consecutive source pages), with the cursor that
 * continues after it.
 */
public record EntryPage(String model, List<SourceEntry> entries, String endCursor, boolean hasNext, long total,
                        String latestUpdatedAt, int sourcePages, long sourcePublished, long recentlyPublished) {

    /** The end of the watermark window: the source's latest {@code updatedAt}, else the page's highest, or null. */
    public String windowEnd() {
        if (latestUpdatedAt != null) {
            return latestUpdatedAt;
        }
        return entries.stream().map(SourceEntry::updatedAt).filter(u -> u != null).max(String::compareTo).orElse(null);
    }
}
