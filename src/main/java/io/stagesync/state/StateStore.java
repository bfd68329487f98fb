package io.stagesync.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.callback.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Opens the state store (embedded H2 by default, PostgreSQL by URL) and brings its schema up to date with Flyway.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    static {
        bindH2ToLoopback();
    }

    private final HikariDataSource dataSource;
    private final H2FileStore h2;

    /** Failures that a migration cut off half-way leaves in the schema history, and that {@code repair} clears. */
    private static final Set<ErrorCode> REPAIRABLE = Set.of(CoreErrorCode.FAILED_VERSIONED_MIGRATION, CoreErrorCode.CHECKSUM_MISMATCH);

    /**
     * Opens the store and migrates it. An H2 file store is kept private (see {@link H2FileStore}); with no
     * {@code password} it uses the one generated into {@code <store>.password}. {@code callbacks} are extra Flyway
     * callbacks (a test uses one to stop the process inside a migration).
     */
    public StateStore(String url, String user, String password, int maxPoolSize, Callback... callbacks) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("stagesync.state.url must be a JDBC URL (jdbc:h2:… or jdbc:postgresql:…), got: " + url);
        }
        this.h2 = H2FileStore.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(h2 == null ? password : h2.prepare(url, user, password));
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("stagesync-state");
        this.dataSource = new HikariDataSource(config);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbacks(callbacks)
                .load();
        repairIfInterrupted(flyway, url);
        var result = flyway.migrate();
        if (h2 != null) {
            try {
                h2.restrictFiles();
            } catch (IOException e) {
                dataSource.close();
                throw new UncheckedIOException("Cannot restrict the state store's files: " + e.getMessage(), e);
            }
        }
        log.info("State store ready url={} schemaVersion={} migrationsApplied={}",
                redact(url), result.targetSchemaVersion, result.migrationsExecuted);
    }

    /**
     * Every migration may run again (IF NOT EXISTS), so a migration recorded as failed (H2 commits each DDL statement:
     * a killed or failed run leaves what it created) is removed from the history by {@code repair} and runs again.
     * Repair also takes up the checksums of migrations rewritten that way.
     */
    private static void repairIfInterrupted(Flyway flyway, String url) {
        var validation = flyway.validateWithResult();
        List<String> repairable = validation.invalidMigrations.stream()
                .filter(m -> m.errorDetails != null && REPAIRABLE.contains(m.errorDetails.errorCode))
                .map(m -> "V" + m.version + " (" + m.errorDetails.errorCode + ")").toList();
        if (!repairable.isEmpty()) {
            log.warn("State store migration was interrupted or rewritten, repairing url={} migrations={}", redact(url), repairable);
            flyway.repair();
        }
    }

    /**
     * Makes H2's server sockets (the AUTO_SERVER port) listen on 127.0.0.1 only, unless the JVM was given another
     * {@code h2.bindAddress}; H2 reads it once when its classes load, so a program calls this first.
     */
    public static void bindH2ToLoopback() {
        H2FileStore.bindToLoopback();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        if (h2 != null) {
            try {
                h2.restrictFiles(); // a trace file H2 wrote since the store opened
            } catch (IOException e) {
                log.warn("Cannot restrict the state store's files reason={}", e.getMessage());
            }
        }
    }

    /** JDBC URLs may carry a password parameter; never log it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
