package io.stagesync.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Opens the state store (embedded H2 by default, PostgreSQL by URL) and brings its schema up to date with Flyway.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    private final HikariDataSource dataSource;

    public StateStore(String url, String user, String password, int maxPoolSize) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("stagesync.state.url must be a JDBC URL (jdbc:h2:… or jdbc:postgresql:…), got: " + url);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("stagesync-state");
        this.dataSource = new HikariDataSource(config);
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        log.info("State store ready url={} schemaVersion={} migrationsApplied={}",
                redact(url), result.targetSchemaVersion, result.migrationsExecuted);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** JDBC URLs may carry a password parameter; never log it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
