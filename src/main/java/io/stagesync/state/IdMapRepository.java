package io.stagesync.state;

import javax.sql.DataSource;
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

    private static final String SELECT = "SELECT source_id, target_id, content_hash FROM id_map "
            + "WHERE source_stage = ? AND target_stage = ? AND model = ?";

    private final Jdbc jdbc;

    public IdMapRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Optional<Mapping> find(String sourceStage, String targetStage, String model, String sourceId) {
        return Optional.ofNullable(findAll(sourceStage, targetStage, model, List.of(sourceId)).get(sourceId));
    }

    /** The mappings of the given source ids that exist, keyed by source id. */
    public Map<String, Mapping> findAll(String sourceStage, String targetStage, String model, Collection<String> sourceIds) {
        Map<String, Mapping> found = new HashMap<>();
        jdbc.queryIn(SELECT + " AND source_id IN", sourceIds, rs -> found.put(rs.getString(1), row(model, rs)),
                sourceStage, targetStage, model);
        return found;
    }

    /** Every mapping of a model for a stage pair, keyed by source id. */
    public Map<String, Mapping> findModel(String sourceStage, String targetStage, String model) {
        Map<String, Mapping> found = new HashMap<>();
        jdbc.query(SELECT, rs -> found.put(rs.getString(1), row(model, rs)), sourceStage, targetStage, model);
        return found;
    }

    /** Inserts or replaces mappings, all in one transaction. */
    public void saveAll(String sourceStage, String targetStage, Collection<Mapping> mappings) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Mapping m : mappings) {
            updates.add(new Object[]{m.targetId(), m.contentHash(), now, sourceStage, targetStage, m.model(), m.sourceId()});
            inserts.add(new Object[]{sourceStage, targetStage, m.model(), m.sourceId(), m.targetId(), m.contentHash(), now});
        }
        jdbc.upsertAll("UPDATE id_map SET target_id = ?, content_hash = ?, synced_at = ? "
                        + "WHERE source_stage = ? AND target_stage = ? AND model = ? AND source_id = ?",
                "INSERT INTO id_map (source_stage, target_stage, model, source_id, target_id, content_hash, synced_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", updates, inserts);
    }

    public void save(String sourceStage, String targetStage, Mapping mapping) {
        saveAll(sourceStage, targetStage, List.of(mapping));
    }

    /** Forgets one mapping; no error when there is none. */
    public void delete(String sourceStage, String targetStage, String model, String sourceId) {
        jdbc.update("DELETE FROM id_map WHERE source_stage = ? AND target_stage = ? AND model = ? AND source_id = ?",
                sourceStage, targetStage, model, sourceId);
    }

    private static Mapping row(String model, ResultSet rs) throws SQLException {
        return new Mapping(model, rs.getString(1), rs.getString(2), rs.getString(3));
    }
}
