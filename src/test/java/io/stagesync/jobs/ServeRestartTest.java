package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service stopped while a run is in progress: after the restart the run is INTERRUPTED, and resuming it (same run
 * id, so the sync continues from its checkpoints) finishes the sync with no duplicates in the target.
 */
class ServeRestartTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);
    @TempDir
    Path dir;

    @Test
    void should_mark_a_run_in_progress_interrupted_and_resume_it_to_the_end_without_duplicates() throws Exception {
        // given
        devstage.faults("staging").latencyMs(200);
        String id;
        try (JobsServiceFixture first = new JobsServiceFixture(dir, JobsServiceFixture.stages(devstage)).start()) {
            first.post("/api/jobs", "{\"name\":\"refresh\",\"base\":\"production\",\"target\":\"staging\"}");
            id = (String) object(first.post("/api/jobs/refresh/runs", "{\"createdBy\":\"ops\"}")).get("id");
            await().atMost(Duration.ofSeconds(60)).until(() -> entriesDone(object(first.get("/api/runs/" + id))) > 0);

            // when
            first.stop();
        }
        devstage.faults("staging").reset();
        try (JobsServiceFixture second = new JobsServiceFixture(dir, JobsServiceFixture.stages(devstage)).start()) {
            Map<String, Object> afterRestart = object(second.get("/api/runs/" + id));
            var resumed = second.post("/api/runs/" + id + "/resume", "");
            Map<String, Object> ended = await().atMost(Duration.ofSeconds(120))
                    .until(() -> object(second.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));

            // then
            assertThat(afterRestart).containsEntry("status", "INTERRUPTED").containsEntry("createdBy", "ops");
            assertThat(afterRestart.get("message").toString()).contains("resume");
            assertThat(resumed.statusCode()).isEqualTo(202);
            assertThat(ended).containsEntry("id", id).containsEntry("status", "SUCCEEDED");
            assertThat(JobsServiceFixture.list(second.get("/api/runs?job=refresh"))).hasSize(1);
            for (String model : List.of("hotels", "destinations", "reviews")) {
                assertThat(StageContent.count(devstage, "staging", model)).as(model)
                        .isEqualTo(StageContent.count(devstage, "production", model));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static long entriesDone(Map<String, Object> run) {
        return ((List<Map<String, Object>>) run.get("tasks")).stream().filter(t -> "entries".equals(t.get("name")))
                .mapToLong(t -> ((Number) t.get("done")).longValue()).sum();
    }
}
