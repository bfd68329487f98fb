package io.stagesync.state;

import io.stagesync.jobs.JobDefinition;
import io.stagesync.jobs.JobRepository;
import io.stagesync.jobs.JobRun;
import io.stagesync.jobs.LogLine;
import io.stagesync.jobs.RunLogRepository;
import io.stagesync.jobs.RunRepository;
import io.stagesync.jobs.RunTask;
import io.stagesync.state.CheckpointStore;
import io.stagesync.state.SyncCheckpoint;
import io.stagesync.testing.PostgresServer;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every part of the state store (id map, checkpoints and sync runs, the idempotent repository, job definitions,
 * job runs and their logs, schedule firings) on both databases it supports: embedded H2 and PostgreSQL (a private
 * cluster the test starts from Debian's package, see {@link PostgresServer}).
 */
class StateStoreContractTest {

    private StateStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private StateStore open(String database) {
        String url = "H2".equals(database) ? "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                : PostgresServer.get().createDatabase("contract");
        store = new StateStore(url, "H2".equals(database) ? "sa" : PostgresServer.USER, "", 8);
        return store;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_keep_and_replace_id_mappings(String database) throws Exception {
        // given
        IdMapRepository idMap = new IdMapRepository(open(database).dataSource());
        idMap.saveAll("production", "staging", List.of(new IdMapRepository.Mapping("Hotel", "s1", "t1", "h1"),
                new IdMapRepository.Mapping("Hotel", "s2", "t2", "h2")));

        // when
        idMap.save("production", "staging", new IdMapRepository.Mapping("Hotel", "s1", "t1", "h1b"));
        idMap.delete("production", "staging", "Hotel", "s2");

        // then
        try (var c = store.dataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(database);
        }
        assertThat(idMap.findModel("production", "staging", "Hotel")).containsOnlyKeys("s1");
        assertThat(idMap.find("production", "staging", "Hotel", "s1")).get().extracting(IdMapRepository.Mapping::contentHash).isEqualTo("h1b");
        assertThat(idMap.find("production", "other", "Hotel", "s1")).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_keep_and_replace_the_schema_base_of_a_pair(String database) {
        // given
        SchemaBaseStore bases = new SchemaBaseStore(open(database).dataSource());
        String large = "{\"models\":\"" + "x".repeat(200_000) + "\"}";
        bases.save("production", "staging", "{\"v\":1}", "{\"v\":2}");

        // when
        bases.save("production", "staging", large, "{\"v\":3}");

        // then
        assertThat(bases.load("production", "staging")).get().satisfies(b -> {
            assertThat(b.sourceSchema()).isEqualTo(large);
            assertThat(b.targetSchema()).isEqualTo("{\"v\":3}");
        });
        assertThat(bases.load("staging", "production")).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_keep_checkpoints_watermarks_and_the_run_to_resume(String database) {
        // given
        CheckpointStore checkpoints = new CheckpointStore(open(database).dataSource());
        SyncCheckpoint first = SyncCheckpoint.start("production", "staging", "entries", "Hotel", null).next("c1", "2026-01-01T00:00:00Z", 0, false);

        // when
        checkpoints.runStarted("run-1", "production", "staging");
        checkpoints.save("run-1", first);
        checkpoints.save("run-1", first.next("c2", null, 1, false));
        checkpoints.saveWatermark("production", "staging", "Hotel", "2026-01-01T00:00:00Z");
        checkpoints.recordFailure("run-1", "Hotel", "s9", "bad value");

        // then
        assertThat(checkpoints.load("run-1", "entries").get("Hotel")).extracting(SyncCheckpoint::cursor, SyncCheckpoint::pages)
                .containsExactly("c2", 2L);
        assertThat(checkpoints.resumableRun("production", "staging", "run-2")).contains("run-1");
        checkpoints.runFinished("run-1", "SUCCEEDED");
        assertThat(checkpoints.resumableRun("production", "staging", "run-2")).isEmpty();
        assertThat(checkpoints.watermark("production", "staging", "Hotel")).contains("2026-01-01T00:00:00Z");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_remember_processed_messages_in_the_idempotent_repository(String database) throws Exception {
        // given
        JdbcMessageIdRepository repo = new JdbcMessageIdRepository(open(database).dataSource(), "sync-assets");
        repo.setCreateTableIfNotExists(false);
        ServiceHelper.startService(repo);

        // when
        boolean first = repo.add("production|staging|asset-1|hash");
        boolean again = repo.add("production|staging|asset-1|hash");

        // then
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(repo.contains("production|staging|asset-1|hash")).isTrue();
        assertThat(repo.contains("production|staging|asset-2|hash")).isFalse();
        ServiceHelper.stopService(repo);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_keep_jobs_paused_across_a_replace_and_fire_each_instant_once(String database) {
        // given
        JobRepository jobs = new JobRepository(open(database).dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JobDefinition nightly = new JobDefinition("nightly", "production", "staging", "daily", Map.of("full", true), "api", "ops", now);
        jobs.save(nightly);

        // when
        jobs.setPaused("nightly", true);
        jobs.save(nightly);
        boolean firstFire = jobs.recordFire("nightly", now, "instance-a", now);
        boolean secondFire = jobs.recordFire("nightly", now, "instance-b", now);
        boolean nextInstant = jobs.recordFire("nightly", now.plusSeconds(1), "instance-b", now);

        // then
        assertThat(jobs.find("nightly")).get().extracting(JobDefinition::options).isEqualTo(Map.of("full", true));
        assertThat(jobs.pausedJobs()).containsExactly("nightly");
        assertThat(firstFire).isTrue();
        assertThat(secondFire).isFalse();
        assertThat(nextInstant).isTrue();
        jobs.setPaused("nightly", false);
        assertThat(jobs.pausedJobs()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_let_one_of_many_instances_claim_a_queued_run(String database) throws Exception {
        // given
        RunRepository runs = new RunRepository(open(database).dataSource());
        runs.insert(queued("run-1"));
        ExecutorService pool = Executors.newFixedThreadPool(8);

        // when
        List<Future<Boolean>> claims = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> runs.claim("run-1", "instance-" + i, Instant.now()))).toList();
        long won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();

        // then
        assertThat(won).isEqualTo(1);
        assertThat(runs.find("run-1")).get().extracting(JobRun::status).isEqualTo(JobRun.RUNNING);
        assertThat(runs.details("run-1").get("owner")).startsWith("instance-");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_interrupt_the_runs_of_a_lost_instance_and_hand_them_to_the_leader(String database) {
        // given
        RunRepository runs = new RunRepository(open(database).dataSource());
        RunLogRepository logs = new RunLogRepository(store.dataSource());
        runs.insert(queued("lost-run"));
        runs.insert(queued("own-run"));
        runs.claim("lost-run", "instance-b", Instant.now());
        runs.claim("own-run", "instance-b", Instant.now());
        logs.append("lost-run", new LogLine(1, Instant.now(), "INFO", "entries", "Run started"));

        // when: instance-b (restarted under the same name) leads again and runs own-run only
        int orphans = runs.interruptOrphans("instance lost", "own-run", true);
        List<String> pending = runs.findResumePending().stream().map(JobRun::id).toList();
        runs.requeue("lost-run", "Resumed by the new leader");
        runs.requestCancel("own-run");

        // then
        assertThat(orphans).isEqualTo(1);
        assertThat(pending).containsExactly("lost-run");
        JobRun resumed = runs.find("lost-run").orElseThrow();
        assertThat(resumed.status()).isEqualTo(JobRun.QUEUED);
        assertThat(resumed.segment()).isEqualTo(1);
        assertThat(runs.findResumePending()).isEmpty();
        assertThat(runs.find("own-run")).get().extracting(JobRun::status).isEqualTo(JobRun.RUNNING);
        assertThat(runs.cancelRequested("own-run")).isTrue();
        assertThat(runs.interruptOwned("stopping", "instance-b", false)).isEqualTo(1);
        assertThat(logs.after("lost-run", 0, 10)).extracting(LogLine::message).containsExactly("Run started");
    }

    private static JobRun queued(String id) {
        List<RunTask> tasks = List.of(new RunTask("entries", "PENDING", 0, 0, -1, 0, null, null));
        return new JobRun(id, "refresh", "production", "staging", Map.of(), JobRun.QUEUED, "test", Instant.now(), null, null,
                null, 0, 0, 0, 0, null, 0, tasks);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void should_keep_migration_runs_before_images_and_the_versions_applied_per_entry(String database) {
        // given
        MigrationRecords records = new MigrationRecords(open(database).dataSource());
        records.runStarted(new MigrationRecords.Run("m-1", "staging", "Hotel", null, null, "RUNNING", null));
        records.savePending("m-1", "staging", "Hotel", List.of(new MigrationRecords.Entry("h1", "PENDING", "1.1.0", "{\"draft\":{}}",
                "before", "after", null), new MigrationRecords.Entry("h2", "PENDING", "1.1.0", "{}", "b2", "a2", null)));

        // when
        records.recordApplied("m-1", "staging", "Hotel", java.util.Map.of("h1",
                List.of(new MigrationRecords.Applied("1.1.0", "V1.1.0__fill_stars", "hash", true))));
        records.markFailed("m-1", "h2", "refused");
        records.saveCursor("m-1", "c5");

        // then
        assertThat(records.applied("staging", "Hotel", List.of("h1", "h2"))).isEqualTo(java.util.Map.of("h1", java.util.Set.of("1.1.0")));
        assertThat(records.appliedEntries("m-1")).extracting(MigrationRecords.Entry::entryId, MigrationRecords.Entry::beforeImage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("h1", "{\"draft\":{}}"));
        assertThat(records.resumable("staging", "Hotel", "m-2")).get().extracting(MigrationRecords.Run::cursor).isEqualTo("c5");
        records.rolledBack("m-1", "staging", "Hotel", List.of("h1"));
        records.runFinished("m-1", "ROLLED_BACK");
        assertThat(records.applied("staging", "Hotel", List.of("h1"))).isEmpty();
        assertThat(records.resumable("staging", "Hotel", "m-2")).isEmpty();
    }
}
