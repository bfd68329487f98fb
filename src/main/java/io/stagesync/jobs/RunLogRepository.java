package io.stagesync.jobs;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the log lines of runs ({@code job_run_logs}).
 */
public final class RunLogRepository {

    private final DataSource dataSource;
    private final SqlRunner sql;

    public RunLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new SqlRunner(dataSource);
    }

    public void append(String runId, LogLine line) {
        sql.update("INSERT INTO job_run_logs (run_id, seq, logged_at, level, task, message) VALUES (?, ?, ?, ?, ?, ?)",
                runId, line.seq(), Timestamp.from(line.at()), line.level(), line.task(), line.message());
    }

    /** The run's lines numbered above {@code afterSeq}, in order, at most {@code limit}. */
    public List<LogLine> after(String runId, int afterSeq, int limit) {
        List<LogLine> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, logged_at, level, task, message FROM job_run_logs "
                     + "WHERE run_id = ? AND seq > ? ORDER BY seq")) {
            ps.setString(1, runId);
            ps.setInt(2, afterSeq);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new LogLine(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the logs of run id=" + runId, e);
        }
        return lines;
    }

    /** The highest line number of the run, 0 when it has none. */
    public int lastSeq(String runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM job_run_logs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the logs of run id=" + runId, e);
        }
    }
}
