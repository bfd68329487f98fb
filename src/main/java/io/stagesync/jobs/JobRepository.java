package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.state.Jdbc;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores job definitions in the state store's {@code job_definitions} table.
 */
public final class JobRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, base_stage, target_stage, schedule, options, source, created_by, created_at";

    private final Jdbc jdbc;

    public JobRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public List<JobDefinition> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM job_definitions ORDER BY name", JobRepository::row);
    }

    public Optional<JobDefinition> find(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM job_definitions WHERE name = ?", JobRepository::row, name).stream().findFirst();
    }

    /** Inserts the job, or replaces the one with the same name (which stays paused if it was). */
    public void save(JobDefinition job) {
        boolean paused = pausedJobs().contains(job.name());
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM job_definitions WHERE name = ?", job.name());
            tx.update("INSERT INTO job_definitions (" + COLUMNS + ", paused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", job.name(), job.base(),
                    job.target(), job.schedule(), toJson(job.options()), job.source(), job.createdBy(), Timestamp.from(job.createdAt()), paused);
        });
    }

    /** Pauses or resumes the job's schedule; true when the job exists. */
    public boolean setPaused(String name, boolean paused) {
        return jdbc.update("UPDATE job_definitions SET paused = ? WHERE name = ?", paused, name) > 0;
    }

    /** The names of the paused jobs. */
    public java.util.Set<String> pausedJobs() {
        return new java.util.TreeSet<>(jdbc.query("SELECT name FROM job_definitions WHERE paused = ?", rs -> rs.getString(1), true));
    }

    /**
     * Records that the job's schedule fired for {@code fireTime}; false when that instant was recorded already
     * (by this or another instance), in which case it must not run again.
     */
    public boolean recordFire(String name, java.time.Instant fireTime, String instance, java.time.Instant now) {
        return jdbc.insertUnique("INSERT INTO job_schedule_fires (job_name, fire_time, fired_by, fired_at) VALUES (?, ?, ?, ?)",
                name, Timestamp.from(fireTime), instance, Timestamp.from(now));
    }

    /** Notes the run a schedule firing queued. */
    public void fireQueued(String name, java.time.Instant fireTime, String runId) {
        jdbc.update("UPDATE job_schedule_fires SET run_id = ? WHERE job_name = ? AND fire_time = ?", runId, name, Timestamp.from(fireTime));
    }

    /** Deletes the job; true when it existed. */
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM job_definitions WHERE name = ?", name) > 0;
    }

    private static JobDefinition row(ResultSet rs) throws SQLException {
        return new JobDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                fromJson(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    static String toJson(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("options cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored options are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
