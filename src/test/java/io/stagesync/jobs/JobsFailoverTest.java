package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.list;
import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code serve} instances, each in its own JVM, on one PostgreSQL state store, one cluster-service folder and
 * one inbox: only the leader fires schedules, reads the inbox and runs runs (also those asked of, or cancelled on,
 * the follower), and when the leader is killed (kill -9) during a run, the follower takes over within the documented
 * bound and resumes the run, under the same id, to SUCCEEDED with the target equal to the source; a paused job stays
 * paused across the failover and fires on the new leader once resumed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsFailoverTest {

    /** The failover bound documented in docs/reliability.md. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(30);
    @TempDir
    static Path dir;
    static String stateUrl;
    static JobsServiceFixture first;
    static JobsServiceFixture second;
    static final List<Process> children = new ArrayList<>();
    static JobsServiceFixture leader;
    static JobsServiceFixture follower;
    static String leaderInstance;
    static String followerInstance;
    static Process leaderProcess;
    static Map<String, String> targets = new HashMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        stateUrl = PostgresServer.get().createDatabase("failover");
        Map<String, String> settings = new HashMap<>();
        settings.put("stagesync.stages.production.content-api", devstage.contentApiUrl("production"));
        settings.put("stagesync.stages.production.token", devstage.token());
        settings.put("stagesync.stages.production.protected", "true");
        for (String use : List.of("cron", "drop", "kill")) {
            String env = devstage.freshEnvironment("ha" + use);
            targets.put(use, env);
            settings.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            settings.put("stagesync.stages." + env + ".token", devstage.token());
        }
        settings.put("stagesync.state.url", stateUrl);
        settings.put("stagesync.state.user", PostgresServer.USER);
        settings.put("stagesync.cluster.file.root", dir.resolve("cluster").toString());
        settings.put("stagesync.jobs.inbox", dir.resolve("inbox").toString());
        first = new JobsServiceFixture(Files.createDirectories(dir.resolve("first")), settings);
        second = new JobsServiceFixture(Files.createDirectories(dir.resolve("second")), settings);
        Process firstProcess = first.startChild("first");
        Process secondProcess = second.startChild("second");
        children.add(firstProcess);
        children.add(secondProcess);
        for (JobsServiceFixture instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> instance.get("/api/cluster").statusCode() == 200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> leading(first) || leading(second));
        leader = leading(first) ? first : second;
        follower = leader == first ? second : first;
        leaderProcess = leader == first ? firstProcess : secondProcess;
        leaderInstance = (String) object(leader.get("/api/cluster")).get("instance");
        followerInstance = (String) object(follower.get("/api/cluster")).get("instance");
    }

    @AfterAll
    static void stopInstances() {
        children.forEach(Process::destroyForcibly);
        devstage.faults(targets.get("kill")).reset();
        devstage.faults(targets.get("drop")).reset();
    }

    static boolean leading(JobsServiceFixture instance) {
        return Boolean.TRUE.equals(object(instance.get("/api/cluster")).get("leader"));
    }

    @Test
    @Order(1)
    void should_fire_a_short_cron_on_the_leader_only_once_per_instant_and_not_while_paused() throws Exception {
        // given
        assertThat(leading(follower)).isFalse();
        // a follower is healthy (ready for the API) although its schedule and inbox routes do not run
        await().atMost(Duration.ofSeconds(30)).until(() -> follower.get("/observe/health").statusCode() == 200);
        assertThat(follower.post("/api/jobs", "{\"name\":\"ha-cron\",\"base\":\"production\",\"target\":\"" + targets.get("cron")
                + "\",\"schedule\":\"0/2 * * * * ?\",\"options\":{\"models\":\"Destination\"}}").statusCode()).isEqualTo(201);

        // when
        long started = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> fires("ha-cron").size() >= 3);
        var paused = follower.post("/api/jobs/ha-cron/pause", "");
        long window = System.currentTimeMillis() - started;
        int firesWhenPaused = fires("ha-cron").size();
        await().atMost(Duration.ofSeconds(30)).until(() -> list(follower.get("/api/runs?job=ha-cron")).stream()
                .noneMatch(r -> JobRun.ACTIVE.contains(r.get("status"))));
        Thread.sleep(4500);

        // then
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(object(paused)).containsEntry("paused", true);
        List<String[]> fires = fires("ha-cron");
        assertThat(fires).hasSize(firesWhenPaused);
        // a cron every 2 s fires at most window/2 + 1 times; two firing instances would give twice as many
        assertThat((long) fires.size()).isLessThanOrEqualTo(window / 2000 + 2);
        assertThat(fires).allSatisfy(f -> assertThat(f[1]).isEqualTo(leaderInstance));
        List<Map<String, Object>> runs = list(follower.get("/api/runs?job=ha-cron"));
        assertThat(runs).hasSize((int) fires.stream().filter(f -> f[2] != null).count());
        assertThat(runs).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("createdBy", "schedule").containsEntry("status", "SUCCEEDED"));
        assertThat(Files.readString(dir.resolve(leader == first ? "second/second.log" : "first/first.log")))
                .doesNotContain("Scheduled run queued");
    }

    @Test
    @Order(2)
    void should_run_a_dropped_job_file_once() throws Exception {
        // given
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path temporary = inbox.resolve(".ha-drop.json");
        Files.writeString(temporary, "{\"name\":\"ha-drop\",\"base\":\"production\",\"target\":\"" + targets.get("drop")
                + "\",\"options\":{\"models\":\"Destination\"}}");

        // when
        Files.move(temporary, inbox.resolve("ha-drop.json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> list(follower.get("/api/runs?job=ha-drop")).stream()
                .anyMatch(r -> "SUCCEEDED".equals(r.get("status"))));
        Thread.sleep(2000);

        // then
        assertThat(list(follower.get("/api/runs?job=ha-drop"))).hasSize(1);
        assertThat(inbox.resolve("done/ha-drop.json")).exists();
        assertThat(inbox.resolve("ha-drop.json")).doesNotExist();
    }

    @Test
    @Order(3)
    void should_run_a_run_requested_on_the_follower_on_the_leader() {
        // when
        String id = (String) object(follower.post("/api/jobs/ha-drop/runs", "{\"createdBy\":\"ops\"}")).get("id");
        Map<String, Object> ended = await().atMost(Duration.ofSeconds(60))
                .until(() -> object(follower.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));

        // then
        assertThat(ended).containsEntry("status", "SUCCEEDED").containsEntry("ranBy", leaderInstance).containsEntry("createdBy", "ops");
    }

    @Test
    @Order(4)
    void should_cancel_through_the_follower_a_run_the_leader_runs() {
        // given
        String target = targets.get("drop");
        devstage.faults(target).latencyMs(300);
        String id = (String) object(follower.post("/api/jobs/ha-drop/runs", "{\"createdBy\":\"ops\"}")).get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(object(follower.get("/api/runs/" + id)).get("status")));

        // when
        var cancel = follower.post("/api/runs/" + id + "/cancel", "");
        Map<String, Object> ended = await().atMost(Duration.ofSeconds(60))
                .until(() -> object(follower.get("/api/runs/" + id)), r -> !JobRun.ACTIVE.contains(r.get("status")));
        devstage.faults(target).reset();

        // then
        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(ended).containsEntry("status", "CANCELLED").containsEntry("ranBy", leaderInstance);
    }

    @Test
    @Order(5)
    void should_resume_the_run_of_a_killed_leader_on_the_follower_without_duplicates() throws Exception {
        // given
        String target = targets.get("kill");
        devstage.faults(target).latencyMs(150);
        follower.post("/api/jobs", "{\"name\":\"ha-kill\",\"base\":\"production\",\"target\":\"" + target + "\"}");
        String id = (String) object(follower.post("/api/jobs/ha-kill/runs", "{\"createdBy\":\"ops\"}")).get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> ServeRestartTest.entriesDone(object(follower.get("/api/runs/" + id))) > 0);
        Map<String, Object> running = object(follower.get("/api/runs/" + id));
        assertThat(running).containsEntry("status", "RUNNING").containsEntry("ranBy", leaderInstance);
        // the follower streams the leader's log lines live, from the shared store
        int storedWhenOpened = ((Number) running.get("logCount")).intValue();
        List<String> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
        follower.client().sendAsync(follower.request("/api/runs/" + id + "/logs").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(streamed::add));
        await().atMost(Duration.ofSeconds(60)).until(() -> streamed.stream().filter(l -> l.startsWith("id: "))
                .anyMatch(l -> Integer.parseInt(l.substring(4).trim()) > storedWhenOpened + 1));

        // when
        leaderProcess.destroyForcibly().waitFor();
        long killedAt = System.currentTimeMillis();
        await().atMost(FAILOVER_BOUND.plusSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> leading(follower));
        long failoverMs = System.currentTimeMillis() - killedAt;
        devstage.faults(target).reset();
        Map<String, Object> ended = await().atMost(Duration.ofSeconds(90))
                .until(() -> object(follower.get("/api/runs/" + id)), r -> "SUCCEEDED".equals(r.get("status"))
                        || (!JobRun.ACTIVE.contains(r.get("status")) && !"INTERRUPTED".equals(r.get("status"))));
        System.out.println("Failover after kill -9: new leader in " + failoverMs + " ms; run " + id + " ended " + ended.get("status"));

        // then
        assertThat(Duration.ofMillis(failoverMs)).isLessThanOrEqualTo(FAILOVER_BOUND);
        assertThat(ended).containsEntry("id", id).containsEntry("status", "SUCCEEDED").containsEntry("ranBy", followerInstance);
        assertThat(((Number) ended.get("resumed")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(list(follower.get("/api/runs?job=ha-kill"))).hasSize(1);
        assertThat(follower.get("/observe/metrics").body()).contains("stagesync_leader{instance=\"" + followerInstance + "\"} 1.0")
                .contains("stagesync_job_run_duration_seconds_count{status=\"SUCCEEDED\"}");
        for (String model : List.of("hotels", "destinations", "reviews")) {
            assertThat(StageContent.count(devstage, target, model)).as(model).isEqualTo(StageContent.count(devstage, "production", model));
        }
    }

    @Test
    @Order(6)
    void should_keep_a_pause_across_the_failover_and_fire_on_the_new_leader_once_resumed() throws Exception {
        // given: ha-cron was paused before the old leader was killed
        int firesBefore = fires("ha-cron").size();
        Map<String, Object> listed = list(follower.get("/api/jobs")).stream().filter(j -> "ha-cron".equals(j.get("name"))).findFirst().orElseThrow();
        Thread.sleep(2500);
        int firesWhilePaused = fires("ha-cron").size();

        // when
        var resumed = follower.post("/api/jobs/ha-cron/resume", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> fires("ha-cron").size() > firesWhilePaused);
        follower.post("/api/jobs/ha-cron/pause", "");

        // then
        assertThat(listed).containsEntry("paused", true);
        assertThat(firesWhilePaused).isEqualTo(firesBefore);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(fires("ha-cron").subList(firesBefore, fires("ha-cron").size()))
                .allSatisfy(f -> assertThat(f[1]).isEqualTo(followerInstance));
    }

    /** The recorded firings of a job's schedule: fire time, instance, run id (oldest first). */
    static List<String[]> fires(String job) throws Exception {
        List<String[]> fires = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stateUrl, PostgresServer.USER, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT fire_time, fired_by, run_id FROM job_schedule_fires WHERE job_name = '" + job
                     + "' ORDER BY fire_time")) {
            while (rs.next()) {
                fires.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return fires;
    }
}
