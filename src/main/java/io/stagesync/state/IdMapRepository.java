package io.stagesync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the id map: which target entry (or asset, model {@code Asset}) a source entry became,
 * and the hash of the content last written to it.
 */
public final class IdMapRepository {

    /** One mapping of a source id to the id the target gave it. */
    public record Mapping(String model, String sourceId, String targetId, String contentHash) {
    }

    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;

    public IdMapRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Mapping> find(String sourceStage, String targetStage, String model, String sourceId) {
        return Optional.ofNullable(findAll(sourceStage, targetStage, model, List.of(sourceId)).get(sourceId));
    }

    /** The mappings of the given source ids that exist, keyed by source id. */
    public Map<String, Mapping> findAll(String sourceStage, String targetStage, String model, Collection<String> sourceIds) {
        Map<String, Mapping> found = new HashMap<>();
        List<String> ids = new ArrayList<>(sourceIds);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT source_id, target_id, content_hash FROM id_map "
                        + "WHERE source_stage = ? AND target_stage = ? AND model = ? AND source_id IN (" + marks + ")")) {
                    ps.setString(1, sourceStage);
                    ps.setString(2, targetStage);
                    ps.setString(3, model);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(4 + i, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), new Mapping(model, rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the id map for " + sourceStage + " -> " + targetStage + " model " + model, e);
        }
        return found;
    }

    /** Every mapping of a model for a stage pair, keyed by source id. */
    public Map<String, Mapping> findModel(String sourceStage, String targetStage, String model) {
        Map<String, Mapping> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_id, target_id, content_hash FROM id_map "
                     + "WHERE source_stage = ? AND target_stage = ? AND model = ?")) {
            ps.setString(1, sourceStage);
            ps.setString(2, targetStage);
            ps.setString(3, model);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Mapping(model, rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the id map for " + sourceStage + " -> " + targetStage + " model " + model, e);
        }
        return found;
    }

    /** Inserts or replaces mappings, all in one transaction. */
    public void saveAll(String sourceStage, String targetStage, Collection<Mapping> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE id_map SET target_id = ?, content_hash = ?, synced_at = ? "
                    + "WHERE source_stage = ? AND target_stage = ? AND model = ? AND source_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO id_map (source_stage, target_stage, model, source_id, "
                         + "target_id, content_hash, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Mapping m : mappings) {
                    update.setString(1, m.targetId());
                    update.setString(2, m.contentHash());
                    update.setTimestamp(3, now);
                    update.setString(4, sourceStage);
                    update.setString(5, targetStage);
                    update.setString(6, m.model());
                    update.setString(7, m.sourceId());
                    if (update.executeUpdate() == 0) {
                        insert.setString(1, sourceStage);
                        insert.setString(2, targetStage);
                        insert.setString(3, m.model());
                        insert.setString(4, m.sourceId());
                        insert.setString(5, m.targetId());
                        insert.setString(6, m.contentHash());
                        insert.setTimestamp(7, now);
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the id map for " + sourceStage + " -> " + targetStage, e);
        }
    }

    public void save(String sourceStage, String targetStage, Mapping mapping) {
        saveAll(sourceStage, targetStage, List.of(mapping));
    }
}
