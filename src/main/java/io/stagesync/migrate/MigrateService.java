package io.stagesync.migrate;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.StageSchema;
import io.stagesync.state.MigrationRecords;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncSettings;
import io.stagesync.sync.schema.SyncPlanner;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs a migrate through the {@code migrate-entries} route: checks the stage, the model and its steps, resumes an
 * unfinished run of the same stage and model at its cursor, and reports the ids as updated, notModified and failed.
 * Also rolls a run back by writing its before-images.
 */
public final class MigrateService {

    private static final Logger log = LoggerFactory.getLogger(MigrateService.class);

    private final CamelContext camel;
    private final Dialects dialects;
    private final StageRegistry stages;
    private final StageRateLimiter limiter;
    private final SyncSettings settings;
    private final MigrationCatalog catalog;
    private final MigrationRecords records;
    private final MigrationWriter writer;
    private volatile ProducerTemplate template;

    public MigrateService(CamelContext camel, Dialects dialects, StageRegistry stages, StageRateLimiter limiter, SyncSettings settings,
                          MigrationCatalog catalog, MigrationRecords records, MigrationWriter writer) {
        this.camel = camel;
        this.dialects = dialects;
        this.stages = stages;
        this.limiter = limiter;
        this.settings = settings;
        this.catalog = catalog;
        this.records = records;
        this.writer = writer;
    }

    /** Checks the request before anything runs: one clear line naming what is wrong. */
    public void check(MigrateRequest request) {
        if (request.stage() == null || request.stage().isBlank()) {
            throw new IllegalArgumentException("a migrate needs a stage (--stage)");
        }
        StageConfig stage = stages.get(request.stage());
        if (stage.protectedStage() && !request.dryRun()) {
            throw new IllegalArgumentException("stage " + stage.name() + " is protected (stagesync.stages." + stage.name()
                    + ".protected=true) and is never migrated in place; --dry-run shows what would change");
        }
        if (request.model() == null || catalog.steps(request.model()).isEmpty()) {
            throw new IllegalArgumentException("no migration files for model " + request.model() + " (migrations/"
                    + request.model() + "/V<MAJOR.MINOR.PATCH>__<name>.camel.yaml); models with migrations: " + catalog.models());
        }
        if (request.to() != null && SemVer.parse(request.to()) == null) {
            throw new IllegalArgumentException("--to must be a version MAJOR.MINOR.PATCH (for example 1.2.0), got: " + request.to());
        }
    }

    public MigrateResult run(MigrateRequest request, SyncProgress progress) {
        long start = System.nanoTime();
        String runId = request.runId() == null || request.runId().isBlank() ? UUID.randomUUID().toString() : request.runId();
        long before = requests(request.stage());
        MigrateRun run = null;
        String status;
        String error = null;
        String resumedFrom = null;
        try {
            check(request);
            Dialect dialect = dialects.forStage(request.stage());
            dialect.runStarting();
            StageSchema schema = dialect.describe();
            ModelPlan plan = plan(schema, request.model());
            String cursor = null;
            if (!request.dryRun()) {
                if (request.entryId() == null) {
                    MigrationRecords.Run previous = records.resumable(request.stage(), request.model(), runId).orElse(null);
                    if (previous != null) {
                        resumedFrom = previous.runId();
                        cursor = previous.cursor();
                        records.runFinished(previous.runId(), "RESUMED");
                        log.info("Resuming interrupted migrate previousRunId={} runId={} cursor={}", resumedFrom, runId, cursor);
                    }
                }
                records.runStarted(new MigrationRecords.Run(runId, request.stage(), request.model(), request.entryId(), request.to(),
                        "RUNNING", cursor));
            }
            run = new MigrateRun(runId, request, dialect, plan, schema.locales(), SemVer.parse(request.to()), settings.pageSize(),
                    settings.batchSize(), progress, cursor);
            run.progress().phaseStarted("migrate:" + plan.name(), -1);
            log.info("Migrate started runId={} stage={} model={} id={} to={} dryRun={} steps={}", runId, request.stage(),
                    request.model(), request.entryId(), request.to(), request.dryRun(), labels(request.model()));
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty("migrateRun", run);
            Exchange done = template().send("direct:migrate-entries", exchange);
            if (done.getException() != null) {
                run.fatal(done.getException().getMessage());
            }
            run.progress().phaseFinished("migrate:" + plan.name());
            status = run.fatal() != null ? "FAILED" : progress != null && progress.cancelled() ? "CANCELLED"
                    : run.failed.isEmpty() ? "SUCCEEDED" : "PARTIAL";
            error = run.fatal();
        } catch (RuntimeException e) {
            log.error("Migrate failed runId={} stage={} model={} reason={}", runId, request.stage(), request.model(), e.getMessage());
            status = "FAILED";
            error = e.getMessage();
        }
        if (!request.dryRun() && run != null) {
            records.runFinished(runId, status);
        }
        Map<String, Object> report = report(request, runId, status, error, run);
        report.put("resumedFrom", resumedFrom);
        report.put("warnings", run == null ? List.of() : changedSince(request.stage(), request.model()));
        report.put("requests", requests(request.stage()) - before);
        report.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        log.info("Migrate finished runId={} status={} durationMs={} requests={}", runId, status, report.get("durationMs"), report.get("requests"));
        return new MigrateResult(status, report);
    }

