package io.stagesync.dialect;

import java.util.List;

/**
 * One page of a model as a stage answered it.
 *
 * @param total             the model's entry count, or -1 when unknown
 * @param latestUpdatedAt   the stage's latest change of the model (the watermark window's end), or null
 * @param sourcePublished   the number of published entries, or -1
 * @param recentlyPublished published since the request's watermark, or -1
 * @param warnings          what the page could not carry whole (for example links beyond a nested page limit)
 */
public record SourcePage(List<SourceEntry> entries, String endCursor, boolean hasNext, long total, String latestUpdatedAt,
                         long sourcePublished, long recentlyPublished, List<String> warnings) {
}
