package io.stagesync.dialect;

/**
 * A pending scheduled publish or unpublish of a stage: the operation, the entry (or asset) it changes, and the release
 * it belongs to with its time.
 *
 * @param releaseAt    when the release runs (ISO-8601), or null for a release without a time
 * @param releaseTitle the release's title, or null for the implicit release of a single scheduled operation
 */
public record ScheduledChange(String operationId, String model, String entryId, String releaseId, String releaseTitle,
                              String releaseAt) {
}
