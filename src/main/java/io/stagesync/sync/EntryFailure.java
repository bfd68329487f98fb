package io.stagesync.sync;

/**
 * An item the run could not sync, as listed in the report and recorded by the dead-letter channel.
 */
public record EntryFailure(String model, String sourceId, String reason) {
}
