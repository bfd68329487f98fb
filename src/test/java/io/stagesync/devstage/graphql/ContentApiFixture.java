package io.stagesync.devstage.graphql;

import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;
import org.h2.jdbcx.JdbcDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens a {@link DevstageContentApi} on a real H2 database and runs GraphQL requests against an environment. */
final class ContentApiFixture {
    static final String ENV = "production";
    final DevstageContentApi api;
    final DirectoryAssetFiles files;
    final JdbcDataSource dataSource;

    private ContentApiFixture(JdbcDataSource dataSource, DirectoryAssetFiles files) {
        this.dataSource = dataSource;
        this.files = files;
        this.api = new DevstageContentApi(dataSource, files);
    }

    /** A fresh in-memory database with environment {@code production} on the demo model. */
    static ContentApiFixture inMemory(Path fileRoot) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:devstage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ContentApiFixture f = new ContentApiFixture(ds, new DirectoryAssetFiles(fileRoot));
        f.api.createEnvironment(ENV, demoModel());
        return f;
    }

    /** Opens (or re-opens) a file database. */
    static ContentApiFixture file(Path dbFile, Path fileRoot) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dbFile.toAbsolutePath());
        return new ContentApiFixture(ds, new DirectoryAssetFiles(fileRoot));
    }

    static String demoModel() {
        try (InputStream in = ContentApiFixture.class.getResourceAsStream("/devstage/demo-model.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GraphQLResponse call(String query) {
        return call(query, Map.of());
    }

    GraphQLResponse call(String query, Map<String, Object> variables) {
        return api.execute(ENV, new GraphQLRequest(query, variables, null, List.of(), null));
    }

    GraphQLResponse call(String query, List<String> localesHeader, String stageHeader) {
        return api.execute(ENV, new GraphQLRequest(query, Map.of(), null, localesHeader, stageHeader));
    }

    /** Runs a request that must succeed without errors and returns its data. */
    @SuppressWarnings("unchecked")
    Map<String, Object> data(String query) {
        GraphQLResponse r = call(query);
        if (r.status() != 200 || r.body().containsKey("errors")) {
            throw new AssertionError("Request failed with " + r.status() + ": " + r.body() + "\nquery: " + query);
        }
        return (Map<String, Object>) r.body().get("data");
    }

    /** Creates a hotel and returns its id. */
    @SuppressWarnings("unchecked")
    String createHotel(String slug, String extra) {
        Map<String, Object> d = data("mutation { createHotel(data: { name: \"" + slug + " name\", slug: \"" + slug
                + "\", category: BUDGET " + extra + " }) { id } }");
        return (String) ((Map<String, Object>) d.get("createHotel")).get("id");
    }

    @SuppressWarnings("unchecked")
    String createDestination(String slug) {
        Map<String, Object> d = data("mutation { createDestination(data: { name: \"" + slug + "\", slug: \"" + slug
                + "\", country: \"Italy\" }) { id } }");
        return (String) ((Map<String, Object>) d.get("createDestination")).get("id");
    }

    @SuppressWarnings("unchecked")
    String createReview(String title, int rating) {
        Map<String, Object> d = data("mutation { createReview(data: { title: \"" + title + "\", rating: " + rating + " }) { id } }");
        return (String) ((Map<String, Object>) d.get("createReview")).get("id");
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, Object... path) {
        Object cur = root;
        for (Object p : path) {
            cur = p instanceof Integer i ? ((List<Object>) cur).get(i) : ((Map<String, Object>) cur).get((String) p);
        }
        return (T) cur;
    }
}
