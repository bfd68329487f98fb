package io.stagesync.state;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Marks a stage busy while a run writes to it (a mirror sync deletes from it): a lease in the state store that the
 * holder renews while it runs and gives back at the end; a killed holder's lease lapses after one period.
 */
public final class StageLeases {

    /** A held lease: renewed in the background until closed. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final Jdbc jdbc;
    private final Duration period;

    public StageLeases(DataSource dataSource, Duration period) {
        if (period.toMillis() < 1000) {
            throw new IllegalArgumentException("a stage lease must last at least 1s, got " + period);
        }
        this.jdbc = new Jdbc(dataSource);
        this.period = period;
    }

    /** Takes the stage's lease for {@code holder} (also one the same holder left behind), or throws naming who holds it. */
    public Lease hold(String stage, String holder, String purpose) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("DELETE FROM stage_leases WHERE stage = ? AND (expires_at < ? OR holder = ?)", stage, now, holder);
        boolean taken = jdbc.insertUnique("INSERT INTO stage_leases (stage, holder, purpose, expires_at) VALUES (?, ?, ?, ?)",
                stage, holder, purpose, expiry());
        if (!taken) {
            throw new IllegalStateException("stage '" + stage + "' is busy: " + busy(stage).orElse("another run")
                    + "; wait for it to end (a stopped run's mark lapses within " + period.toSeconds() + "s)");
        }
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagesync-stage-lease-" + stage);
            t.setDaemon(true);
            return t;
        });
        long every = period.toMillis() / 3;
        renewer.scheduleAtFixedRate(() -> jdbc.update("UPDATE stage_leases SET expires_at = ? WHERE stage = ? AND holder = ?",
                expiry(), stage, holder), every, every, TimeUnit.MILLISECONDS);
        return () -> {
            renewer.shutdownNow();
            jdbc.update("DELETE FROM stage_leases WHERE stage = ? AND holder = ?", stage, holder);
        };
    }

    /** Who holds the stage's lease and why ({@code <purpose> (<holder>)}), when a live lease of another holder exists. */
    public Optional<String> busy(String stage, String exceptHolder) {
        List<String> rows = jdbc.query("SELECT purpose, holder FROM stage_leases WHERE stage = ? AND expires_at >= ? AND holder <> ?",
                rs -> rs.getString(1) + " (" + rs.getString(2) + ")", stage, Timestamp.from(Instant.now()),
                exceptHolder == null ? "" : exceptHolder);
        return rows.stream().findFirst();
    }

    private Optional<String> busy(String stage) {
        return busy(stage, null);
    }

    /** A run of the jobs service that is RUNNING and reads or writes the stage, as {@code run <id> (job '<name>')}. */
    public Optional<String> jobRunOn(String stage) {
        return jdbc.query("SELECT id, job_name FROM job_runs WHERE status = 'RUNNING' AND (base_stage = ? OR target_stage = ?)",
                rs -> "run " + rs.getString(1) + " (job '" + rs.getString(2) + "')", stage, stage).stream().findFirst();
    }

    private Timestamp expiry() {
        return Timestamp.from(Instant.now().plus(period));
    }
}