    /** Writes back the before-images of the entries a run changed, and forgets the versions it applied to them. */
    public MigrateResult rollback(String runId, SyncProgress progress) {
        long start = System.nanoTime();
        MigrationRecords.Run stored = records.find(runId).orElseThrow(() -> new IllegalArgumentException(
                "no migrate run with id " + runId + " in the state store"));
        if ("ROLLED_BACK".equals(stored.status())) {
            throw new IllegalArgumentException("migrate run " + runId + " was rolled back already");
        }
        long before = requests(stored.stage());
        Dialect dialect = dialects.forStage(stored.stage());
        dialect.runStarting();
        StageSchema schema = dialect.describe();
        ModelPlan plan = plan(schema, stored.model());
        MigrateRun run = new MigrateRun(runId, new MigrateRequest(runId, stored.stage(), stored.model(), null, null, false), dialect,
                plan, schema.locales(), null, settings.pageSize(), settings.batchSize(), progress, null);
        Map<String, MigrationWriter.Image> images = new LinkedHashMap<>();
        records.appliedEntries(runId).forEach(e -> images.put(e.entryId(), MigrationWriter.readImage(e.beforeImage())));
        List<String> ids = new ArrayList<>(images.keySet());
        List<SourceEntry> current = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += dialect.maxIdsPerCall()) {
            current.addAll(dialect.readByIds(plan, schema.locales(), ids.subList(from, Math.min(ids.size(), from + dialect.maxIdsPerCall()))));
        }
        Map<String, String> failed = new LinkedHashMap<>();
        ids.stream().filter(id -> current.stream().noneMatch(e -> e.id().equals(id)))
                .forEach(id -> failed.put(id, "the entry is no longer in stage " + stored.stage()));
        List<String> restored = writer.restore(run, current, images, failed);
        records.rolledBack(runId, stored.stage(), stored.model(), restored);
        String status = failed.isEmpty() ? "SUCCEEDED" : "PARTIAL";
        if (failed.isEmpty()) {
            records.runFinished(runId, "ROLLED_BACK");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rollback", runId);
        report.put("stage", stored.stage());
        report.put("model", stored.model());
        report.put("status", status);
        report.put("restored", restored);
        report.put("failed", failed.entrySet().stream().map(e -> Map.<String, Object>of("id", e.getKey(), "reason", e.getValue())).toList());
        report.put("requests", requests(stored.stage()) - before);
        report.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        log.info("Rollback finished runId={} restored={} failed={}", runId, restored.size(), failed.size());
        return new MigrateResult(status, report);
    }

    /** Steps whose file changed after they were applied: the entries keep what the earlier text did. */
    private List<String> changedSince(String stage, String model) {
        Map<String, java.util.Set<String>> applied = records.appliedHashes(stage, model);
        List<String> warnings = new ArrayList<>();
        for (MigrationStep step : catalog.steps(model)) {
            java.util.Set<String> hashes = applied.getOrDefault(step.version().toString(), java.util.Set.of());
            if (hashes.stream().anyMatch(h -> !h.equals(step.hash()))) {
                warnings.add(step.file() + " changed after it was applied to entries of " + stage + "; they keep what the earlier "
                        + "text did (add a new version to change them again)");
            }
        }
        return warnings;
    }

    private ModelPlan plan(StageSchema schema, String model) {
        if (!schema.models().containsKey(model)) {
            throw new IllegalArgumentException("model " + model + " does not exist in stage " + schema.stage() + " (models: "
                    + new TreeSet<>(schema.models().keySet()) + ")");
        }
        return new SyncPlanner(settings.sourceIdField(), Map.of()).plan(schema, schema, List.of(model)).model(model).orElseThrow();
    }

    private List<String> labels(String model) {
        return catalog.steps(model).stream().map(MigrationStep::label).toList();
    }

    private Map<String, Object> report(MigrateRequest request, String runId, String status, String error, MigrateRun run) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("stage", request.stage());
        report.put("model", request.model());
        report.put("id", request.entryId());
        report.put("to", request.to());
        report.put("dryRun", request.dryRun());
        report.put("status", status);
        report.put("error", error);
        report.put("steps", request.model() == null ? List.of() : labels(request.model()));
        List<String> updated = run == null ? List.of() : List.copyOf(run.updated);
        List<String> notModified = run == null ? List.of() : List.copyOf(run.notModified);
        List<Map<String, Object>> failed = run == null ? List.of() : List.copyOf(run.failed);
        report.put("counts", Map.of("updated", updated.size(), "notModified", notModified.size(), "failed", failed.size()));
        report.put("updated", updated);
        report.put("notModified", notModified);
        report.put("failed", failed);
        report.put("applied", run == null ? List.of() : List.copyOf(run.applied));
        if (request.dryRun()) {
            report.put("diffs", run == null ? List.of() : List.copyOf(run.diffs));
        }
        return report;
    }

    private long requests(String stage) {
        return stage == null ? 0 : limiter.requests(stage);
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }
}
