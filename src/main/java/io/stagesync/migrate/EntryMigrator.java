package io.stagesync.migrate;

import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.MigrationRecords;
import io.stagesync.sync.EntryHasher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the pending steps of each entry of a page: the versions up to {@code --to} the state store has not recorded for
 * it. An entry whose published version differs from its draft has both versions migrated. "Changed" is decided by
 * comparing content hashes before and after, so a step need not say whether it changed anything.
 */
public final class EntryMigrator {

    private final MigrationCatalog catalog;
    private final MigrationRecords records;
    private final StepRunner runner;
    private final EntryHasher hasher = new EntryHasher();

    public EntryMigrator(MigrationCatalog catalog, MigrationRecords records, StepRunner runner) {
        this.catalog = catalog;
        this.records = records;
        this.runner = runner;
    }

    public List<MigrationWork> migrate(MigrateRun run, List<SourceEntry> entries) {
        List<String> ids = entries.stream().map(SourceEntry::id).toList();
        Map<String, Set<String>> applied = records.applied(run.stage(), run.model(), ids);
        Map<String, MigrationRecords.Entry> pending = run.dryRun() ? Map.of() : records.pending(run.stage(), run.model(), ids);
        List<MigrationWork> works = new ArrayList<>();
        for (SourceEntry e : entries) {
            List<MigrationStep> steps = catalog.pending(run.model(), applied.getOrDefault(e.id(), Set.of()), run.to());
            if (steps.isEmpty()) {
                works.add(new MigrationWork(e.id(), e, e, steps, MigrationWork.Outcome.DONE, null, null, null));
                continue;
            }
            SourceEntry before = normalized(run, e);
            SourceEntry after;
            try {
                after = runner.apply(run.plan(), steps, before);
                if (hasher.draftDiffers(before)) {
                    after = EntryJson.withPublished(after, runner.apply(run.plan(), steps, before.published()));
                }
            } catch (StepRunner.StepFailedException ex) {
                works.add(new MigrationWork(e.id(), e, null, steps, MigrationWork.Outcome.FAILED, ex.getMessage(), null, null));
                continue;
            }
            String beforeHash = hash(before);
            String afterHash = hash(after);
            MigrationRecords.Entry earlier = pending.get(e.id());
            MigrationWork.Outcome outcome = earlier != null && earlier.afterHash().equals(beforeHash) ? MigrationWork.Outcome.LANDED
                    : beforeHash.equals(afterHash) ? MigrationWork.Outcome.NOT_MODIFIED : MigrationWork.Outcome.CHANGED;
            works.add(new MigrationWork(e.id(), before, after, steps, outcome, null, beforeHash, afterHash));
        }
        return works;
    }

    /** Both versions' content; the draft alone when the published version is the same. */
    private String hash(SourceEntry e) {
        return hasher.draftDiffers(e) ? hasher.hash(e) : hasher.contentHash(e);
    }

    /** The entry as a step would hand it back unchanged (JSON values), so that equal content hashes equally. */
    private static SourceEntry normalized(MigrateRun run, SourceEntry e) {
        SourceEntry draft = EntryJson.fromJson(run.plan(), e, EntryJson.toJson(run.plan(), e));
        SourceEntry published = e.published() == null ? null : EntryJson.fromJson(run.plan(), e.published(),
                EntryJson.toJson(run.plan(), e.published()));
        return EntryJson.withPublished(draft, published);
    }
}
