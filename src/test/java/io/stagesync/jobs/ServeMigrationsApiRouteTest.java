package io.stagesync.jobs;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/migrations/{model} and /api/migrations/{model}/{id} over real HTTP (routes/jobs/serve-migrations-api.camel.yaml):
 * a run of a migrate job against devstage, answered with the ids grouped by status; its progress and log as for any run.
 */
class ServeMigrationsApiRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5).with(s -> s.environment("mig", DevstageServer.demoModel()));
    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void startService() throws Exception {
        Path hotel = Files.createDirectories(dir.resolve("migrations").resolve("Hotel"));
        Files.copy(Path.of("migrations/Hotel/V1.1.0__fill_stars.camel.yaml"), hotel.resolve("V1.1.0__fill_stars.camel.yaml"));
        Map<String, String> settings = new HashMap<>(JobsServiceFixture.stages(devstage));
        settings.put("stagesync.stages.mig.content-api", devstage.contentApiUrl("mig"));
        settings.put("stagesync.stages.mig.token", devstage.token());
        settings.put("stagesync.migrate.dir", dir.resolve("migrations").toString());
        for (String[] h : new String[][]{{"old-inn", "BUDGET", null}, {"old-palace", "LUXURY", null}, {"new-inn", "BUDGET", "1"}}) {
            Map<String, Object> data = new HashMap<>(Map.of("name", h[0], "slug", h[0], "category", h[1]));
            data.put("stars", h[2] == null ? null : Integer.parseInt(h[2]));
            var r = devstage.client().post(devstage.contentApiUrl("mig"), "mutation($d: HotelCreateInput!) { createHotel(data: $d) { id } }",
                    Map.of("d", data));
            ids.put(h[0], (String) r.data("createHotel").get("id"));
        }
        service = new JobsServiceFixture(dir, settings).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_migrate_a_model_and_one_entry_and_answer_the_ids_grouped_by_status() {
        // when
        HttpResponse<String> all = service.post("/api/migrations/Hotel", "{\"stage\":\"mig\"}");
        HttpResponse<String> one = service.post("/api/migrations/Hotel/" + ids.get("old-inn"), "{\"stage\":\"mig\"}");

        // then
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        Map<String, Object> body = object(all);
        assertThat(body.get("status")).isEqualTo("SUCCEEDED");
        assertThat((List<String>) body.get("updated")).containsExactlyInAnyOrder(ids.get("old-inn"), ids.get("old-palace"));
        assertThat((List<String>) body.get("notModified")).containsExactly(ids.get("new-inn"));
        assertThat((List<?>) body.get("failed")).isEmpty();
        Map<String, Object> run = object(service.get("/api/runs/" + body.get("runId")));
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        assertThat(((Map<String, Object>) run.get("options")).get("type")).isEqualTo("migrate");
        assertThat((List<Map<String, Object>>) run.get("tasks")).extracting(t -> t.get("name"), t -> t.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("migrate", "SUCCEEDED"));
        assertThat((Integer) run.get("logCount")).isPositive();
        assertThat(((Map<String, Object>) run.get("report")).get("updated")).isEqualTo(body.get("updated"));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat((List<String>) object(one).get("notModified")).containsExactly(ids.get("old-inn"));
        assertThat((List<String>) object(one).get("updated")).isEmpty();
    }

    @Test
    void should_refuse_without_the_token_and_name_the_field_at_fault() throws Exception {
        // when
        HttpResponse<String> noToken = service.send(HttpRequest.newBuilder(URI.create(service.url("/api/migrations/Hotel")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"mig\"}")).build());
        HttpResponse<String> tokenInQuery = service.post("/api/migrations/Hotel?access_token=x", "{\"stage\":\"mig\"}");
        HttpResponse<String> isProtected = service.post("/api/migrations/Hotel", "{\"stage\":\"production\"}");
        HttpResponse<String> noMigrations = service.post("/api/migrations/Review", "{\"stage\":\"mig\"}");
        HttpResponse<String> badTo = service.post("/api/migrations/Hotel", "{\"stage\":\"mig\",\"to\":\"2\"}");

        // then
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(tokenInQuery.statusCode()).isEqualTo(400);
        assertThat(isProtected.statusCode()).isEqualTo(409);
        assertThat(object(isProtected).get("field")).isEqualTo("stage");
        assertThat(noMigrations.statusCode()).isEqualTo(400);
        assertThat(object(noMigrations).get("error").toString()).contains("no migration files for model Review");
        assertThat(badTo.statusCode()).isEqualTo(400);
        assertThat(object(badTo).get("field")).isEqualTo("to");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_define_and_run_a_migrate_job_through_the_jobs_api() {
        // when
        HttpResponse<String> created = service.post("/api/jobs", "{\"name\":\"fill-stars\",\"target\":\"mig\","
                + "\"options\":{\"type\":\"migrate\",\"model\":\"Hotel\",\"dryRun\":true}}");
        HttpResponse<String> started = service.post("/api/jobs/fill-stars/runs", "{}");
        HttpResponse<String> badType = service.post("/api/jobs", "{\"name\":\"x\",\"target\":\"mig\",\"options\":{\"type\":\"copy\"}}");
        HttpResponse<String> noModel = service.post("/api/jobs", "{\"name\":\"x\",\"target\":\"mig\",\"options\":{\"type\":\"migrate\"}}");
        HttpResponse<String> onProtected = service.post("/api/jobs", "{\"name\":\"x\",\"target\":\"production\","
                + "\"options\":{\"type\":\"migrate\",\"model\":\"Hotel\"}}");

        // then
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(object(created)).containsEntry("type", "migrate").containsEntry("base", "mig").containsEntry("target", "mig");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String runId = (String) object(started).get("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !JobRun.ACTIVE.contains(object(service.get("/api/runs/" + runId)).get("status")));
        Map<String, Object> run = object(service.get("/api/runs/" + runId));
        assertThat(run.get("status")).isEqualTo("SUCCEEDED");
        Map<String, Object> report = (Map<String, Object>) run.get("report");
        assertThat(report).containsEntry("dryRun", true).containsEntry("model", "Hotel").containsKeys("updated", "notModified", "diffs");
        assertThat(((List<?>) report.get("updated")).size() + ((List<?>) report.get("notModified")).size()).isEqualTo(3);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(object(badType).get("field")).isEqualTo("options.type");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(object(noModel).get("field")).isEqualTo("options.model");
        assertThat(onProtected.statusCode()).isEqualTo(409);
    }
}
