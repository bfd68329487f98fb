package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.ManagementTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A job of type {@code schema-apply} in the jobs service: created over the API, run, logged, schema applied. */
class SchemaApplyJobTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static ManagementTestClient management;

    @BeforeAll
    static void startService() throws Exception {
        management = new ManagementTestClient(devstage);
        management.cloneEnvironment("production", "schemasrc");
        management.cloneEnvironment("production", "schematgt");
        Map<String, String> settings = new HashMap<>(JobsServiceFixture.stages(devstage));
        for (String stage : List.of("schemasrc", "schematgt")) {
            settings.put("stagesync.stages." + stage + ".content-api", devstage.contentApiUrl(stage));
            settings.put("stagesync.stages." + stage + ".token", devstage.token());
        }
        service = new JobsServiceFixture(dir, settings).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_run_a_schema_apply_job_and_log_each_change() throws Exception {
        // given
        assertThat(management.apply("schemasrc", List.of(Map.of("createSimpleField", Map.of("apiId", "motto",
                "modelApiId", "Hotel", "type", "STRING", "displayName", "Motto"))))).containsEntry("status", "SUCCESS");
        HttpResponse<String> created = service.post("/api/jobs", "{\"name\":\"promote-schema\",\"type\":\"schema-apply\","
                + "\"base\":\"schemasrc\",\"target\":\"schematgt\",\"options\":{\"allowDeletes\":false}}");
        // when
        String id = (String) object(service.post("/api/jobs/promote-schema/runs", "{\"createdBy\":\"alice\"}")).get("id");
        Map<String, Object> run = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> object(service.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));
        String logs = service.get("/api/runs/" + id + "/logs").body();
        // then
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(object(created)).containsEntry("type", "schema-apply");
        assertThat(run).containsEntry("status", "SUCCEEDED");
        assertThat(String.valueOf(run.get("message"))).contains("Schema apply ended SUCCESS");
        assertThat(logs).contains("Applied add-field Hotel.motto");
        assertThat(management.diff("schematgt", "schemasrc")).isEmpty();
    }

    @Test
    void should_refuse_an_unknown_type_or_a_sync_option_on_a_schema_apply_job() {
        // when
        HttpResponse<String> type = service.post("/api/jobs", "{\"name\":\"x\",\"type\":\"deploy\",\"base\":\"schemasrc\",\"target\":\"schematgt\"}");
        HttpResponse<String> option = service.post("/api/jobs", "{\"name\":\"y\",\"type\":\"schema-apply\",\"base\":\"schemasrc\","
                + "\"target\":\"schematgt\",\"options\":{\"full\":true}}");
        // then
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("type", "must be one of sync, schema-apply, migrate");
        assertThat(option.statusCode()).isEqualTo(400);
        assertThat(option.body()).contains("options.full", "allowed options: allowDeletes");
    }
}
