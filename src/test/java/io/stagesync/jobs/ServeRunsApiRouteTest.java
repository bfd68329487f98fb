package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.stagesync.jobs.JobsServiceFixture.list;
import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs over the REST API (routes/jobs/serve-runs-api.camel.yaml) with the real sync engine against devstage:
 * run now, run details and history, cancel, and the rules on concurrent runs.
 */
class ServeRunsApiRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(20)
            .with(s -> s.environment("qa", io.stagesync.devstage.DevstageServer.demoModel())
                    .environment("dev", io.stagesync.devstage.DevstageServer.demoModel()));
    @TempDir
    static Path dir;
    static JobsServiceFixture service;

    @BeforeAll
    static void startService() throws Exception {
        Map<String, String> settings = new HashMap<>(JobsServiceFixture.stages(devstage));
        for (String[] stage : new String[][]{{"qa", "production"}, {"dev", "staging"}}) {
            settings.put("stagesync.stages." + stage[0] + ".content-api", devstage.contentApiUrl(stage[0]));
            settings.put("stagesync.stages." + stage[0] + ".token", devstage.token());
            settings.put("stagesync.stages." + stage[0] + ".parent", stage[1]);
        }
        service = new JobsServiceFixture(dir, settings).start();
        for (String[] job : new String[][]{{"refresh-staging", "production", "staging"}, {"refresh-qa", "production", "qa"},
                {"refresh-dev", "staging", "dev"}}) {
            assertThat(service.post("/api/jobs", "{\"name\":\"" + job[0] + "\",\"base\":\"" + job[1] + "\",\"target\":\""
                    + job[2] + "\"}").statusCode()).isEqualTo(201);
        }
    }

    @AfterEach
    void waitForIdle() {
        await().atMost(Duration.ofSeconds(120)).until(() -> list(service.get("/api/runs")).stream()
                .noneMatch(r -> JobRun.ACTIVE.contains(r.get("status"))));
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_run_a_job_now_and_record_status_totals_and_tasks() throws Exception {
        // when
        HttpResponse<String> started = service.post("/api/jobs/refresh-staging/runs", "{\"createdBy\":\"alice\"}");
        String id = (String) object(started).get("id");
        Map<String, Object> run = awaitEnd(id);

        // then
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(run).containsEntry("id", id).containsEntry("job", "refresh-staging").containsEntry("status", "SUCCEEDED")
                .containsEntry("createdBy", "alice").containsEntry("errorCount", 0);
        assertThat(Instant.parse((String) run.get("finishedAt"))).isAfterOrEqualTo(Instant.parse((String) run.get("startedAt")));
        assertThat(((Number) run.get("elapsedMs")).longValue()).isPositive();
        assertThat(((Number) run.get("logCount")).intValue()).isGreaterThan(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) run.get("tasks");
        assertThat(tasks).extracting(t -> t.get("name")).containsExactly("assets", "entries", "relations", "publish", "drafts");
        assertThat(tasks).filteredOn(t -> "entries".equals(t.get("name"))).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("status", "SUCCEEDED").containsEntry("progress", 100));
        assertThat(list(service.get("/api/runs?job=refresh-staging"))).extracting(r -> r.get("id")).contains(id);
        assertThat(list(service.get("/api/runs?job=refresh-qa"))).extracting(r -> r.get("id")).doesNotContain(id);
        assertThat(StageContent.count(devstage, "staging", "hotels")).isEqualTo(StageContent.count(devstage, "production", "hotels"));
        assertThat(StageContent.count(devstage, "staging", "reviews")).isEqualTo(StageContent.count(devstage, "production", "reviews"));
    }

    @Test
    void should_run_one_of_two_simultaneous_requests_for_the_same_pair_and_refuse_the_other() {
        // given
        devstage.faults("qa").latencyMs(300);
        int runsBefore = list(service.get("/api/runs?job=refresh-qa")).size();

        // when
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> service.post("/api/jobs/refresh-qa/runs", ""));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> service.post("/api/jobs/refresh-qa/runs", ""));
        List<HttpResponse<String>> answers = List.of(first.join(), second.join());

        // then
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(object(refused).get("error").toString()).contains("a run of production -> qa is already");
        String id = (String) object(answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow()).get("id");
        service.post("/api/runs/" + id + "/cancel", "");
        assertThat(list(service.get("/api/runs?job=refresh-qa"))).hasSize(runsBefore + 1);
    }

    @Test
    void should_queue_other_jobs_and_refuse_any_job_using_the_stage_being_written() {
        // given
        devstage.faults("staging").latencyMs(300);
        String writing = (String) object(service.post("/api/jobs/refresh-staging/runs", "")).get("id");
        await().until(() -> "RUNNING".equals(object(service.get("/api/runs/" + writing)).get("status")));

        // when
        HttpResponse<String> other = service.post("/api/jobs/refresh-qa/runs", "");
        HttpResponse<String> usesBusyStage = service.post("/api/jobs/refresh-dev/runs", "");
        String queued = (String) object(other).get("id");
        String statusWhileOtherRuns = (String) object(service.get("/api/runs/" + queued)).get("status");
        devstage.faults("staging").reset();
        Map<String, Object> first = awaitEnd(writing);
        Map<String, Object> second = awaitEnd(queued);

        // then
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(statusWhileOtherRuns).isEqualTo("QUEUED");
        assertThat(usesBusyStage.statusCode()).isEqualTo(409);
        assertThat(object(usesBusyStage).get("error").toString()).contains("stage 'staging' is being written by run " + writing);
        assertThat(first).containsEntry("status", "SUCCEEDED");
        assertThat(second).containsEntry("status", "SUCCEEDED");
        assertThat(Instant.parse((String) second.get("startedAt"))).isAfterOrEqualTo(Instant.parse((String) first.get("finishedAt")));
    }

    @Test
    void should_cancel_a_queued_and_a_running_run_but_not_a_finished_one() {
        // given
        devstage.faults("staging").latencyMs(300);
        String running = (String) object(service.post("/api/jobs/refresh-staging/runs", "")).get("id");
        await().until(() -> "RUNNING".equals(object(service.get("/api/runs/" + running)).get("status")));
        String queued = (String) object(service.post("/api/jobs/refresh-qa/runs", "")).get("id");

        // when
        HttpResponse<String> cancelQueued = service.post("/api/runs/" + queued + "/cancel", "");
        HttpResponse<String> cancelRunning = service.post("/api/runs/" + running + "/cancel", "");
        Map<String, Object> ended = awaitEnd(running);
        HttpResponse<String> cancelAgain = service.post("/api/runs/" + running + "/cancel", "");

        // then
        assertThat(cancelQueued.statusCode()).isEqualTo(202);
        assertThat(object(cancelQueued)).containsEntry("status", "CANCELLED");
        assertThat(cancelRunning.statusCode()).isEqualTo(202);
        assertThat(ended).containsEntry("status", "CANCELLED");
        assertThat(cancelAgain.statusCode()).isEqualTo(409);
        assertThat(object(cancelAgain).get("error").toString()).contains("is already CANCELLED");
        assertThat(service.post("/api/runs/" + running + "/resume", "").statusCode()).isEqualTo(409);
    }

    static Map<String, Object> awaitEnd(String runId) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> object(service.get("/api/runs/" + runId)), r -> !JobRun.ACTIVE.contains(r.get("status")));
    }

    @Test
    void should_check_the_models_option_against_the_base_stage_when_a_job_is_created() {
        // when
        HttpResponse<String> typo = service.post("/api/jobs", "{\"name\":\"typo\",\"base\":\"production\",\"target\":\"qa\","
                + "\"options\":{\"models\":[\"Hotell\"]}}");
        HttpResponse<String> lowerCase = service.post("/api/jobs", "{\"name\":\"lower\",\"base\":\"production\",\"target\":\"qa\","
                + "\"options\":{\"models\":\"hotel,review\"}}");

        // then
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(object(typo)).containsEntry("field", "options.models");
        assertThat(object(typo).get("error").toString()).contains("unknown model 'Hotell' in options.models; did you mean 'Hotel'?");
        assertThat(lowerCase.statusCode()).as(lowerCase.body()).isEqualTo(201);
        assertThat(object(lowerCase).get("options")).isEqualTo(Map.of("models", List.of("Hotel", "Review")));
        assertThat(service.delete("/api/jobs/lower").statusCode()).isEqualTo(200);
    }
}
