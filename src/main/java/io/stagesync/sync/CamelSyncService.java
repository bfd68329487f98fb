package io.stagesync.sync;

import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.ScheduledChange;
import io.stagesync.dialect.Dialects;
import io.stagesync.config.StageRegistry;
import io.stagesync.config.StageRateLimiter;


import io.stagesync.config.StageConfig;
import io.stagesync.schema.SchemaService;
import io.stagesync.sync.schema.SyncPlan;
import io.stagesync.sync.schema.SyncPlanner;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.StageLeases;
import io.stagesync.state.SyncCheckpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a sync through the phase routes: assets (when that route exists), entries, relations, publish, drafts. It checks
 * the stages and their schemas first, resumes an interrupted run of the same pair, and returns the run result.
 */
public final class CamelSyncService implements SyncService {

    private static final Logger log = LoggerFactory.getLogger(CamelSyncService.class);

    private final CamelContext camel;
    private final Dialects dialects;
    private final StageRegistry stages;
    private final StageRateLimiter limiter;
    private final SyncSettings settings;
    private final CheckpointStore checkpoints;
    private final SyncReportBuilder reports = new SyncReportBuilder();
    private volatile ProducerTemplate template;

    public CamelSyncService(CamelContext camel, Dialects dialects, StageRegistry stages, StageRateLimiter limiter,
                            SyncSettings settings, CheckpointStore checkpoints) {
        this.camel = camel;
        this.dialects = dialects;
        this.stages = stages;
        this.limiter = limiter;
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    @Override
    public SyncResult run(SyncRequest request, SyncProgress progress) {
        long start = System.nanoTime();
        String runId = request.runId() == null || request.runId().isBlank() ? UUID.randomUUID().toString() : request.runId();
        Map<String, Long> before = requestCounts(request);
        SyncRun run = null;
        StageLeases.Lease lease = null;
        Map<String, Object> assets = null;
        String status;
        String error = null;
        try {
            checkStages(request);
            checkAssetFields(request);
            boolean mirror = Boolean.parseBoolean(request.options().getOrDefault(SyncRequest.MIRROR, "false"));
            SyncSettings runSettings = request.options().containsKey("batchSize")
                    ? settings.withBatchSize(Integer.parseInt(request.options().get("batchSize"))) : settings;
            Dialect source = dialects.forStage(request.source());
            Dialect target = dialects.forStage(request.target());
            if (mirror && !target.deletes()) {
                throw new IllegalArgumentException("Stage " + request.target() + " cannot delete entries, so it cannot be a mirror "
                        + "target (sync --mirror); sync without --mirror");
            }
            if (mirror && !request.plan()) {
                // the target is busy while a mirror deletes from it: another mirror, or a job, keeps off; the segments of
                // a resumed job run (<id>.<n>) hold it as one
                lease = leases().hold(request.target(), runId.split("\\.")[0], "mirror sync from " + request.source());
            }
            source.runStarting();
            target.runStarting();
            SyncPlan plan = new SyncPlanner(runSettings.sourceIdField(), runSettings.matchFields())
                    .plan(source.describe(), target.describe(), request.models());
            Map<String, SyncCheckpoint> resume = Map.of();
            if (!request.plan()) {
                String previous = checkpoints.resumableRun(request.source(), request.target(), runId).orElse(null);
                if (previous != null) {
                    resume = checkpoints.load(previous, EntryPageReader.PHASE);
                    checkpoints.runFinished(previous, "RESUMED");
                    log.info("Resuming interrupted run previousRunId={} runId={} models={}", previous, runId, resume.keySet());
                }
                checkpoints.runStarted(runId, request.source(), request.target());
            }
            run = new SyncRun(runId, request, plan, runSettings, source, target, progress, resume);
            log.info("Sync started runId={} source={} target={} models={} plan={} full={}", runId, request.source(),
                    request.target(), plan.modelNames(), request.plan(), request.full());
            reportSchedules(run);
            reportAssetFields(run);
            assets = syncAssets(run);
            phase("direct:sync-entries", run);
            if (!request.plan()) {
                phase("direct:sync-relations", run);
                phase("direct:publish", run);
                phase("direct:sync-drafts", run);
            }
            if (mirror) {
                phase("direct:mirror-target", run);
                if (run.mirrorReport() != null && run.mirrorReport().get("reason") instanceof String why && run.fatal() == null) {
                    run.phase("mirror", "listed, not deleted: " + why);
                }
            }
            boolean assetFailures = assets != null && assets.get("failures") instanceof java.util.List<?> l && !l.isEmpty();
            status = run.fatal() != null ? "FAILED" : run.progress().cancelled() ? "CANCELLED"
                    : run.failures().isEmpty() && !assetFailures ? "SUCCEEDED" : "PARTIAL";
            error = run.fatal();
        } catch (RuntimeException e) {
            if (lease != null) {
                lease.close();
                lease = null;
            }
            log.error("Sync failed runId={} source={} target={} reason={}", runId, request.source(), request.target(), e.getMessage());
            status = "FAILED";
            error = e.getMessage();
        }
        if (lease != null) {
            lease.close();
        }
        if (!request.plan() && run != null) {
            checkpoints.runFinished(runId, status);
        }
        if (!request.plan() && "SUCCEEDED".equals(status)) {
            recordSchemaBase(request);
        }
        Map<String, Long> requests = new LinkedHashMap<>();
        requestCounts(request).forEach((stage, n) -> requests.put(stage, n - before.getOrDefault(stage, 0L)));
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        log.info("Sync finished runId={} status={} durationMs={} requests={}", runId, status, durationMs, requests);
        return new SyncResult(status, reports.build(request, runId, status, run, assets, requests, durationMs, error));
    }

    /**
     * Names the source's pending scheduled publish and unpublish operations of the run's models (and assets) in the
     * warnings: they are not copied (see docs/decisions.md). A stage that cannot list them is named instead.
     */
    private void reportSchedules(SyncRun run) {
        List<ScheduledChange> pending;
        try {
            pending = run.source().pendingSchedules();
        } catch (RuntimeException e) {
            run.warn("Scheduled publishing of " + run.sourceStage() + " not checked: " + e.getMessage());
            return;
        }
        for (ScheduledChange c : pending) {
            if (c.model() == null || run.modelNames().contains(c.model()) || "Asset".equals(c.model())) {
                run.warn((c.model() == null ? "(no document)" : c.model() + " " + c.entryId()) + ": scheduled operation "
                        + c.operationId() + " of release " + (c.releaseTitle() == null ? c.releaseId() : "'" + c.releaseTitle() + "'")
                        + " at " + (c.releaseAt() == null ? "no set time" : c.releaseAt())
                        + " is not copied (scheduled publishing is not synced; schedule it in " + run.targetStage() + " if wanted)");
            }
        }
    }

    /**
     * Names the source's custom asset fields that are not copied (not in {@code stagesync.assets.custom-fields}), and
     * the asset fields of the source that the target does not take (across CMSs: Directus file metadata into Hygraph).
     */
    private void reportAssetFields(SyncRun run) {
        try {
            dialects.assets().uncopiedFields(run.sourceStage()).forEach(f -> run.warn("Asset." + f
                    + ": custom asset field is not copied (list it in stagesync.assets.custom-fields to copy it)"));
            List<String> read = dialects.assets().copiedFields(run.sourceStage());
            List<String> taken = dialects.assets().copiedFields(run.targetStage());
            if (read != null && taken != null) {
                read.stream().filter(f -> !taken.contains(f)).forEach(f -> run.warn("Asset." + f + ": the assets of stage "
                        + run.targetStage() + " take no field " + f + " (its asset fields: " + (taken.isEmpty() ? "none" : String.join(", ", taken))
                        + "); not copied"));
            }
        } catch (RuntimeException e) {
            run.warn("Custom asset fields of " + run.sourceStage() + " not checked: " + e.getMessage());
        }
    }

    /** A successful sync leaves both schemas as the pair's base for the schema merge; failing to store it fails nothing. */
    private void recordSchemaBase(SyncRequest request) {
        SchemaService schemas = camel.getRegistry().lookupByNameAndType("schemaService", SchemaService.class);
        if (schemas == null) {
            return;
        }
        try {
            schemas.recordBase(request.source(), request.target());
        } catch (RuntimeException e) {
            log.warn("Schema base not stored source={} target={} reason={}", request.source(), request.target(), e.getMessage());
        }
    }

    private void checkStages(SyncRequest request) {
        if (request.source() == null || request.target() == null) {
            throw new IllegalArgumentException("A sync needs a source and a target stage (--from, --to)");
        }
        if (request.source().equals(request.target())) {
            throw new IllegalArgumentException("Source and target are the same stage: " + request.source());
        }
        if (!io.stagesync.dialect.BackupStages.is(request.source())) {
            stages.get(request.source());
        }
        StageConfig target = stages.get(request.target());
        if (target.protectedStage() && !request.plan()) {
            throw new IllegalArgumentException("Stage " + target.name() + " is protected (stagesync.stages." + target.name()
                    + ".protected=true) and is never a sync target");
        }
        if (!io.stagesync.dialect.BackupStages.mayFeed(request.source(), target.name(), target.parent())) {
            throw new IllegalArgumentException("Stage " + target.name() + " may only be synced from its parent " + target.parent()
                    + " (stagesync.stages." + target.name() + ".parent), not from " + request.source());
        }
    }

    /** The configured custom asset fields exist in both stages' Asset, when assets are synced (one clear line if not). */
    private void checkAssetFields(SyncRequest request) {
        if (camel.getRoute("sync-assets") != null && (request.models().isEmpty() || request.models().contains("Asset"))) {
            dialects.assets().checkCustomFields(request.source());
            dialects.assets().checkCustomFields(request.target());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> syncAssets(SyncRun run) {
        if (camel.getRoute("sync-assets") == null) {
            run.phase("assets", "not in this build");
            return null;
        }
        if (!run.request().models().isEmpty() && !run.request().models().contains("Asset")) {
            run.phase("assets", "not selected");
            return null;
        }
        Exchange exchange = exchange(run);
        exchange.setProperty("runId", run.runId());
        exchange.setProperty("sourceStage", run.sourceStage());
        exchange.setProperty("targetStage", run.targetStage());
        exchange.setProperty("plan", run.planOnly());
        exchange.setProperty("full", run.full());
        exchange.setProperty("progress", run.progress());
        Exchange done = template().send("direct:sync-assets", exchange);
        if (done.getException() != null) {
            run.fatal("assets: " + done.getException().getMessage());
            run.phase("assets", "failed");
            return null;
        }
        Map<String, Object> report = new java.util.LinkedHashMap<>(done.getMessage().getBody(Map.class));
        if (report.remove("warnings") instanceof java.util.List<?> warnings) {
            warnings.forEach(w -> run.warn(String.valueOf(w)));
        }
        // a phase stopped by a page that could not be read keeps its counts and failed assets; the run fails
        if (report.remove("error") instanceof String stopped) {
            run.fatal("assets: " + stopped);
            run.phase("assets", "failed");
            return report;
        }
        run.phase("assets", report.get("failures") instanceof java.util.List<?> l && !l.isEmpty() ? "done with failures" : "done");
        return report;
    }

    private void phase(String uri, SyncRun run) {
        String name = uri.substring(uri.indexOf(':') + 1).replace("sync-", "").replace("-target", "");
        if (!run.running()) {
            run.phase(name, "not run (the run stopped)");
            return;
        }
        int failuresBefore = run.failures().size();
        Exchange done = template().send(uri, exchange(run));
        if (done.getException() != null) {
            run.fatal(uri + ": " + done.getException().getMessage());
        }
        int failed = run.failures().size() - failuresBefore;
        run.phase(name, run.fatal() != null ? "failed" : failed > 0 ? "done, " + failed + " failed" : "done");
    }

    private Exchange exchange(SyncRun run) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("syncRun", run);
        return exchange;
    }

    private StageLeases leases() {
        return camel.getRegistry().lookupByNameAndType("stageLeases", StageLeases.class);
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }

    private Map<String, Long> requestCounts(SyncRequest request) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String stage : new String[]{request.source(), request.target()}) {
            if (stage != null) {
                counts.put(stage, limiter.requests(stage));
            }
        }
        return counts;
    }
}
