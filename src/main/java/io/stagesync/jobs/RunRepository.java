package io.stagesync.jobs;

import io.stagesync.state.Jdbc;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores job runs and their tasks in the state store ({@code job_runs}, {@code job_run_tasks}).
 */
public final class RunRepository {

    private static final String COLUMNS = "id, job_name, base_stage, target_stage, options, status, created_by, created_at, "
            + "started_at, segment_started_at, finished_at, elapsed_ms, log_count, error_count, warning_count, message, segment";

    private final Jdbc sql;

    public RunRepository(DataSource dataSource) {
        this.sql = new Jdbc(dataSource);
    }

    /** Inserts a new run with its tasks. */
    public void insert(JobRun run) {
        sql.inTransaction(tx -> {
            tx.update("INSERT INTO job_runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    run.id(), run.job(), run.base(), run.target(), JobRepository.toJson(run.options()),
                    run.status(), run.createdBy(), ts(run.createdAt()), ts(run.startedAt()), ts(run.segmentStartedAt()),
                    ts(run.finishedAt()), run.elapsedMs(), run.logCount(), run.errorCount(), run.warningCount(), run.message(), run.segment());
            for (int i = 0; i < run.tasks().size(); i++) {
                tx.update("INSERT INTO job_run_tasks (run_id, name, position, status, progress, done_items, total_items, log_count) "
                        + "VALUES (?, ?, ?, ?, 0, 0, -1, 0)", run.id(), run.tasks().get(i).name(), i, run.tasks().get(i).status());
            }
        });
    }

    public Optional<JobRun> find(String id) {
        return select("WHERE id = ?", 1, id).stream().findFirst();
    }

    /** Runs of a job (or of all jobs when {@code job} is null), newest first. */
    public List<JobRun> findByJob(String job, int limit) {
        return job == null ? select("ORDER BY created_at DESC, id DESC", limit)
                : select("WHERE job_name = ? ORDER BY created_at DESC, id DESC", limit, job);
    }

    /** Runs with the given status, oldest first. */
    public List<JobRun> findByStatus(String status) {
        return select("WHERE status = ? ORDER BY created_at, id", 0, status);
    }

    /** How many runs have the status. */
    public long countByStatus(String status) {
        return sql.query("SELECT COUNT(*) FROM job_runs WHERE status = ?", rs -> rs.getLong(1), status).get(0);
    }

    /**
     * Takes a QUEUED run for {@code owner}: marks it RUNNING only if it is still QUEUED, so of two instances trying,
     * one gets it; true when this one did.
     */
    public boolean claim(String id, String owner, Instant now) {
        return sql.update("UPDATE job_runs SET status = ?, owner = ?, started_at = COALESCE(started_at, ?), segment_started_at = ?, "
                + "finished_at = NULL, message = NULL, resume_pending = ?, cancel_requested = ? WHERE id = ? AND status = ?",
                JobRun.RUNNING, owner, ts(now), ts(now), false, false, id, JobRun.QUEUED) == 1;
    }

    /** Ends the run's current segment with a final status, adding the segment to its elapsed time. */
    public void finish(String id, String status, String message, String report, Instant now) {
        JobRun run = find(id).orElseThrow();
        long segment = run.segmentStartedAt() == null ? 0 : Math.max(0, now.toEpochMilli() - run.segmentStartedAt().toEpochMilli());
        sql.update("UPDATE job_runs SET status = ?, message = ?, report = ?, finished_at = ?, elapsed_ms = ?, "
                + "segment_started_at = NULL WHERE id = ?", status, message, report, ts(now), run.elapsedMs() + segment, id);
        sql.update("UPDATE job_run_tasks SET status = ? WHERE run_id = ? AND status = ?", status, id, JobRun.RUNNING);
    }

    /** Ends a QUEUED run as CANCELLED; false when it was no longer QUEUED (an instance took it meanwhile). */
    public boolean cancelQueued(String id, String message, Instant now) {
        return sql.update("UPDATE job_runs SET status = ?, message = ?, finished_at = ? WHERE id = ? AND status = ?",
                JobRun.CANCELLED, message, ts(now), id, JobRun.QUEUED) == 1;
    }

    /** Asks the instance that runs the run to stop it at its next safe point. */
    public void requestCancel(String id) {
        sql.update("UPDATE job_runs SET cancel_requested = ? WHERE id = ?", true, id);
    }

    /** True when a cancel of the run was asked on any instance. */
    public boolean cancelRequested(String id) {
        return sql.query("SELECT cancel_requested FROM job_runs WHERE id = ?", rs -> rs.getBoolean(1), id).stream().findFirst().orElse(false);
    }

