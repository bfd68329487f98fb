package io.stagesync.jobs;

import io.stagesync.sync.SyncProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records a running sync's progress in the run's tasks, its log lines and counters, and tells live followers.
 * The sync reports per-model phases ({@code entries:Hotel}); each belongs to the task before the colon, whose
 * progress is the mean of its models' progress, and a task is finished when a later task starts or the run ends.
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
    private final Map<String, Map<String, long[]>> parts = new LinkedHashMap<>();
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
        String task = taskOf(phase);
        if (task == null) {
            return;
        }
        List<String> order = List.copyOf(tasks.keySet());
        for (String earlier : order.subList(0, order.indexOf(task))) {
            if (JobRun.RUNNING.equals(tasks.get(earlier).status())) {
                close(earlier, JobRun.SUCCEEDED);
            }
        }
        RunTask t = tasks.get(task);
        if (!JobRun.RUNNING.equals(t.status())) {
            parts.put(task, new LinkedHashMap<>());
            tasks.put(task, new RunTask(task, JobRun.RUNNING, 0, 0, -1, t.logCount(), clock.instant(), null));
        }
        parts.get(task).put(phase, new long[]{0, total, 0});
        log("INFO", task, phase + " started" + (total >= 0 ? " (" + total + " items)" : ""));
        update(task, true);
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        long[] part = part(phase);
        if (part != null) {
            part[0] = done;
            part[1] = total;
            update(taskOf(phase), false);
        }
    }

    @Override
    public synchronized void phaseFinished(String phase) {
        long[] part = part(phase);
        if (part != null) {
            part[2] = 1;
            String task = taskOf(phase);
            log("INFO", task, phase + " finished" + (part[0] > 0 ? " (" + part[0] + " items)" : ""));
            if (phase.equals(task)) {
                close(task, JobRun.SUCCEEDED);
            } else {
                update(task, true);
            }
        }
    }

    @Override
    public synchronized void log(String level, String phase, String message) {
        String lvl = level == null ? "INFO" : level.toUpperCase(Locale.ROOT);
        String task = phase == null ? null : phase.contains(":") ? phase.substring(0, phase.indexOf(':')) : phase;
        LogLine line = new LogLine(++seq, clock.instant(), lvl, task, message == null ? "" : truncate(message));
        errors += "ERROR".equals(lvl) ? 1 : 0;
        warnings += "WARN".equals(lvl) ? 1 : 0;
        logs.append(runId, line);
        runs.updateCounts(runId, seq, errors, warnings);
        RunTask t = task == null ? null : tasks.get(task);
        if (t != null) {
            save(new RunTask(t.name(), t.status(), t.progress(), t.done(), t.total(), t.logCount() + 1, t.startedAt(),
                    t.finishedAt()), false);
        }
        log.debug("Run log runId={} level={} task={} message={}", runId, lvl, task, line.message());
        broadcaster.line(runId, line);
    }

    @Override
    public boolean cancelled() {
        return cancelRequested;
    }

    public void requestCancel() {
        cancelRequested = true;
    }

    /**
     * Closes the tasks when the run ends: started ones end with the run; unstarted ones are SKIPPED, unless the run is
     * INTERRUPTED (its resume runs them).
     */
    public synchronized void finish(String status) {
        boolean completed = JobRun.SUCCEEDED.equals(status) || JobRun.PARTIAL.equals(status);
        for (RunTask t : List.copyOf(tasks.values())) {
            if ("PENDING".equals(t.status()) && !JobRun.INTERRUPTED.equals(status)) {
                save(new RunTask(t.name(), "SKIPPED", 0, 0, -1, t.logCount(), null, null), true);
            } else if (JobRun.RUNNING.equals(t.status())) {
                close(t.name(), completed ? JobRun.SUCCEEDED : status);
            } else {
                save(t, true);
            }
        }
    }

    private void close(String task, String status) {
        update(task, true);
        RunTask t = tasks.get(task);
        boolean done = JobRun.SUCCEEDED.equals(status);
        save(new RunTask(task, status, done ? 100 : t.progress(), t.done(), t.total(), t.logCount(), t.startedAt(),
                clock.instant()), true);
    }

    private void update(String task, boolean force) {
        Map<String, long[]> models = parts.getOrDefault(task, Map.of());
        double sum = 0;
        long done = 0;
        long total = 0;
        for (long[] p : models.values()) {
            sum += p[2] == 1 ? 1 : p[1] > 0 ? Math.min(1, (double) p[0] / p[1]) : 0;
            done += p[0];
            total += Math.max(0, p[1]);
        }
        int percent = models.isEmpty() ? 0 : (int) Math.min(99, Math.floor(100 * sum / models.size()));
        RunTask t = tasks.get(task);
        save(new RunTask(task, t.status(), percent, done, total, t.logCount(), t.startedAt(), t.finishedAt()), force);
    }

    private long[] part(String phase) {
        String task = taskOf(phase);
        return task == null || !parts.containsKey(task) ? null : parts.get(task).get(phase);
    }

    private String taskOf(String phase) {
        String task = phase == null ? null : phase.contains(":") ? phase.substring(0, phase.indexOf(':')) : phase;
        return task != null && tasks.containsKey(task) ? task : null;
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
