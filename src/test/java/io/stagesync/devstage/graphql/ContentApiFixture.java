package io.stagesync.devstage.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.devstage.GraphQLResponse;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs GraphQL requests over real HTTP against one environment of a running devstage server; each fixture gets
 * a fresh environment on the demo model (or another model), so tests of a class share one server.
 */
final class ContentApiFixture {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final DevstageServer server;
    final String env;
    private final GraphQLTestClient client;

    private ContentApiFixture(DevstageServer server, String env) {
        this.server = server;
        this.env = env;
        this.client = new GraphQLTestClient(server.token());
    }

    /** A fresh, empty environment on the demo model. */
    static ContentApiFixture on(DevstageExtension devstage) {
        return on(devstage.server(), "t" + COUNTER.incrementAndGet(), DevstageServer.demoModel(), 0);
    }

    /** An environment of a server, created with the model and demo size unless it exists. */
    static ContentApiFixture on(DevstageServer server, String env, String model, int demoSize) {
        server.addEnvironment(env, model, demoSize);
        return new ContentApiFixture(server, env);
    }

    GraphQLResponse call(String query) {
        return call(query, Map.of());
    }

    GraphQLResponse call(String query, Map<String, Object> variables) {
        try {
            GraphQLTestClient.Response r = client.post(server.contentApiUrl(env), query, variables);
            return new GraphQLResponse(r.status(), r.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with the gcms-locales / gcms-stage headers. */
    GraphQLResponse call(String query, List<String> localesHeader, String stageHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!localesHeader.isEmpty()) {
            headers.put("gcms-locales", String.join(",", localesHeader));
        }
        if (stageHeader != null) {
            headers.put("gcms-stage", stageHeader);
        }
        try {
            GraphQLTestClient.Response r = client.postRaw(server.contentApiUrl(env),
                    MAPPER.writeValueAsString(Map.of("query", query)), headers);
            return new GraphQLResponse(r.status(), r.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
    String createHotel(String slug, String extra) {
        return at(data("mutation { createHotel(data: { name: \"" + slug + " name\", slug: \"" + slug
                + "\", category: BUDGET " + extra + " }) { id } }"), "createHotel", "id");
    }

    String createDestination(String slug) {
        return at(data("mutation { createDestination(data: { name: \"" + slug + "\", slug: \"" + slug
                + "\", country: \"Italy\" }) { id } }"), "createDestination", "id");
    }

    String createReview(String title, int rating) {
        return at(data("mutation { createReview(data: { title: \"" + title + "\", rating: " + rating + " }) { id } }"), "createReview", "id");
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
