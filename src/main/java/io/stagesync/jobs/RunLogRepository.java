package io.stagesync.jobs;

import io.stagesync.state.Jdbc;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.List;

/**
 * Stores the log lines of runs ({@code job_run_logs}).
 */
public final class RunLogRepository {

    private final Jdbc sql;

    public RunLogRepository(DataSource dataSource) {
        this.sql = new Jdbc(dataSource);
    }

    public void append(String runId, LogLine line) {
        sql.update("INSERT INTO job_run_logs (run_id, seq, logged_at, level, task, message) VALUES (?, ?, ?, ?, ?, ?)",
                runId, line.seq(), Timestamp.from(line.at()), line.level(), line.task(), line.message());
    }

    /** The run's lines numbered above {@code afterSeq}, in order, at most {@code limit}. */
    public List<LogLine> after(String runId, int afterSeq, int limit) {
        return sql.query(limit, "SELECT seq, logged_at, level, task, message FROM job_run_logs WHERE run_id = ? AND seq > ? "
                + "ORDER BY seq", rs -> new LogLine(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5)), runId, afterSeq);
    }

    /** The highest line number of the run, 0 when it has none. */
    public int lastSeq(String runId) {
        return sql.query("SELECT COALESCE(MAX(seq), 0) FROM job_run_logs WHERE run_id = ?", rs -> rs.getInt(1), runId).get(0);
    }
}
