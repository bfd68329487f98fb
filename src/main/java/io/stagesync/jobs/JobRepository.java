package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores job definitions in the state store's {@code job_definitions} table.
 */
public final class JobRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, base_stage, target_stage, schedule, options, source, created_by, created_at";

    private final DataSource dataSource;

    public JobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<JobDefinition> findAll() {
        return query("SELECT " + COLUMNS + " FROM job_definitions ORDER BY name", null);
    }

    public Optional<JobDefinition> find(String name) {
        return query("SELECT " + COLUMNS + " FROM job_definitions WHERE name = ?", name).stream().findFirst();
    }

    /** Inserts the job, or replaces the one with the same name. */
    public void save(JobDefinition job) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM job_definitions WHERE name = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO job_definitions (" + COLUMNS
                         + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, job.name());
                delete.executeUpdate();
                insert.setString(1, job.name());
                insert.setString(2, job.base());
                insert.setString(3, job.target());
                insert.setString(4, job.schedule());
                insert.setString(5, toJson(job.options()));
                insert.setString(6, job.source());
                insert.setString(7, job.createdBy());
                insert.setTimestamp(8, Timestamp.from(job.createdAt()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save job name=" + job.name(), e);
        }
    }

    /** Deletes the job; true when it existed. */
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM job_definitions WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete job name=" + name, e);
        }
    }

    private List<JobDefinition> query(String sql, String name) {
        List<JobDefinition> jobs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new JobDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            fromJson(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read job definitions", e);
        }
        return jobs;
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
