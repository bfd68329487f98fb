package io.stagesync.migrate;

/**
 * What one migrate run is asked to do.
 *
 * @param runId   the run's id (null: a new one)
 * @param stage   the stage whose entries are migrated in place
 * @param model   the model
 * @param entryId one entry only, or null for all
 * @param to      the last version to apply ({@code MAJOR.MINOR.PATCH}), or null for all
 * @param dryRun  run the steps and report the diffs, write nothing
 */
public record MigrateRequest(String runId, String stage, String model, String entryId, String to, boolean dryRun) {
}
