package io.stagesync.state;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What content migrations did, in the state store: migrate runs and their cursor, per run and entry the before-image
 * and whether the write is pending, applied, failed or rolled back, and per entry and version what was applied.
 */
public final class MigrationRecords {

    /** A migrate run as stored. */
    public record Run(String runId, String stage, String model, String entryId, String toVersion, String status, String cursor) {
    }

    /** One entry of a run: the versions it gets, its before-image (JSON) and the content hashes before and after. */
    public record Entry(String entryId, String status, String versions, String beforeImage, String beforeHash, String afterHash,
                        String reason) {
    }

    /** One version applied to an entry: the step's label and file hash, and whether it changed the entry. */
    public record Applied(String version, String stepName, String stepHash, boolean changed) {
    }

    private final Jdbc jdbc;

    public MigrationRecords(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void runStarted(Run run) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.upsertAll("UPDATE migration_runs SET status = 'RUNNING', finished_at = NULL WHERE run_id = ?",
                "INSERT INTO migration_runs (run_id, stage, model, entry_id, to_version, status, cursor_after, started_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)",
                List.<Object[]>of(new Object[]{run.runId()}),
                List.<Object[]>of(new Object[]{run.runId(), run.stage(), run.model(), run.entryId(), run.toVersion(), run.cursor(), now}));
    }

    public void runFinished(String runId, String status) {
        jdbc.update("UPDATE migration_runs SET status = ?, finished_at = ? WHERE run_id = ?", status, Timestamp.from(Instant.now()), runId);
    }

    /** Saves where the run stands: the cursor after the last page whose entries are all done. */
    public void saveCursor(String runId, String cursor) {
        jdbc.update("UPDATE migration_runs SET cursor_after = ? WHERE run_id = ?", cursor, runId);
    }

