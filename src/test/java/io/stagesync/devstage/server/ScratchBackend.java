package io.stagesync.devstage.server;

import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small backend for testing the HTTP layer without the GraphQL core: environments and key/value notes in the
 * server's database. A mutation stores variables {key, value}; a query echoes what it received plus the notes.
 */
public final class ScratchBackend implements DevstageBackend {

    private final DataSource dataSource;

    public ScratchBackend(DataSource dataSource) {
        this.dataSource = dataSource;
        update("CREATE TABLE IF NOT EXISTS scratch_env (name VARCHAR(64) PRIMARY KEY)");
        update("CREATE TABLE IF NOT EXISTS scratch_note (env VARCHAR(64), k VARCHAR(200), v VARCHAR(2000), PRIMARY KEY (env, k))");
    }

    @Override
    public Set<String> environments() {
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT name FROM scratch_env")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    @Override
    public GraphQLResponse execute(String environment, GraphQLRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (ContentApiHandler.isMutation(request)) {
            update("MERGE INTO scratch_note KEY (env, k) VALUES (?, ?, ?)", environment,
                    String.valueOf(request.variables().get("key")), String.valueOf(request.variables().get("value")));
            data.put("stored", request.variables().get("key"));
        } else {
            data.put("echo", Map.of("query", request.query(), "variables", request.variables(), "locales", request.locales(),
                    "stage", String.valueOf(request.stage()), "operationName", String.valueOf(request.operationName())));
            data.put("notes", notes(environment));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        return new GraphQLResponse(200, body);
    }

    @Override
    public void createEnvironment(String name, String modelDefinitionJson) {
        update("MERGE INTO scratch_env KEY (name) VALUES (?)", name);
    }

    @Override
    public void seedDemo(String environment, int size) {
        update("MERGE INTO scratch_note KEY (env, k) VALUES (?, ?, ?)", environment, "demoSize", Integer.toString(size));
    }

    @Override
    public void setMaxPageSize(int maxPageSize) {
        // no paging here
    }

    private Map<String, String> notes(String environment) {
        Map<String, String> notes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT k, v FROM scratch_note WHERE env = ? ORDER BY k")) {
            ps.setString(1, environment);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    notes.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return notes;
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
