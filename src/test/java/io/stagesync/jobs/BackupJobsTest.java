package io.stagesync.jobs;

import io.stagesync.backup.SnapshotCatalog;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.StageLeases;
import io.stagesync.testing.DevstageExtension;
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

import static io.stagesync.jobs.JobsServiceFixture.list;
import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code backup} and {@code restore} job types and a sync job's {@code mirror} option in the jobs service: created
 * over the REST API, run now or by a schedule, with per-task progress and logs; against devstage and the embedded bucket.
 */
@SuppressWarnings("unchecked")
class BackupJobsTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(3);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static String source;

    @BeforeAll
    static void startService() throws Exception {
        source = devstage.freshEnvironment("bksource", DevstageServer.demoModel(), 8);
        Map<String, String> settings = new HashMap<>(JobsServiceFixture.stages(devstage));
        for (String stage : List.of(source, "bkrestore", "bkmirror", "bkscheduled")) {
            if (!stage.equals(source)) {
                devstage.server().addEnvironment(stage, DevstageServer.demoModel(), 0);
            }
            settings.put("stagesync.stages." + stage + ".content-api", devstage.contentApiUrl(stage));
            settings.put("stagesync.stages." + stage + ".token", devstage.token());
        }
        settings.put("stagesync.backup.data-dir", dir.resolve("backups").toString());
        service = new JobsServiceFixture(dir, settings).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    static Map<String, Object> runToEnd(String job) {
        HttpResponse<String> started = service.post("/api/jobs/" + job + "/runs", "{\"createdBy\":\"alice\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = (String) object(started).get("id");
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> object(service.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));
    }

    static Map<String, Object> task(Map<String, Object> run, String name) {
        return ((List<Map<String, Object>>) run.get("tasks")).stream().filter(t -> name.equals(t.get("name"))).findFirst().orElseThrow();
    }

    SnapshotCatalog catalog() {
        return service.context.getRegistry().lookupByNameAndType("snapshotCatalog", SnapshotCatalog.class);
    }

    @Test
    void should_back_up_a_stage_and_restore_the_snapshot_into_another_through_rest() throws Exception {
        // given
        HttpResponse<String> backupJob = service.post("/api/jobs", "{\"name\":\"backup-source\",\"type\":\"backup\",\"stage\":\""
                + source + "\",\"options\":{\"profile\":\"clean-db\"}}");
        HttpResponse<String> restoreJob = service.post("/api/jobs", "{\"name\":\"restore-clean\",\"type\":\"restore\","
                + "\"target\":\"bkrestore\",\"options\":{\"profile\":\"clean-db\",\"snapshot\":\"latest\"}}");

        // when
        Map<String, Object> backup = runToEnd("backup-source");
        Map<String, Object> restore = runToEnd("restore-clean");

        // then: the backup's snapshot task ran model by model and its log names the snapshot
        assertThat(backupJob.statusCode()).as(backupJob.body()).isEqualTo(201);
        assertThat(object(backupJob)).containsEntry("type", "backup").containsEntry("base", source).containsEntry("target", source);
        assertThat(object(restoreJob)).containsEntry("type", "restore").containsEntry("base", "backup:clean-db");
        assertThat(backup).as("backup run %s", backup).containsEntry("status", "SUCCEEDED");
        assertThat((List<Map<String, Object>>) backup.get("tasks")).extracting(t -> t.get("name")).containsExactly("snapshot");
        assertThat(task(backup, "snapshot")).containsEntry("status", "SUCCEEDED").containsEntry("progress", 100);
        assertThat(((Number) task(backup, "snapshot").get("done")).longValue()).isPositive();
        String snapshot = catalog().list("clean-db").get(0).manifest().snapshot();
        assertThat(service.get("/api/runs/" + backup.get("id") + "/logs").body()).contains("Snapshot clean-db/" + snapshot + " written");
        // and the restore verified the snapshot, then synced it: the target has the source's entries
        assertThat(restore).as("restore run %s", restore).containsEntry("status", "SUCCEEDED");
        assertThat((List<Map<String, Object>>) restore.get("tasks")).extracting(t -> t.get("name"))
                .containsExactly("verify", "assets", "entries", "relations", "publish", "drafts");
        assertThat(task(restore, "verify")).containsEntry("status", "SUCCEEDED");
        assertThat(task(restore, "entries")).containsEntry("status", "SUCCEEDED");
        assertThat(String.valueOf(restore.get("message"))).startsWith("Restore ended SUCCEEDED");
        assertThat(count("bkrestore", "hotels")).isEqualTo(count(source, "hotels")).isPositive();
        assertThat(count("bkrestore", "assets")).isEqualTo(count(source, "assets"));
    }

    @Test
    void should_run_a_nightly_backup_when_its_schedule_fires() {
        // given: a backup job on a schedule of every second
        HttpResponse<String> created = service.post("/api/jobs", "{\"name\":\"nightly-backup\",\"type\":\"backup\",\"stage\":\""
                + "bkscheduled\",\"schedule\":\"0/1 * * * * ?\",\"options\":{\"profile\":\"nightly\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // when
        Map<String, Object> fired = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> list(service.get("/api/runs?job=nightly-backup")).stream()
                        .filter(r -> "SUCCEEDED".equals(r.get("status"))).findFirst().orElse(null), r -> r != null);
        service.delete("/api/jobs/nightly-backup");

        // then
        assertThat(fired).containsEntry("createdBy", "schedule");
        assertThat(catalog().list("nightly")).isNotEmpty();
    }

    @Test
    void should_mirror_with_a_jobs_mirror_option_and_refuse_a_job_on_a_stage_a_mirror_holds() throws Exception {
        // given: a mirror job, run once; then the source loses a hotel
        HttpResponse<String> created = service.post("/api/jobs", "{\"name\":\"mirror-source\",\"base\":\"" + source
                + "\",\"target\":\"bkmirror\",\"options\":{\"mirror\":true}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(runToEnd("mirror-source")).containsEntry("status", "SUCCEEDED");
        long before = count("bkmirror", "hotels");
        String gone = (String) ((List<Map<String, Object>>) ((Map<String, Object>) devstage.client().post(devstage.contentApiUrl(source),
                "{ hotels(stage: DRAFT, first: 1) { id } }").json().get("data")).get("hotels")).get(0).get("id");
        devstage.client().post(devstage.contentApiUrl(source), "mutation { deleteHotel(where: { id: \"" + gone + "\" }) { id } }");

        // when
        Map<String, Object> run = runToEnd("mirror-source");
        HttpResponse<String> refused;
        StageLeases leases = service.context.getRegistry().lookupByNameAndType("stageLeases", StageLeases.class);
        try (StageLeases.Lease cli = leases.hold("bkmirror", "cli-run", "mirror sync from production")) {
            refused = service.post("/api/jobs/mirror-source/runs", "{\"createdBy\":\"alice\"}");
        }

        // then: the job's mirror option was its consent: backup first, then the deletion, each its own task
        assertThat(run).as("run %s", run).containsEntry("status", "SUCCEEDED");
        assertThat((List<Map<String, Object>>) run.get("tasks")).extracting(t -> t.get("name"))
                .containsExactly("assets", "entries", "relations", "publish", "drafts", "snapshot", "mirror");
        assertThat(task(run, "snapshot")).containsEntry("status", "SUCCEEDED");
        assertThat(task(run, "mirror")).containsEntry("status", "SUCCEEDED").containsEntry("done", 1);
        assertThat(count("bkmirror", "hotels")).isEqualTo(before - 1);
        assertThat(catalog().list("pre-mirror-bkmirror")).hasSize(1);
        assertThat(service.get("/api/runs/" + run.get("id") + "/logs").body()).contains("Hotel: 1 to delete");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("stage 'bkmirror' is busy: mirror sync from production (cli-run)");
    }

    @Test
    void should_skip_the_tasks_of_a_restore_run_that_fails_before_its_verify() {
        // given: a restore of a profile that has no snapshot
        HttpResponse<String> created = service.post("/api/jobs", "{\"name\":\"restore-nothing\",\"type\":\"restore\","
                + "\"target\":\"bkrestore\",\"options\":{\"profile\":\"never-backed-up\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // when
        Map<String, Object> run = runToEnd("restore-nothing");

        // then: the run failed naming the profile, and no task is left PENDING
        assertThat(run).as("run %s", run).containsEntry("status", "FAILED");
        assertThat(String.valueOf(run.get("message"))).contains("never-backed-up");
        assertThat(task(run, "verify")).containsEntry("status", "SKIPPED");
        assertThat((List<Map<String, Object>>) run.get("tasks")).extracting(t -> t.get("status")).doesNotContain("PENDING");
    }

    @Test
    void should_refuse_backup_and_restore_jobs_with_bad_fields_naming_the_field() {
        // when
        HttpResponse<String> noProfile = service.post("/api/jobs", "{\"name\":\"b1\",\"type\":\"backup\",\"stage\":\"" + source + "\"}");
        HttpResponse<String> badProfile = service.post("/api/jobs", "{\"name\":\"b2\",\"type\":\"backup\",\"stage\":\"" + source
                + "\",\"options\":{\"profile\":\"a b\"}}");
        HttpResponse<String> protectedTarget = service.post("/api/jobs", "{\"name\":\"r1\",\"type\":\"restore\",\"target\":\"production\","
                + "\"options\":{\"profile\":\"clean-db\"}}");
        HttpResponse<String> badSnapshot = service.post("/api/jobs", "{\"name\":\"r2\",\"type\":\"restore\",\"target\":\"bkrestore\","
                + "\"options\":{\"profile\":\"clean-db\",\"snapshot\":\"yesterday\"}}");
        HttpResponse<String> badMirror = service.post("/api/jobs", "{\"name\":\"s1\",\"base\":\"" + source + "\",\"target\":\"bkrestore\","
                + "\"options\":{\"mirror\":\"always\"}}");
        HttpResponse<String> protectedBackup = service.post("/api/jobs", "{\"name\":\"b3\",\"type\":\"backup\",\"stage\":\"production\","
                + "\"options\":{\"profile\":\"prod\"}}");

        // then
        assertThat(noProfile.statusCode()).isEqualTo(400);
        assertThat(noProfile.body()).contains("options", "needs options such as");
        assertThat(badProfile.statusCode()).isEqualTo(400);
        assertThat(badProfile.body()).contains("options.profile", "must be 1-100 letters");
        assertThat(protectedTarget.statusCode()).isEqualTo(409);
        assertThat(protectedTarget.body()).contains("protected stage and is never a restore target");
        assertThat(badSnapshot.statusCode()).isEqualTo(400);
        assertThat(badSnapshot.body()).contains("options.snapshot", "latest, baseline or a snapshot time");
        assertThat(badMirror.statusCode()).isEqualTo(400);
        assertThat(badMirror.body()).contains("options.mirror", "must be true or false");
        assertThat(protectedBackup.statusCode()).as("a protected stage may be backed up").isEqualTo(201);
    }

    private static long count(String env, String listField) throws Exception {
        return ((List<?>) ((Map<String, Object>) devstage.client().post(devstage.contentApiUrl(env),
                "{ " + listField + "(stage: DRAFT, first: 100) { id } }").json().get("data")).get(listField)).size();
    }
}
