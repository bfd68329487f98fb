package io.stagesync.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.schema.SchemaDiffer;
import io.stagesync.schema.SchemaRequest;
import io.stagesync.schema.SchemaService;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one queued run through the sync service, recording its progress, and stores how it ended.
 */
public final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    private static final long SCHEMA_TIMEOUT_MS = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunRepository runs;
    private final RunLogRepository logs;
    private final RunLogBroadcaster broadcaster;
    private final Supplier<SyncService> syncService;
    private final Clock clock;
    private final boolean autoResume;
    private volatile Supplier<io.stagesync.migrate.MigrateService> migrations = () -> {
        throw new IllegalStateException("no migrate engine is available");
    };
    private volatile Supplier<io.stagesync.backup.BackupService> backups = () -> {
        throw new IllegalStateException("no backup engine is available");
    };
    private volatile Supplier<io.stagesync.backup.RestoreService> restores = () -> {
        throw new IllegalStateException("no restore engine is available");
    };
    private volatile RunProgressRecorder current;
    private volatile String currentRunId;
    private final Function<SchemaRequest, SchemaService.ApplyResult> schemaApply;

    /** {@code autoResume}: a run interrupted by a stop or the loss of leadership is resumed by the next leader. */
    public RunExecutor(RunRepository runs, RunLogRepository logs, RunLogBroadcaster broadcaster,
                       Supplier<SyncService> syncService, Clock clock, boolean autoResume) {
        this(runs, logs, broadcaster, syncService, request -> {
            throw new IllegalStateException("schema-apply jobs are not available in this service");
        }, clock, autoResume);
    }

    /** {@code schemaApply} runs the {@code schema-apply} route for runs of schema-apply jobs. */
    public RunExecutor(RunRepository runs, RunLogRepository logs, RunLogBroadcaster broadcaster, Supplier<SyncService> syncService,
                       Function<SchemaRequest, SchemaService.ApplyResult> schemaApply, Clock clock, boolean autoResume) {
        this.schemaApply = schemaApply;
        this.runs = runs;
        this.logs = logs;
        this.broadcaster = broadcaster;
        this.syncService = syncService;
        this.clock = clock;
        this.autoResume = autoResume;
    }

    /** Where runs of {@code backup} and {@code restore} jobs go. */
    public void backups(Supplier<io.stagesync.backup.BackupService> backup, Supplier<io.stagesync.backup.RestoreService> restore) {
        this.backups = backup;
        this.restores = restore;
    }

    /** Where runs of {@code migrate} jobs go. */
    public void migrations(Supplier<io.stagesync.migrate.MigrateService> service) {
        this.migrations = service;
    }

    /**
     * Runs the sync of a run this instance has claimed (RUNNING) and stores the end status; {@code stopping} tells
     * whether the service is shutting down or lost the leadership.
     */
    public void execute(JobRun claimed, BooleanSupplier stopping) {
        JobRun run = runs.find(claimed.id()).orElseThrow();
        RunProgressRecorder recorder = new RunProgressRecorder(run, runs, logs, broadcaster, clock);
        current = recorder;
        currentRunId = run.id();
        log.info("Run started runId={} job={} base={} target={}", run.id(), run.job(), run.base(), run.target());
        recorder.log("INFO", null, "Run started: " + (JobDefinition.BACKUP.equals(JobDefinition.typeOf(run.options()))
                ? "backup of " + run.target() + " to profile " + run.options().get("profile") : run.base() + " -> " + run.target())
                + " (job '" + run.job() + "')");
        String status;
        String message;
        String report = null;
        try {
            String type = JobDefinition.typeOf(run.options());
            if (JobDefinition.SCHEMA_APPLY.equals(type)) {
                SchemaService.ApplyResult result = applySchema(run, recorder);
                status = result.succeeded() ? JobRun.SUCCEEDED : JobRun.FAILED;
                message = "Schema apply ended " + result.status() + " (" + result.applied().size() + " applied, "
                        + result.notApplied().size() + " not applied)" + (result.errors() == null ? "" : ": " + result.errors());
                report = JSON.writeValueAsString(Map.of("status", result.status(), "applied", SchemaService.rows(result.applied()),
                        "notApplied", SchemaService.rows(result.notApplied()), "warnings", result.warnings()));
            } else {
                SyncResult result = switch (type) {
                    case JobDefinition.MIGRATE -> migrate(run, recorder);
                    case JobDefinition.BACKUP -> backup(run, recorder);
                    case JobDefinition.RESTORE -> restore(run, recorder);
                    // a mirror's pre-mirror backup reports per model too
                    default -> syncService.get().run(toRequest(run), new SnapshotProgress(recorder));
                };
                status = result.status() == null ? JobRun.FAILED : result.status();
                report = result.report() == null ? null : JSON.writeValueAsString(result.report());
                message = label(type) + " ended " + status + summarize(result.report(), recorder);
            }
        } catch (Exception e) {
            status = JobRun.FAILED;
            message = label(JobDefinition.typeOf(run.options())) + " failed: " + e.getMessage();
            recorder.log("ERROR", null, message);
            log.error("Run failed runId={} job={} error={}", run.id(), run.job(), e.toString(), e);
        }
        boolean interrupted = false;
        if (stopping.getAsBoolean() && !JobRun.SUCCEEDED.equals(status)) {
            status = JobRun.INTERRUPTED;
            interrupted = true;
            message = autoResume ? "The service stopped during the run; the leader resumes it from its checkpoints."
                    : "The service stopped during the run; resume it to continue from its checkpoints.";
        } else if (recorder.cancelled() && !JobRun.SUCCEEDED.equals(status)) {
            status = JobRun.CANCELLED;
            message = "Cancelled";
        }
        recorder.log(JobRun.SUCCEEDED.equals(status) ? "INFO" : "WARN", null, "Run ended " + status);
        recorder.finish(status);
        runs.finish(run.id(), status, message, report, clock.instant());
        io.micrometer.core.instrument.Timer.builder("stagesync.job.run.duration").tag("status", status)
                .description("Duration of a run segment, by how it ended").register(io.micrometer.core.instrument.Metrics.globalRegistry)
                .record(java.time.Duration.between(run.segmentStartedAt() == null ? clock.instant() : run.segmentStartedAt(), clock.instant()));
        if (interrupted && autoResume) {
            runs.markResumePending(run.id(), true);
        }
        current = null;
        currentRunId = null;
        broadcaster.end(run.id(), status);
        log.info("Run ended runId={} job={} status={}", run.id(), run.job(), status);
    }

    /** A run of a migrate job: the stage is the run's target; a resumed segment continues at the interrupted run's cursor. */
    private SyncResult migrate(JobRun run, RunProgressRecorder recorder) {
        Map<String, Object> o = run.options();
        io.stagesync.migrate.MigrateResult result = migrations.get().run(new io.stagesync.migrate.MigrateRequest(
                run.segment() == 0 ? run.id() : run.id() + "." + run.segment(), run.target(), (String) o.get("model"),
                (String) o.get("id"), (String) o.get("to"), Boolean.parseBoolean(String.valueOf(o.getOrDefault("dryRun", "false")))), recorder);
        return new SyncResult(result.status(), result.report());
    }

    private static String label(String type) {
        return switch (type) {
            case JobDefinition.MIGRATE -> "Migrate";
            case JobDefinition.BACKUP -> "Backup";
            case JobDefinition.RESTORE -> "Restore";
            default -> "Sync";
        };
    }

    /** A run of a backup job: the run's target is the stage; the report is the snapshot's manifest summary. */
    private SyncResult backup(JobRun run, RunProgressRecorder recorder) {
        String profile = String.valueOf(run.options().get("profile"));
        io.stagesync.backup.BackupResult result = backups.get().backup(run.target(), profile, new SnapshotProgress(recorder));
        recorder.log("INFO", "snapshot", "Snapshot " + result.profile() + "/" + result.snapshot() + " written: "
                + result.uploadedObjects() + " objects, " + result.uploadedBytes() + " bytes uploaded"
                + (result.resumed() ? " (continued an unfinished one)" : ""));
        result.warnings().forEach(w -> recorder.log("WARN", "snapshot", w));
        return new SyncResult(JobRun.SUCCEEDED, io.stagesync.backup.Manifest.asMap(result));
    }

    /** A run of a restore job: the profile's snapshot (latest unless the job names one) into the run's target. */
    private SyncResult restore(JobRun run, RunProgressRecorder recorder) {
        Map<String, Object> o = run.options();
        io.stagesync.backup.RestoreResult result = restores.get().restore(String.valueOf(o.get("profile")),
                (String) o.getOrDefault("snapshot", "latest"), run.target(), models(o.get("models")), recorder);
        recorder.log("INFO", "verify", "Restoring " + result.profile() + "/" + result.snapshot() + " into " + result.target()
                + "; schema " + result.schemaStatus());
        Map<String, Object> report = new LinkedHashMap<>(result.sync().report());
        report.put("snapshot", result.profile() + "/" + result.snapshot());
        report.put("schemaStatus", result.schemaStatus());
        return new SyncResult(result.status(), report);
    }

    /** Asks the run, if it is the one running, to stop at its next safe point. */
    public void cancel(String runId) {
        RunProgressRecorder recorder = current;
        if (recorder != null && runId.equals(currentRunId)) {
            recorder.requestCancel();
        }
    }

    /** The id of the run this instance is running, or null. */
    public String currentRunId() {
        return currentRunId;
    }

    /** Asks whatever run is running to stop (the service is shutting down). */
    public void stopCurrent() {
        RunProgressRecorder recorder = current;
        if (recorder != null) {
            recorder.requestCancel();
        }
    }

    /**
     * The sync request of the run's current segment. A resumed segment gets its own sync run id ({@code <id>.<n>}):
     * the sync engine records each sync run once, and continues from the checkpoints of the latest unfinished
     * sync run of the same stage pair, which is the segment that was interrupted.
     */
    /** Logs the sync's error and failed items (at most 100) and says how many there were. */
    private static String summarize(Map<String, Object> report, RunProgressRecorder recorder) {
        if (report == null) {
            return "";
        }
        Object error = report.get("error");
        if (error != null) {
            recorder.log("ERROR", null, "Sync error: " + error);
        }
        List<?> failed = report.get("failed") instanceof List<?> list ? list : List.of();
        failed.stream().limit(100).forEach(f -> recorder.log("ERROR", null, "Failed item " + f));
        return (error == null ? "" : ": " + error) + (failed.isEmpty() ? "" : " (" + failed.size() + " failed items)");
    }

    /** A schema-apply run: one task, a log line per change applied or not. */
    private SchemaService.ApplyResult applySchema(JobRun run, RunProgressRecorder recorder) {
        recorder.phaseStarted("schema", 1);
        boolean allowDeletes = Boolean.parseBoolean(String.valueOf(run.options().getOrDefault("allowDeletes", "false")));
        SchemaService.ApplyResult result = schemaApply.apply(new SchemaRequest(run.base(), run.target(), null,
                new SchemaDiffer.Options(allowDeletes, Map.of(), Map.of()), SCHEMA_TIMEOUT_MS));
        // a TIMEOUT's changes were sent and may still be made, or not; what a FAILED apply made, its error says
        String made = switch (result.status()) {
            case "TIMEOUT" -> "Submitted, not known to be applied:";
            case "FAILED" -> "Submitted, failed:";
            default -> "Applied";
        };
        for (String[] row : SchemaService.rows(result.applied())) {
            recorder.log("SUCCESS".equals(result.status()) || "NOTHING".equals(result.status()) ? "INFO" : "WARN", "schema",
                    made + " " + row[0] + " " + row[1]);
        }
        for (String[] row : SchemaService.rows(result.notApplied())) {
            recorder.log("WARN", "schema", "Not applied (" + row[3] + ") " + row[0] + " " + row[1] + ": " + row[4]);
        }
        if (result.errors() != null) {
            recorder.log("ERROR", "schema", result.errors());
        }
        recorder.progress("schema", 1, 1);
        recorder.phaseFinished("schema");
        return result;
    }

    static SyncRequest toRequest(JobRun run) {
        Map<String, String> options = new LinkedHashMap<>();
        run.options().forEach((k, v) -> {
            if (!"models".equals(k) && !"full".equals(k) && v != null) {
                options.put(k, String.valueOf(v));
            }
        });
        // a job's mirror: true is its consent to the deletions
        options.put(SyncRequest.DELETE_CONSENT, options.getOrDefault(SyncRequest.MIRROR, "false"));
        return new SyncRequest(run.segment() == 0 ? run.id() : run.id() + "." + run.segment(), run.base(), run.target(), models(run.options().get("models")),
                Boolean.parseBoolean(String.valueOf(run.options().getOrDefault("full", "false"))), false, options);
    }

    private static List<String> models(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : Arrays.stream(String.valueOf(value).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
