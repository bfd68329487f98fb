package io.stagesync.testing;

import io.stagesync.devstage.files.S3AssetFiles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to devstage's Management API over HTTP in the documents the Management SDK sends. */
public final class ManagementTestClient {
    private final DevstageExtension devstage;

    public ManagementTestClient(DevstageExtension devstage) {
        this.devstage = devstage;
    }

    private String url() {
        return devstage.server().baseUrl() + "/graphql";
    }

    public GraphQLTestClient.Response post(String query, Map<String, Object> variables) throws Exception {
        return devstage.client().post(url(), query, variables);
    }

    /** The draft hotels of an environment with the given fields, in id order (what a schema change must keep). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> hotels(String environment, String fields) throws Exception {
        var response = devstage.client().post(devstage.contentApiUrl(environment),
                "{ hotels(stage: DRAFT, first: 100, orderBy: id_ASC) { id " + fields + " } }");
        assertThat(response.errors()).as("content API errors").isEmpty();
        return (List<Map<String, Object>>) ((Map<String, Object>) response.json().get("data")).get("hotels");
    }

    /** Clones {@code source} with its content into a new environment {@code name}. */
    public void cloneEnvironment(String source, String name) throws Exception {
        var response = post("mutation ($data: CloneEnvironmentInput!) { cloneEnvironment(data: $data) { migration { id status }"
                + " createdEnvironment { name endpoint } } }", Map.of("data", Map.of("id", S3AssetFiles.environmentId(source),
                "name", name, "displayName", name, "cloneOptions", Map.of("content", true, "webhooks", false))));
        assertThat(response.errors()).isEmpty();
    }

    /** The changes that turn {@code target}'s schema into {@code source}'s. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> diff(String target, String source) throws Exception {
        var response = post("query ($p: ID!, $e: String!, $o: String!) { viewer { project(id: $p) { environment(name: $e) {"
                + " diff(environmentName: $o) { changes } } } } }", Map.of("p", "demo", "e", target, "o", source));
        assertThat(response.errors()).isEmpty();
        Map<String, Object> project = (Map<String, Object>) response.data("viewer").get("project");
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) project.get("environment")).get("diff")).get("changes");
    }

    /** Submits a batch and polls {@code migration(id)} until it ends; returns the final migration. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(String environment, List<Map<String, Object>> changes) throws Exception {
        var response = post("mutation ($data: BatchMigrationInput!) { submitBatchChanges(data: $data) { migration { id status errors } } }",
                Map.of("data", Map.of("environmentId", S3AssetFiles.environmentId(environment), "changes", changes)));
        assertThat(response.errors()).isEmpty();
        String id = (String) ((Map<String, Object>) response.data("submitBatchChanges").get("migration")).get("id");
        return await(environment, id);
    }

    /** Polls {@code migration(id)} of an environment until it ends; returns the final migration. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> await(String environment, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var poll = post("query ($p: ID!, $e: String!, $m: ID!) { viewer { project(id: $p) { environment(name: $e) {"
                    + " migration(id: $m) { id status errors createdAt finishedAt } } } } }", Map.of("p", "demo", "e", environment, "m", id));
            Map<String, Object> project = (Map<String, Object>) poll.data("viewer").get("project");
            Map<String, Object> migration = (Map<String, Object>) ((Map<String, Object>) project.get("environment")).get("migration");
            if (!List.of("QUEUED", "RUNNING").contains(migration.get("status"))) {
                return migration;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("migration " + id + " did not finish within 30 s");
    }
}
