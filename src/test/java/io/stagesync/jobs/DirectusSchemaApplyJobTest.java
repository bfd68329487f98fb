package io.stagesync.jobs;

import io.stagesync.directus.DirectusRest;
import io.stagesync.testing.DirectusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A {@code schema-apply} job whose target is a Directus stage (two real instances of its own). */
class DirectusSchemaApplyJobTest {

    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static DirectusRest a;
    static DirectusRest b;

    @BeforeAll
    static void startService() throws Exception {
        DirectusServer directus = DirectusServer.own("ja", "jb");
        a = new DirectusRest("ja", directus.a().url(), directus.a().token(), Duration.ofSeconds(60));
        b = new DirectusRest("jb", directus.b().url(), directus.b().token(), Duration.ofSeconds(60));
        Map<String, String> settings = new HashMap<>();
        for (DirectusServer.Instance i : List.of(directus.a(), directus.b())) {
            settings.put("stagesync.stages." + i.name() + ".content-api", i.url());
            settings.put("stagesync.stages." + i.name() + ".token", i.token());
            settings.put("stagesync.stages." + i.name() + ".cms", "directus");
        }
        service = new JobsServiceFixture(dir, settings).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_apply_a_new_collection_to_a_directus_target_in_a_job() {
        // given: a collection in ja alone
        a.send("POST", "/collections", Map.of("collection", "notes", "meta", Map.of(), "schema", Map.of(), "fields", List.of(
                Map.of("field", "id", "type", "integer", "meta", Map.of("hidden", true),
                        "schema", Map.of("is_primary_key", true, "has_auto_increment", true)),
                Map.of("field", "text", "type", "string", "meta", Map.of("interface", "input"), "schema", Map.of()))));
        service.post("/api/jobs", "{\"name\":\"promote\",\"type\":\"schema-apply\",\"base\":\"ja\",\"target\":\"jb\"}");

        // when
        String id = (String) object(service.post("/api/jobs/promote/runs", "{\"createdBy\":\"alice\"}")).get("id");
        Map<String, Object> run = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300))
                .until(() -> object(service.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));

        // then
        assertThat(run).as("%s", run).containsEntry("status", "SUCCEEDED");
        assertThat(String.valueOf(run.get("message"))).contains("Schema apply ended SUCCESS");
        assertThat(service.get("/api/runs/" + id + "/logs").body()).contains("Applied add-model notes");
        assertThat(((List<Map<String, Object>>) b.get("/fields/notes")).stream().map(f -> f.get("field")).toList()).contains("text");
    }
}
