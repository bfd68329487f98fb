package io.stagesync.jobs;

import io.stagesync.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the sync's per-model phases become task progress, log lines and counters in the state store. */
class RunProgressRecorderTest {

    private final StateStore store = new StateStore("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final RunRepository runs = new RunRepository(store.dataSource());
    private final RunLogRepository logs = new RunLogRepository(store.dataSource());
    private final RunLogBroadcaster broadcaster = new RunLogBroadcaster();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_average_model_progress_per_task_and_finish_a_task_when_the_next_one_starts() {
        // given
        JobRun run = newRun();
        RunProgressRecorder recorder = new RunProgressRecorder(run, runs, logs, broadcaster, Clock.systemUTC());

        // when
        recorder.phaseStarted("entries:Hotel", -1);
        recorder.progress("entries:Hotel", 50, 100);
        recorder.phaseStarted("entries:Review", -1);
        recorder.progress("entries:Review", 0, 300);
        RunTask halfway = task(run.id(), "entries");
        recorder.phaseFinished("entries:Hotel");
        recorder.phaseFinished("entries:Review");
        RunTask modelsDone = task(run.id(), "entries");
        recorder.phaseStarted("relations:Hotel", 10);
        RunTask afterNextTask = task(run.id(), "entries");
        recorder.finish(JobRun.SUCCEEDED);

        // then
        assertThat(halfway.progress()).isEqualTo(25);
        assertThat(halfway.status()).isEqualTo("RUNNING");
        assertThat(modelsDone.progress()).isEqualTo(99);
        assertThat(afterNextTask.status()).isEqualTo("SUCCEEDED");
        assertThat(afterNextTask.progress()).isEqualTo(100);
        assertThat(task(run.id(), "relations").status()).isEqualTo("SUCCEEDED");
        assertThat(task(run.id(), "assets").status()).isEqualTo("SKIPPED");
    }

    @Test
    void should_skip_the_unstarted_tasks_of_a_failed_run_and_keep_those_of_an_interrupted_one_pending() {
        // given
        JobRun failed = newRun();
        JobRun interrupted = newRun();

        // when: one fails before its first task, the other is interrupted in its second
        new RunProgressRecorder(failed, runs, logs, broadcaster, Clock.systemUTC()).finish(JobRun.FAILED);
        RunProgressRecorder stopped = new RunProgressRecorder(interrupted, runs, logs, broadcaster, Clock.systemUTC());
        stopped.phaseStarted("entries:Hotel", 10);
        stopped.finish(JobRun.INTERRUPTED);

        // then
        assertThat(runs.find(failed.id()).orElseThrow().tasks()).extracting(RunTask::status).containsOnly("SKIPPED");
        assertThat(task(interrupted.id(), "entries").status()).isEqualTo(JobRun.INTERRUPTED);
        assertThat(task(interrupted.id(), "relations").status()).isEqualTo("PENDING");
    }

    @Test
    void should_store_count_and_broadcast_log_lines() {
        // given
        JobRun run = newRun();
        RunProgressRecorder recorder = new RunProgressRecorder(run, runs, logs, broadcaster, Clock.systemUTC());
        List<LogLine> heard = new ArrayList<>();
        broadcaster.subscribe(run.id(), new RunLogBroadcaster.Listener() {
            public void line(LogLine line) {
                heard.add(line);
            }

            public void end(String status) {
            }
        });

        // when
        recorder.log("INFO", "entries:Hotel", "page 1");
        recorder.log("WARN", "entries", "failed model=Hotel sourceId=h1 reason=bad");
        recorder.log("ERROR", null, "Sync error: boom");

        // then
        JobRun stored = runs.find(run.id()).orElseThrow();
        assertThat(stored.logCount()).isEqualTo(3);
        assertThat(stored.warningCount()).isEqualTo(1);
        assertThat(stored.errorCount()).isEqualTo(1);
        assertThat(logs.after(run.id(), 0, 10)).extracting(LogLine::task).containsExactly("entries", "entries", null);
        assertThat(heard).extracting(LogLine::seq).containsExactly(1, 2, 3);
    }

    private JobRun newRun() {
        JobRun run = new JobRun(UUID.randomUUID().toString(), "job", "production", "staging", null, JobRun.RUNNING, "test",
                java.time.Instant.now(), null, null, null, 0, 0, 0, 0, null, 0,
                RunCoordinator.TASKS.stream().map(t -> new RunTask(t, "PENDING", 0, 0, -1, 0, null, null)).toList());
        runs.insert(run);
        return run;
    }

    private RunTask task(String runId, String name) {
        return runs.find(runId).orElseThrow().tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
