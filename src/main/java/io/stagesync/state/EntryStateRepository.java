package io.stagesync.state;

import io.stagesync.state.Jdbc;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes per-entry sync state: links waiting for their target, and wanted versus applied publish state.
 */
public final class EntryStateRepository {

    /** The state of one source entry towards a target stage. */
    public record EntryState(String model, String sourceId, String pendingLinks, String publishWanted, String publishApplied) {
    }

    private static final String COLUMNS = "model, source_id, pending_links, publish_wanted, publish_applied";

    private final Jdbc jdbc;

    public EntryStateRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public Map<String, EntryState> load(String source, String target, String model, Collection<String> sourceIds) {
        Map<String, EntryState> found = new HashMap<>();
        jdbc.queryIn("SELECT " + COLUMNS + " FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND source_id IN", sourceIds, rs -> found.put(rs.getString(2), row(rs)), source, target, model);
        return found;
    }

    public void saveAll(String source, String target, Collection<EntryState> states) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (EntryState s : states) {
            updates.add(new Object[]{s.pendingLinks(), s.publishWanted(), s.publishApplied(), source, target, s.model(), s.sourceId()});
            inserts.add(new Object[]{source, target, s.model(), s.sourceId(), s.pendingLinks(), s.publishWanted(), s.publishApplied()});
        }
        jdbc.upsertAll("UPDATE sync_entry_state SET pending_links = ?, publish_wanted = ?, publish_applied = ? "
                        + "WHERE source_stage = ? AND target_stage = ? AND model = ? AND source_id = ?",
                "INSERT INTO sync_entry_state (source_stage, target_stage, model, source_id, pending_links, publish_wanted, "
                        + "publish_applied) VALUES (?, ?, ?, ?, ?, ?, ?)", updates, inserts);
    }

    /** How many entries of a model the source had published when they were last read. */
    public long countPublishWanted(String source, String target, String model) {
        return jdbc.query("SELECT COUNT(*) FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND publish_wanted IS NOT NULL", rs -> rs.getLong(1), source, target, model).get(0);
    }

    /** Every state row of a model. */
    public List<EntryState> all(String source, String target, String model) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ?",
                EntryStateRepository::row, source, target, model);
    }

    /** Entries of a model with links still to write. */
    public List<EntryState> withPendingLinks(String source, String target, String model) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND pending_links IS NOT NULL ORDER BY source_id", EntryStateRepository::row, source, target, model);
    }

    /**
     * Marks entries written in their published version whose draft is still to be written on top (drafts phase); kept
     * until {@link #clearDrafts} so a rerun after a crash finds them.
     */
    public void markDrafts(String source, String target, String model, Collection<String> sourceIds) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (String id : sourceIds) {
            updates.add(new Object[]{source, target, model, id});
            inserts.add(new Object[]{source, target, model, id});
        }
        jdbc.upsertAll("UPDATE sync_entry_state SET draft_pending = TRUE WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND source_id = ?", "INSERT INTO sync_entry_state (source_stage, target_stage, model, source_id, draft_pending) "
                + "VALUES (?, ?, ?, ?, TRUE)", updates, inserts);
    }

    /** The source ids of a model whose draft is still to be written on top of the published version. */
    public List<String> pendingDrafts(String source, String target, String model) {
        return jdbc.query("SELECT source_id FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND draft_pending = TRUE ORDER BY source_id", rs -> rs.getString(1), source, target, model);
    }

    /** Drafts written, or no longer needed (the source's draft now equals its published version). */
    public void clearDrafts(String source, String target, String model, Collection<String> sourceIds) {
        jdbc.inTransaction(tx -> {
            for (String id : sourceIds) {
                tx.update("UPDATE sync_entry_state SET draft_pending = FALSE WHERE source_stage = ? AND target_stage = ? "
                        + "AND model = ? AND source_id = ?", source, target, model, id);
            }
        });
    }

    /** Entries of a model whose target publish state differs from the wanted one. */
    public List<EntryState> withPublishChange(String source, String target, String model) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_entry_state WHERE source_stage = ? AND target_stage = ? AND model = ? "
                + "AND COALESCE(publish_wanted, '-') <> COALESCE(publish_applied, '-') ORDER BY source_id",
                EntryStateRepository::row, source, target, model);
    }

    private static EntryState row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EntryState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
