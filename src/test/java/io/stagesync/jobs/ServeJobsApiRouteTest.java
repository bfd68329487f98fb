package io.stagesync.jobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.list;
import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST contract of the jobs API (routes/jobs/serve-jobs-api.camel.yaml) over real HTTP: jobs, rules, 401 and 400,
 * plus the dashboard, health and metrics endpoints the service serves on the same port.
 */
class ServeJobsApiRouteTest {

    @TempDir
    static Path dir;
    static JobsServiceFixture service;

    @BeforeAll
    static void startService() throws Exception {
        service = new JobsServiceFixture(dir, Map.of(
                "stagesync.stages.production.content-api", "http://127.0.0.1:9/v2/demo/production",
                "stagesync.stages.production.protected", "true",
                "stagesync.stages.staging.content-api", "http://127.0.0.1:9/v2/demo/staging",
                "stagesync.stages.staging.parent", "production",
                "stagesync.stages.dev.content-api", "http://127.0.0.1:9/v2/demo/dev",
                "stagesync.stages.dev.parent", "staging",
                "stagesync.jobs.nightly.base", "production",
                "stagesync.jobs.nightly.target", "staging",
                "stagesync.jobs.nightly.schedule", "daily",
                "stagesync.jobs.nightly.options.full", "true")).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_create_list_and_delete_a_job() {
        // given
        String body = "{\"name\":\"refresh-dev\",\"base\":\"staging\",\"target\":\"dev\",\"schedule\":\"0 30 3 * * ?\","
                + "\"options\":{\"models\":[\"Hotel\"],\"batchSize\":10}}";

        // when
        HttpResponse<String> created = service.post("/api/jobs", body);
        List<Map<String, Object>> listed = list(service.get("/api/jobs"));
        HttpResponse<String> deleted = service.delete("/api/jobs/refresh-dev");
        List<Map<String, Object>> afterDelete = list(service.get("/api/jobs"));

        // then
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(object(created)).containsEntry("id", "refresh-dev").containsEntry("base", "staging")
                .containsEntry("target", "dev").containsEntry("schedule", "0 30 3 * * ?").containsEntry("source", "api");
        assertThat(listed).extracting(j -> j.get("name")).contains("refresh-dev", "nightly");
        assertThat(listed).filteredOn(j -> "refresh-dev".equals(j.get("name"))).singleElement()
                .extracting(j -> j.get("options")).isEqualTo(Map.of("models", List.of("Hotel"), "batchSize", 10));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(afterDelete).extracting(j -> j.get("name")).doesNotContain("refresh-dev");
        assertThat(service.delete("/api/jobs/refresh-dev").statusCode()).isEqualTo(404);
    }

    @Test
    void should_load_jobs_defined_in_properties_and_refuse_to_delete_them() {
        // when
        Map<String, Object> nightly = list(service.get("/api/jobs")).stream()
                .filter(j -> "nightly".equals(j.get("name"))).findFirst().orElseThrow();
        HttpResponse<String> delete = service.delete("/api/jobs/nightly");

        // then
        assertThat(nightly).containsEntry("source", "properties").containsEntry("schedule", "daily")
                .containsEntry("options", Map.of("full", "true"));
        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(object(delete).get("error").toString()).contains("stagesync.jobs.nightly");
    }

    @Test
    void should_refuse_a_second_job_with_the_same_name() {
        // given
        service.post("/api/jobs", "{\"name\":\"twice\",\"base\":\"production\",\"target\":\"staging\"}");

        // when
        HttpResponse<String> again = service.post("/api/jobs", "{\"name\":\"twice\",\"base\":\"staging\",\"target\":\"dev\"}");

        // then
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(object(again)).containsEntry("field", "name");
        assertThat(object(again).get("error").toString()).contains("already exists");
    }

    @Test
    void should_refuse_a_target_equal_to_its_base() {
        assertRefused("{\"name\":\"same\",\"base\":\"staging\",\"target\":\"staging\"}", "target", "must differ from base");
    }

    @Test
    void should_answer_409_for_a_protected_target() {
        assertRefused(409, "{\"name\":\"into-prod\",\"base\":\"staging\",\"target\":\"production\"}", "target",
                "'production' is a protected stage");
    }

    @Test
    void should_answer_409_when_the_target_takes_data_only_from_another_parent() {
        assertRefused(409, "{\"name\":\"skip-level\",\"base\":\"production\",\"target\":\"dev\"}", "base",
                "'dev' takes data only from its parent 'staging'");
    }

    @Test
    void should_answer_400_naming_the_option_for_invalid_options() {
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"options\":{\"batchSize\":-3}}",
                "options.batchSize", "must be a whole number from 1 to 500, got: -3");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"options\":{\"batchSize\":\"ten\"}}",
                "options.batchSize", "whole number");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"options\":{\"colour\":\"red\"}}",
                "options.colour", "unknown option; allowed options: full, models, batchSize");
        assertThat(list(service.get("/api/jobs"))).extracting(j -> j.get("name")).doesNotContain("n");
    }

    @Test
    void should_refuse_an_unknown_stage() {
        assertRefused("{\"name\":\"nowhere\",\"base\":\"production\",\"target\":\"qa\"}", "target", "unknown stage 'qa'");
    }

    @Test
    void should_answer_400_naming_the_field_for_invalid_requests() {
        assertRefused("{\"base\":\"production\",\"target\":\"staging\"}", "name", "is required");
        assertRefused("{\"name\":\"bad name!\",\"base\":\"production\",\"target\":\"staging\"}", "name", "letters, digits");
        assertRefused("{\"name\":\"n\",\"target\":\"staging\"}", "base", "is required");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"schedule\":\"sometimes\"}",
                "schedule", "hourly, daily, weekly or a Quartz cron");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"options\":[1]}", "options", "must be an object");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"options\":{\"full\":\"maybe\"}}",
                "options.full", "true or false");
        assertRefused("{\"name\":\"n\",\"base\":\"production\",\"target\":\"staging\",\"colour\":\"red\"}", "colour", "unknown field");
        assertRefused("{\"name\": \"n\",", "body", "is not valid JSON");
        assertRefused("", "body", "JSON object is required");
    }

    @Test
    void should_answer_401_without_the_right_bearer_token() {
        // given
        HttpRequest none = HttpRequest.newBuilder(URI.create(service.url("/api/jobs"))).GET().build();
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(service.url("/api/runs/x"))).header("Authorization", "Bearer nope").GET().build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(service.url("/api/jobs")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sneaky\",\"base\":\"production\",\"target\":\"staging\"}")).build();

        // when
        HttpResponse<String> noneAnswer = service.send(none);
        HttpResponse<String> wrongAnswer = service.send(wrong);
        HttpResponse<String> postAnswer = service.send(post);

        // then
        assertThat(noneAnswer.statusCode()).isEqualTo(401);
        assertThat(object(noneAnswer).get("error").toString()).contains("missing bearer token");
        assertThat(wrongAnswer.statusCode()).isEqualTo(401);
        assertThat(postAnswer.statusCode()).isEqualTo(401);
        assertThat(list(service.get("/api/jobs"))).extracting(j -> j.get("name")).doesNotContain("sneaky");
        assertThat(noneAnswer.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void should_answer_404_for_an_unknown_job_or_run() {
        assertThat(service.post("/api/jobs/ghost/runs", "").statusCode()).isEqualTo(404);
        assertThat(object(service.get("/api/runs/ghost")).get("error").toString()).contains("no run with id 'ghost'");
    }

    @Test
    void should_list_the_stages_without_urls_or_tokens() {
        // when
        HttpResponse<String> answer = service.get("/api/stages");

        // then
        assertThat(list(answer)).extracting(s -> s.get("name")).containsExactly("dev", "production", "staging");
        assertThat(answer.body()).doesNotContain("http://").contains("\"protected\":true");
    }

    @Test
    void should_serve_the_dashboard_health_and_metrics() {
        // when
        HttpResponse<String> root = service.send(HttpRequest.newBuilder(URI.create(service.url("/"))).build());
        HttpResponse<String> page = service.send(HttpRequest.newBuilder(URI.create(service.url("/dashboard/"))).build());
        HttpResponse<String> script = service.send(HttpRequest.newBuilder(URI.create(service.url("/dashboard/app.js"))).build());
        HttpResponse<String> outside = service.send(HttpRequest.newBuilder(URI.create(service.url("/dashboard/..%2Fapplication.properties"))).build());
        // health turns UP once every consumer has started (the file consumer after its first poll)
        HttpResponse<String> health = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> service.send(HttpRequest.newBuilder(URI.create(service.url("/observe/health"))).build()),
                h -> h.statusCode() == 200);
        HttpResponse<String> metrics = service.get("/observe/metrics");

        // then
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"job-form\"");
        assertThat(script.body()).contains("sessionStorage");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("stagesync_job_runs{status=\"QUEUED\"}");
        assertThat(service.send(HttpRequest.newBuilder(URI.create(service.url("/observe/health"))).build()).body())
                .doesNotContain("DOWN");
    }

    private static void assertRefused(String body, String field, String message) {
        assertRefused(400, body, field, message);
    }

    private static void assertRefused(int status, String body, String field, String message) {
        HttpResponse<String> answer = service.post("/api/jobs", body);
        assertThat(answer.statusCode()).as(body).isEqualTo(status);
        assertThat(object(answer)).as(body).containsEntry("field", field);
        assertThat(object(answer).get("error").toString()).as(body).startsWith(field + ": ").contains(message);
    }
}
