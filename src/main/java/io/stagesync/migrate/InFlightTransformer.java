package io.stagesync.migrate;

import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.state.MigrationRecords;
import io.stagesync.sync.EntryFailure;
import io.stagesync.sync.EntryHasher;
import io.stagesync.sync.EntryPage;
import io.stagesync.sync.SyncRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Changes a sync's entries between read and write, leaving the source as it is: with {@code sync --migrate} the
 * migration steps the source entry has not had (by the state store's records of the source stage), then the user's
 * {@code direct:transform-<Model>} route when {@code routes/} has one. Both versions of an entry (draft and published)
 * are changed alike. An entry a step fails on is reported failed and not written.
 */
public final class InFlightTransformer {

    private final Supplier<MigrationCatalog> catalog;
    private final Supplier<MigrationRecords> records;
    private final StepRunner runner;
    private final EntryHasher hasher = new EntryHasher();

    public InFlightTransformer(Supplier<MigrationCatalog> catalog, Supplier<MigrationRecords> records, StepRunner runner) {
        this.catalog = catalog;
        this.records = records;
        this.runner = runner;
    }

    public EntryPage transform(SyncRun run, EntryPage page) {
        String model = page.model();
        boolean migrate = Boolean.parseBoolean(run.request().options().getOrDefault("migrate", "false"));
        List<MigrationStep> steps = migrate && catalog.get() != null ? catalog.get().steps(model) : List.of();
        String endpoint = runner.transformEndpoint(model);
        if ((steps.isEmpty() && endpoint == null) || page.entries().isEmpty()) {
            return page;
        }
        ModelPlan plan = run.model(model);
        Map<String, Set<String>> applied = steps.isEmpty() ? Map.of()
                : records.get().applied(run.sourceStage(), model, page.entries().stream().map(SourceEntry::id).toList());
        List<SourceEntry> out = new ArrayList<>();
        for (SourceEntry e : page.entries()) {
            List<MigrationStep> pending = steps.isEmpty() ? List.of()
                    : catalog.get().pending(model, applied.getOrDefault(e.id(), Set.of()), null);
            try {
                SourceEntry draft = change(plan, pending, endpoint, e);
                SourceEntry published = e.published() == null ? null
                        : hasher.draftDiffers(e) ? change(plan, pending, endpoint, e.published()) : strip(draft, e.published());
                out.add(EntryJson.withPublished(draft, published));
            } catch (StepRunner.StepFailedException ex) {
                run.fail(new EntryFailure(model, e.id(), "in-flight " + ex.getMessage()));
            }
        }
        return new EntryPage(model, out, page.endCursor(), page.hasNext(), page.total(), page.latestUpdatedAt(), page.sourcePages(),
                page.sourcePublished(), page.recentlyPublished());
    }

    private SourceEntry change(ModelPlan plan, List<MigrationStep> pending, String endpoint, SourceEntry e) {
        SourceEntry changed = runner.apply(plan, pending, e);
        return endpoint == null ? changed : runner.call(plan, endpoint, endpoint, changed);
    }

    /** The published version when it equals the draft: the changed draft's content under the published version's times. */
    private static SourceEntry strip(SourceEntry draft, SourceEntry published) {
        return new SourceEntry(published.id(), published.createdAt(), published.updatedAt(), draft.values(), draft.localizations(),
                draft.links(), published.publishedAt());
    }
}
