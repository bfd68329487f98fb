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
 * schedule, and deleting the job removes its schedule.
 */
class ScheduleJobsRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;

    @BeforeAll
    static void startService() throws Exception {
        Map<String, String> settings = new HashMap<>(JobsServiceFixture.stages(devstage));
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
    void should_schedule_a_job_defined_in_properties() {
        // when
        var route = service.context.getRoute(JobScheduleRegistrar.routeId("weekly-refresh"));

        // then
        assertThat(route).isNotNull();
        assertThat(route.getEndpoint().getEndpointUri()).contains("quartz://stagesync-jobs/weekly-refresh")
                .contains("cron=0+0+2+?+*+SUN");
    }
}
