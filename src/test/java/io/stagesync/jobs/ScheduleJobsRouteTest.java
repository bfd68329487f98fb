package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Quartz schedule trigger (routes/jobs/schedule-jobs.camel.yaml): a job with a short cron is run by the
 * schedule, deleting the job removes its schedule, and a paused job does not fire, also after a restart, until it
 * is resumed.
 */
class ScheduleJobsRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static Map<String, String> settings;

    @BeforeAll
    static void startService() throws Exception {
        settings = new HashMap<>(JobsServiceFixture.stages(devstage));
        settings.put("stagesync.jobs.weekly-refresh.base", "production");
        settings.put("stagesync.jobs.weekly-refresh.target", "staging");
        settings.put("stagesync.jobs.weekly-refresh.schedule", "weekly");
        service = new JobsServiceFixture(dir, settings).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_run_a_job_when_its_cron_schedule_fires() {
        // given
        assertThat(service.post("/api/jobs", "{\"name\":\"every-second\",\"base\":\"production\",\"target\":\"staging\","
                + "\"schedule\":\"0/1 * * * * ?\"}").statusCode()).isEqualTo(201);

        // when
        List<Map<String, Object>> runs = await().atMost(Duration.ofSeconds(30))
                .until(() -> list(service.get("/api/runs?job=every-second")), r -> !r.isEmpty());
        service.delete("/api/jobs/every-second");

        // then
        assertThat(runs.get(0)).containsEntry("job", "every-second").containsEntry("createdBy", "schedule");
        assertThat(service.context.getRoute(JobScheduleRegistrar.routeId("every-second"))).isNull();
    }

    @Test
    void should_not_fire_a_paused_job_also_after_a_restart_and_fire_it_again_once_resumed() throws Exception {
        // given
        assertThat(service.post("/api/jobs", "{\"name\":\"pausable\",\"base\":\"production\",\"target\":\"staging\","
                + "\"schedule\":\"0/1 * * * * ?\",\"options\":{\"models\":\"Destination\"}}").statusCode()).isEqualTo(201);
        service.post("/api/jobs", "{\"name\":\"on-demand\",\"base\":\"production\",\"target\":\"staging\"}");

        // when
        var paused = service.post("/api/jobs/pausable/pause", "");
        var pausedOnDemand = service.post("/api/jobs/on-demand/pause", "");
        var pausedUnknown = service.post("/api/jobs/nowhere/pause", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(service.get("/api/runs?job=pausable")).stream()
                .noneMatch(r -> JobRun.ACTIVE.contains(r.get("status"))));
        service.stop();
        service = new JobsServiceFixture(dir, settings).start();
        int runsWhilePaused = list(service.get("/api/runs?job=pausable")).size();
        Thread.sleep(3500);
        int runsAfterWaiting = list(service.get("/api/runs?job=pausable")).size();
        Map<String, Object> listedPaused = job("pausable");
        var resumed = service.post("/api/jobs/pausable/resume", "");
        Map<String, Object> listedResumed = job("pausable");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(service.get("/api/runs?job=pausable")).size() > runsAfterWaiting);
        service.delete("/api/jobs/pausable");

        // then
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(pausedOnDemand.statusCode()).isEqualTo(409);
        assertThat(JobsServiceFixture.object(pausedOnDemand).get("error").toString()).contains("no schedule");
        assertThat(pausedUnknown.statusCode()).isEqualTo(404);
        assertThat(runsAfterWaiting).isEqualTo(runsWhilePaused);
        assertThat(listedPaused).containsEntry("paused", true).containsEntry("nextFireAt", null);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(listedResumed).containsEntry("paused", false);
        assertThat(listedResumed.get("nextFireAt")).isNotNull();
    }

    private static Map<String, Object> job(String name) {
        return list(service.get("/api/jobs")).stream().filter(j -> name.equals(j.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void should_schedule_a_job_defined_in_properties() {
        // when
        var route = service.context.getRoute(JobScheduleRegistrar.routeId("weekly-refresh"));

        // then
        assertThat(route).isNotNull();
        assertThat(route.getEndpoint().getEndpointUri()).contains("quartz://stagesync-jobs/weekly-refresh")
                .contains("cron=0+0+2+?+*+SUN");
    }
}