    public Optional<Run> find(String runId) {
        return jdbc.query("SELECT run_id, stage, model, entry_id, to_version, status, cursor_after FROM migration_runs WHERE run_id = ?",
                rs -> new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)), runId).stream().findFirst();
    }

    /** The latest earlier run of the same stage and model (all entries) that did not end: the next run continues after its cursor. */
    public Optional<Run> resumable(String stage, String model, String exceptRunId) {
        return jdbc.query("SELECT run_id, stage, model, entry_id, to_version, status, cursor_after FROM migration_runs WHERE stage = ? "
                        + "AND model = ? AND entry_id IS NULL AND run_id <> ? ORDER BY started_at DESC",
                rs -> new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7)), stage, model, exceptRunId).stream().findFirst()
                .filter(r -> List.of("RUNNING", "FAILED", "CANCELLED").contains(r.status()));
    }

    /** The versions applied to each of these entries (entries with none are left out). */
    public Map<String, Set<String>> applied(String stage, String model, Collection<String> entryIds) {
        Map<String, Set<String>> found = new HashMap<>();
        jdbc.queryIn("SELECT entry_id, version FROM migration_versions WHERE stage = ? AND model = ? AND entry_id IN", entryIds,
                rs -> found.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2)), stage, model);
        return found;
    }

    /** The file hashes each applied version of the model's entries was applied from: version -> hashes. */
    public Map<String, Set<String>> appliedHashes(String stage, String model) {
        Map<String, Set<String>> found = new HashMap<>();
        jdbc.query("SELECT DISTINCT version, step_hash FROM migration_versions WHERE stage = ? AND model = ?",
                rs -> found.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2)), stage, model);
        return found;
    }

    /** Writes that an earlier run saved as pending and never confirmed, by entry (their after-hash tells whether they landed). */
    public Map<String, Entry> pending(String stage, String model, Collection<String> entryIds) {
        Map<String, Entry> found = new HashMap<>();
        jdbc.queryIn("SELECT entry_id, status, versions, before_image, before_hash, after_hash, reason FROM migration_entries "
                        + "WHERE stage = ? AND model = ? AND status = 'PENDING' AND entry_id IN", entryIds,
                rs -> found.put(rs.getString(1), entry(rs)), stage, model);
        return found;
    }

    /** Saves the before-images of the writes about to be sent, as PENDING, in one transaction. */
    public void savePending(String runId, String stage, String model, List<Entry> entries) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Entry e : entries) {
            updates.add(new Object[]{e.versions(), e.beforeImage(), e.beforeHash(), e.afterHash(), now, runId, e.entryId()});
            inserts.add(new Object[]{runId, stage, model, e.entryId(), e.versions(), e.beforeImage(), e.beforeHash(), e.afterHash(), now});
        }
        // a write an earlier run left pending and that did not land is replaced by this one
        jdbc.inTransaction(tx -> {
            for (Entry e : entries) {
                tx.update("UPDATE migration_entries SET status = 'SUPERSEDED' WHERE stage = ? AND model = ? AND entry_id = ? "
                        + "AND status = 'PENDING' AND run_id <> ?", stage, model, e.entryId(), runId);
            }
        });
        jdbc.upsertAll("UPDATE migration_entries SET status = 'PENDING', versions = ?, before_image = ?, before_hash = ?, after_hash = ?, "
                        + "reason = NULL, saved_at = ? WHERE run_id = ? AND entry_id = ?",
                "INSERT INTO migration_entries (run_id, stage, model, entry_id, status, versions, before_image, before_hash, after_hash, saved_at) "
                        + "VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)", updates, inserts);
    }

    /**
     * Records the versions applied to entries (changed ones confirm their PENDING write as APPLIED, under {@code runId};
     * a pending write of an earlier run that landed is confirmed under that run), in one transaction.
     */
    public void recordApplied(String runId, String stage, String model, Map<String, List<Applied>> byEntry) {
        if (byEntry.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.inTransaction(tx -> {
            for (Map.Entry<String, List<Applied>> e : byEntry.entrySet()) {
                tx.update("UPDATE migration_entries SET status = 'APPLIED', saved_at = ? WHERE stage = ? AND model = ? AND entry_id = ? "
                        + "AND status = 'PENDING'", now, stage, model, e.getKey());
                for (Applied a : e.getValue()) {
                    if (tx.update("UPDATE migration_versions SET step_name = ?, step_hash = ?, run_id = ?, changed = ?, applied_at = ? "
                            + "WHERE stage = ? AND model = ? AND entry_id = ? AND version = ?", a.stepName(), a.stepHash(), runId,
                            a.changed(), now, stage, model, e.getKey(), a.version()) == 0) {
                        tx.update("INSERT INTO migration_versions (stage, model, entry_id, version, step_name, step_hash, run_id, changed, "
                                + "applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", stage, model, e.getKey(), a.version(), a.stepName(),
                                a.stepHash(), runId, a.changed(), now);
                    }
                }
            }
        });
    }

    /** Forgets every version recorded for a stage (a restore's source stage, before it records its snapshot's versions). */
    public void forget(String stage) {
        jdbc.update("DELETE FROM migration_versions WHERE stage = ?", stage);
    }

    /** A pending write the stage refused (or that never landed): kept with its reason, not applied. */
    public void markFailed(String runId, String entryId, String reason) {
        jdbc.update("UPDATE migration_entries SET status = 'FAILED', reason = ? WHERE run_id = ? AND entry_id = ?",
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, runId, entryId);
    }

    /** The entries a run changed (APPLIED), with their before-images, in entry order. */
    public List<Entry> appliedEntries(String runId) {
        return jdbc.query("SELECT entry_id, status, versions, before_image, before_hash, after_hash, reason FROM migration_entries "
                + "WHERE run_id = ? AND status = 'APPLIED' ORDER BY entry_id", MigrationRecords::entry, runId);
    }

    /** After a rollback wrote the before-images back: the run's versions of these entries count as not applied. */
    public void rolledBack(String runId, String stage, String model, List<String> entryIds) {
        jdbc.inTransaction(tx -> {
            for (String id : entryIds) {
                tx.update("UPDATE migration_entries SET status = 'ROLLED_BACK' WHERE run_id = ? AND entry_id = ?", runId, id);
                tx.update("DELETE FROM migration_versions WHERE stage = ? AND model = ? AND entry_id = ? AND run_id = ?", stage, model, id, runId);
            }
        });
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7));
    }
}
