package io.stagesync.state;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schema base of each stage pair: both schemas (canonical JSON) as they were after the last sync or apply. */
public final class SchemaBaseStore {

    /** The stored schemas of a pair. */
    public record Base(String sourceSchema, String targetSchema, Instant savedAt) {
    }

    private final Jdbc jdbc;

    public SchemaBaseStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void save(String source, String target, String sourceSchema, String targetSchema) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.upsertAll("UPDATE schema_base SET source_schema = ?, target_schema = ?, saved_at = ? WHERE source_stage = ? AND target_stage = ?",
                "INSERT INTO schema_base (source_stage, target_stage, source_schema, target_schema, saved_at) VALUES (?, ?, ?, ?, ?)",
                List.<Object[]>of(new Object[]{sourceSchema, targetSchema, now, source, target}),
                List.<Object[]>of(new Object[]{source, target, sourceSchema, targetSchema, now}));
    }

    public Optional<Base> load(String source, String target) {
        return jdbc.query("SELECT source_schema, target_schema, saved_at FROM schema_base WHERE source_stage = ? AND target_stage = ?",
                rs -> new Base(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), source, target).stream().findFirst();
    }
}
