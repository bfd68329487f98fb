package io.stagesync.jobs;

import io.stagesync.sync.SyncProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a running sync's progress in the run's tasks, its log lines and counters, and tells live followers.
 */
public final class RunProgressRecorder implements SyncProgress {

    private static final Logger log = LoggerFactory.getLogger(RunProgressRecorder.class);
    private static final long SAVE_EVERY_MS = 250;

    private final String runId;
    private final RunRepository runs;
    private final RunLogRepository logs;
    private final RunLogBroadcaster broadcaster;
    private final Clock clock;
    private final Map<String, RunTask> tasks = new LinkedHashMap<>();
    private final Map<String, Long> savedAt = new LinkedHashMap<>();
    private int seq;
    private int errors;
    private int warnings;
    private volatile boolean cancelRequested;

    public RunProgressRecorder(JobRun run, RunRepository runs, RunLogRepository logs, RunLogBroadcaster broadcaster, Clock clock) {
        this.runId = run.id();
        this.runs = runs;
        this.logs = logs;
        this.broadcaster = broadcaster;
        this.clock = clock;
        run.tasks().forEach(t -> tasks.put(t.name(), t));
        this.seq = logs.lastSeq(runId);
        this.errors = run.errorCount();
        this.warnings = run.warningCount();
    }

    @Override
    public synchronized void phaseStarted(String phase, long total) {
        RunTask t = task(phase);
        if (t != null) {
            save(new RunTask(phase, JobRun.RUNNING, 0, 0, total, t.logCount(), clock.instant(), null), true);
        }
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        RunTask t = task(phase);
        if (t != null) {
            int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : t.progress();
            save(new RunTask(phase, JobRun.RUNNING, percent, done, total, t.logCount(), t.startedAt(), null),
                    total > 0 && done >= total);
        }
    }

    @Override
    public synchronized void phaseFinished(String phase) {
        RunTask t = task(phase);
        if (t != null) {
            long total = Math.max(t.total(), t.done());
            save(new RunTask(phase, JobRun.SUCCEEDED, 100, total, total, t.logCount(), t.startedAt(), clock.instant()), true);
        }
    }

    @Override
    public synchronized void log(String level, String phase, String message) {
        String lvl = level == null ? "INFO" : level.toUpperCase(java.util.Locale.ROOT);
        LogLine line = new LogLine(++seq, clock.instant(), lvl, phase, message == null ? "" : truncate(message));
        errors += "ERROR".equals(lvl) ? 1 : 0;
        warnings += "WARN".equals(lvl) ? 1 : 0;
        logs.append(runId, line);
        runs.updateCounts(runId, seq, errors, warnings);
        RunTask t = phase == null ? null : tasks.get(phase);
        if (t != null) {
            save(new RunTask(t.name(), t.status(), t.progress(), t.done(), t.total(), t.logCount() + 1, t.startedAt(),
                    t.finishedAt()), false);
        }
        log.debug("Run log runId={} level={} task={} message={}", runId, lvl, phase, line.message());
        broadcaster.line(runId, line);
    }

    @Override
    public boolean cancelled() {
        return cancelRequested;
    }

    public void requestCancel() {
        cancelRequested = true;
    }

    /** Closes the tasks when the run ends: unstarted ones are SKIPPED, unfinished ones take the run's status. */
    public synchronized void finish(String status) {
        Instant now = clock.instant();
        for (RunTask t : tasks.values().stream().toList()) {
            if ("PENDING".equals(t.status())) {
                save(new RunTask(t.name(), JobRun.SUCCEEDED.equals(status) ? "SKIPPED" : "PENDING", t.progress(), t.done(),
                        t.total(), t.logCount(), t.startedAt(), null), true);
            } else if (JobRun.RUNNING.equals(t.status())) {
                save(new RunTask(t.name(), status, t.progress(), t.done(), t.total(), t.logCount(), t.startedAt(), now), true);
            } else {
                save(t, true);
            }
        }
    }

    private RunTask task(String phase) {
        RunTask t = phase == null ? null : tasks.get(phase);
        if (t == null) {
            log.debug("Progress for an unknown task ignored runId={} task={}", runId, phase);
        }
        return t;
    }

    private void save(RunTask task, boolean force) {
        tasks.put(task.name(), task);
        long now = clock.millis();
        if (force || now - savedAt.getOrDefault(task.name(), 0L) >= SAVE_EVERY_MS) {
            runs.updateTask(runId, task);
            savedAt.put(task.name(), now);
        }
    }

    private static String truncate(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }
}