    /** Queues an interrupted run again as its next segment. */
    public void requeue(String id, String message) {
        sql.update("UPDATE job_runs SET status = ?, message = ?, finished_at = NULL, segment = segment + 1, resume_pending = ?, "
                + "cancel_requested = ? WHERE id = ?", JobRun.QUEUED, message, false, false, id);
    }

    /** Marks the run INTERRUPTED and, when {@code resume}, to be resumed by the leader. */
    public void markResumePending(String id, boolean resume) {
        sql.update("UPDATE job_runs SET resume_pending = ? WHERE id = ?", resume, id);
    }

    /** The INTERRUPTED runs the leader is to resume, oldest first. */
    public List<JobRun> findResumePending() {
        return select("WHERE status = ? AND resume_pending = ? ORDER BY created_at, id", 0, JobRun.INTERRUPTED, true);
    }

    /**
     * Marks INTERRUPTED every RUNNING run but {@code running} (the one this process is running, or null): called by
     * a new leader, it finds the runs whose instance is gone (only the leader runs runs), even when that instance had
     * the same name (a restarted container). With {@code resume} the leader resumes them. Returns how many.
     */
    public int interruptOrphans(String message, String running, boolean resume) {
        return interrupt("id <> ?", message, resume, running == null ? "" : running);
    }

    /** Marks INTERRUPTED every RUNNING run owned by {@code instance} (it is stopping). Returns how many. */
    public int interruptOwned(String message, String instance, boolean resume) {
        return interrupt("owner = ?", message, resume, instance);
    }

    private int interrupt(String clause, String message, boolean resume, String value) {
        sql.update("UPDATE job_run_tasks SET status = ? WHERE status = ? AND run_id IN (SELECT id FROM job_runs WHERE status = ? AND "
                + clause + ")", JobRun.INTERRUPTED, JobRun.RUNNING, JobRun.RUNNING, value);
        return sql.update("UPDATE job_runs SET status = ?, message = ?, resume_pending = ?, segment_started_at = NULL "
                + "WHERE status = ? AND " + clause, JobRun.INTERRUPTED, message, resume, JobRun.RUNNING, value);
    }

    /** The instance that runs or ran the run (null before it started) and its stored sync report (null before it ended). */
    public Map<String, String> details(String id) {
        return sql.query("SELECT owner, report FROM job_runs WHERE id = ?", rs -> {
            Map<String, String> details = new java.util.HashMap<>();
            details.put("owner", rs.getString(1));
            details.put("report", rs.getString(2));
            return details;
        }, id).stream().findFirst().orElse(Map.of());
    }

    public void updateTask(String runId, RunTask task) {
        sql.update("UPDATE job_run_tasks SET status = ?, progress = ?, done_items = ?, total_items = ?, log_count = ?, "
                        + "started_at = ?, finished_at = ? WHERE run_id = ? AND name = ?", task.status(), task.progress(),
                task.done(), task.total(), task.logCount(), ts(task.startedAt()), ts(task.finishedAt()), runId, task.name());
    }

    public void updateCounts(String runId, int logCount, int errorCount, int warningCount) {
        sql.update("UPDATE job_runs SET log_count = ?, error_count = ?, warning_count = ? WHERE id = ?",
                logCount, errorCount, warningCount, runId);
    }

    /** The runs the clause selects, at most {@code limit} (0 for all), each with its tasks. */
    private List<JobRun> select(String where, int limit, Object... args) {
        List<JobRun> runs = sql.query(limit, "SELECT " + COLUMNS + " FROM job_runs " + where, rs -> new JobRun(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), JobRepository.fromJson(rs.getString(5)), rs.getString(6),
                rs.getString(7), instant(rs, 8), instant(rs, 9), instant(rs, 10), instant(rs, 11), rs.getLong(12), rs.getInt(13),
                rs.getInt(14), rs.getInt(15), rs.getString(16), rs.getInt(17), List.of()), args);
        return runs.stream().map(this::withTasks).toList();
    }

    private JobRun withTasks(JobRun r) {
        List<RunTask> tasks = sql.query("SELECT name, status, progress, done_items, total_items, log_count, started_at, finished_at "
                + "FROM job_run_tasks WHERE run_id = ? ORDER BY position", rs -> new RunTask(rs.getString(1), rs.getString(2),
                rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getInt(6), instant(rs, 7), instant(rs, 8)), r.id());
        return r.withTasks(tasks);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
