package io.stagesync.state;

import io.stagesync.state.Jdbc;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves and loads sync checkpoints, the run records that say which run to resume, and the per-model watermarks.
 */
public final class CheckpointStore {

    private final Jdbc jdbc;

    public CheckpointStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void save(String runId, SyncCheckpoint cp) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.upsertAll("UPDATE checkpoints SET checkpoint = ?, saved_at = ? WHERE run_id = ? AND phase = ? AND model = ?",
                "INSERT INTO checkpoints (run_id, source_stage, target_stage, phase, model, checkpoint, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                List.<Object[]>of(new Object[]{cp.toJson(), now, runId, cp.phase(), cp.model()}),
                List.<Object[]>of(new Object[]{runId, cp.sourceStage(), cp.targetStage(), cp.phase(), cp.model(), cp.toJson(), now}));
    }

    /** The checkpoints of a run for a phase, by model. */
    public Map<String, SyncCheckpoint> load(String runId, String phase) {
        Map<String, SyncCheckpoint> found = new HashMap<>();
        jdbc.query("SELECT model, checkpoint FROM checkpoints WHERE run_id = ? AND phase = ?",
                rs -> found.put(rs.getString(1), SyncCheckpoint.fromJson(rs.getString(2))), runId, phase);
        return found;
    }

    /** Records a run as RUNNING (a run id given again, e.g. a retried job, is restarted under the same id). */
    public void runStarted(String runId, String source, String target) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.upsertAll("UPDATE sync_runs SET status = 'RUNNING', started_at = ?, finished_at = NULL WHERE run_id = ?",
                "INSERT INTO sync_runs (run_id, source_stage, target_stage, status, started_at) VALUES (?, ?, ?, 'RUNNING', ?)",
                List.<Object[]>of(new Object[]{now, runId}), List.<Object[]>of(new Object[]{runId, source, target, now}));
    }

    public void runFinished(String runId, String status) {
        jdbc.update("UPDATE sync_runs SET status = ?, finished_at = ? WHERE run_id = ?", status, Timestamp.from(Instant.now()), runId);
    }

    /**
     * The latest earlier run of the pair that did not end (killed, failed or cancelled), whose checkpoints
     * the new run continues from.
     */
    public Optional<String> resumableRun(String source, String target, String exceptRunId) {
        List<String[]> runs = jdbc.query("SELECT run_id, status FROM sync_runs WHERE source_stage = ? AND target_stage = ? "
                        + "AND run_id <> ? ORDER BY started_at DESC",
                rs -> new String[]{rs.getString(1), rs.getString(2)}, source, target, exceptRunId);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        String status = runs.get(0)[1];
        boolean unfinished = "RUNNING".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
        return unfinished ? Optional.of(runs.get(0)[0]) : Optional.empty();
    }

    public Optional<String> watermark(String source, String target, String model) {
        return jdbc.query("SELECT watermark FROM sync_watermarks WHERE source_stage = ? AND target_stage = ? AND model = ?",
                rs -> rs.getString(1), source, target, model).stream().findFirst();
    }

    public void saveWatermark(String source, String target, String model, String watermark) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.upsertAll("UPDATE sync_watermarks SET watermark = ?, saved_at = ? WHERE source_stage = ? AND target_stage = ? AND model = ?",
                "INSERT INTO sync_watermarks (source_stage, target_stage, model, watermark, saved_at) VALUES (?, ?, ?, ?, ?)",
                List.<Object[]>of(new Object[]{watermark, now, source, target, model}),
                List.<Object[]>of(new Object[]{source, target, model, watermark, now}));
    }

    /** Records one dead-lettered item of a run. */
    public void recordFailure(String runId, String model, String sourceId, String reason) {
        String r = reason == null ? "unknown" : reason.length() > 1990 ? reason.substring(0, 1990) : reason;
        jdbc.update("INSERT INTO sync_failures (run_id, model, source_id, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
                runId, model, sourceId == null ? "-" : sourceId, r, Timestamp.from(Instant.now()));
    }
}
