package io.stagesync.devstage.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Persists devstage environments (model definitions) and their documents per stage as JSON rows over JDBC. */
public final class DocumentRepository {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DataSource dataSource;

    /** One row to write: a document in a stage, or its removal when {@code document} is null. */
    public record Change(String stage, String model, String id, Document document) {
    }

    public DocumentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS devstage_environment (name VARCHAR(200) PRIMARY KEY, "
                    + "model_json CHARACTER LARGE OBJECT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS devstage_document (environment VARCHAR(200) NOT NULL, "
                    + "stage VARCHAR(40) NOT NULL, id VARCHAR(64) NOT NULL, model VARCHAR(200) NOT NULL, "
                    + "body CHARACTER VARYING NOT NULL, PRIMARY KEY (environment, stage, id))");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create devstage tables: " + e.getMessage(), e);
        }
    }

    /** environment name → model definition JSON, in name order. */
    public Map<String, String> environments() {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, model_json FROM devstage_environment ORDER BY name")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read devstage environments: " + e.getMessage(), e);
        }
        return result;
    }

    public void createEnvironment(String name, String modelJson) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO devstage_environment (name, model_json) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, modelJson);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store environment " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces an environment's model definition and all its documents in one transaction (a schema migration):
     * either the new schema with its migrated content is stored, or nothing changes.
     */
    public void replaceEnvironment(String name, String modelJson, Collection<Change> documents) {
        inTransaction("replace the schema of environment " + name, c -> {
            try (PreparedStatement model = c.prepareStatement("UPDATE devstage_environment SET model_json = ? WHERE name = ?");
                 PreparedStatement clear = c.prepareStatement("DELETE FROM devstage_document WHERE environment = ?")) {
                model.setString(1, modelJson);
                model.setString(2, name);
                if (model.executeUpdate() != 1) {
                    throw new SQLException("environment " + name + " is not stored");
                }
                clear.setString(1, name);
                clear.executeUpdate();
            }
            writeDocuments(c, name, documents);
        });
    }

    /** Streams every stored document of an environment to {@code sink(stage, document)}. */
    public void load(String environment, BiConsumer<String, Document> sink) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT stage, body FROM devstage_document WHERE environment = ?")) {
            ps.setString(1, environment);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1), MAPPER.readValue(rs.getString(2), Document.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot load documents of environment " + environment + ": " + e.getMessage(), e);
        }
    }

    /** Writes all changes in one transaction. */
    public void write(String environment, Collection<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        inTransaction("write " + changes.size() + " documents of environment " + environment, c -> writeDocuments(c, environment, changes));
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException, JsonProcessingException;
    }

    /** Runs work in one transaction: committed as a whole or rolled back. */
    private void inTransaction(String what, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Merges documents (a null document deletes its row) of an environment. */
    private static void writeDocuments(Connection c, String environment, Collection<Change> changes) throws SQLException, JsonProcessingException {
        try (PreparedStatement merge = c.prepareStatement("MERGE INTO devstage_document (environment, stage, id, model, body) "
                + "KEY (environment, stage, id) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM devstage_document WHERE environment = ? AND stage = ? AND id = ?")) {
            for (Change ch : changes) {
                if (ch.document() == null) {
                    delete.setString(1, environment);
                    delete.setString(2, ch.stage());
                    delete.setString(3, ch.id());
                    delete.addBatch();
                } else {
                    merge.setString(1, environment);
                    merge.setString(2, ch.stage());
                    merge.setString(3, ch.id());
                    merge.setString(4, ch.model());
                    merge.setString(5, MAPPER.writeValueAsString(ch.document()));
                    merge.addBatch();
                }
            }
            merge.executeBatch();
            delete.executeBatch();
        }
    }
}
