package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service stopped, or killed, while a run is in progress: after the restart the run is INTERRUPTED, and resuming
 * it (same run id) finishes the sync from its checkpoints with no duplicates in the target. Auto-resume is off here,
 * so the run waits for the resume request (failover with auto-resume: JobsFailoverTest).
 */
class ServeRestartTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);
    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
        devstage.faults("staging").reset();
    }

    @Test
    void should_end_a_run_interrupted_when_the_service_stops_and_resume_it_without_duplicates() throws Exception {
        // given
        devstage.faults("staging").latencyMs(200);
        String id;
        try (JobsServiceFixture first = new JobsServiceFixture(dir, settings()).start()) {
            id = startRunAndAwaitEntries(first::get, first::post);

            // when
            first.stop();
        }

        // then
        resumeAfterRestartAndCheck(id);
    }

    @Test
    void should_mark_a_run_interrupted_after_the_process_was_killed_and_resume_it_without_duplicates() throws Exception {
        // given
        devstage.faults("staging").latencyMs(200);
        JobsServiceFixture addresses = new JobsServiceFixture(dir, settings());
        child = addresses.startChild("child-service");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> addresses.get("/api/jobs").statusCode() == 200);
        String id = startRunAndAwaitEntries(addresses::get, addresses::post);

        // when
        child.destroyForcibly().waitFor();

        // then
        assertThat(child.exitValue()).isNotZero();
        resumeAfterRestartAndCheck(id);
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new java.util.HashMap<>(JobsServiceFixture.stages(devstage));
        settings.put("stagesync.jobs.auto-resume", "false");
        return settings;
    }

    private static String startRunAndAwaitEntries(Function<String, java.net.http.HttpResponse<String>> get,
                                                  java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> post) {
        post.apply("/api/jobs", "{\"name\":\"refresh\",\"base\":\"production\",\"target\":\"staging\"}");
        String id = (String) object(post.apply("/api/jobs/refresh/runs", "{\"createdBy\":\"ops\"}")).get("id");
        await().atMost(Duration.ofSeconds(90)).until(() -> entriesDone(object(get.apply("/api/runs/" + id))) > 0);
        assertThat(object(get.apply("/api/runs/" + id))).containsEntry("status", "RUNNING");
        return id;
    }

    private void resumeAfterRestartAndCheck(String id) throws Exception {
        devstage.faults("staging").reset();
        try (JobsServiceFixture second = new JobsServiceFixture(dir, settings()).start()) {
            Map<String, Object> afterRestart = object(second.get("/api/runs/" + id));
            var resumed = second.post("/api/runs/" + id + "/resume", "");
            Map<String, Object> ended = await().atMost(Duration.ofSeconds(120))
                    .until(() -> object(second.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));

            assertThat(afterRestart).containsEntry("status", "INTERRUPTED").containsEntry("createdBy", "ops");
            assertThat(afterRestart.get("message").toString()).contains("resume");
            assertThat(resumed.statusCode()).isEqualTo(202);
            assertThat(ended).containsEntry("id", id).containsEntry("status", "SUCCEEDED").containsEntry("resumed", 1);
            assertThat(JobsServiceFixture.list(second.get("/api/runs?job=refresh"))).hasSize(1);
            for (String model : List.of("hotels", "destinations", "reviews")) {
                assertThat(StageContent.count(devstage, "staging", model)).as(model)
                        .isEqualTo(StageContent.count(devstage, "production", model));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static long entriesDone(Map<String, Object> run) {
        return ((List<Map<String, Object>>) run.get("tasks")).stream().filter(t -> "entries".equals(t.get("name")))
                .mapToLong(t -> ((Number) t.get("done")).longValue()).sum();
    }
}
