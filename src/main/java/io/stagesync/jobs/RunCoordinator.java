package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Queues job runs and runs them one at a time: refuses a second request for a stage pair that is already queued
 * or running and any request touching a stage that a running run writes, cancels, resumes interrupted runs,
 * and marks runs INTERRUPTED when the service stops or was stopped under them.
 */
public final class RunCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);
    private static final String WAKE_UP = "";
    static final List<String> TASKS = List.of("assets", "entries", "relations", "publish");

    private final RunRepository runs;
    private final RunExecutor executor;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private Thread worker;
    private volatile boolean stopping;

    public RunCoordinator(RunRepository runs, RunExecutor executor, Clock clock, Duration shutdownGrace) {
        this.runs = runs;
        this.executor = executor;
        this.clock = clock;
        this.shutdownGrace = shutdownGrace;
    }

    /** Marks runs left RUNNING by a stopped process INTERRUPTED, queues the QUEUED ones again, starts the worker. */
    public synchronized void start() {
        int interrupted = runs.interruptRunning("The service stopped while this run was RUNNING; resume it to continue from its checkpoints.");
        runs.findByStatus(JobRun.QUEUED).forEach(r -> queue.add(r.id()));
        log.info("Run coordinator started interruptedRuns={} queuedRuns={}", interrupted, queue.size());
        worker = new Thread(this::work, "stagesync-job-runner");
        worker.start();
    }

    /** True while the worker that runs the queue is alive. */
    public boolean running() {
        return worker != null && worker.isAlive() && !stopping;
    }

    /** Queues a new run of the job, or refuses it with a clear message. */
    public synchronized JobRun submit(JobDefinition job, String createdBy) {
        checkFree(job.base(), job.target(), null);
        List<RunTask> tasks = new ArrayList<>();
        TASKS.forEach(t -> tasks.add(new RunTask(t, "PENDING", 0, 0, -1, 0, null, null)));
        JobRun run = new JobRun(UUID.randomUUID().toString(), job.name(), job.base(), job.target(), job.options(),
                JobRun.QUEUED, createdBy, clock.instant(), null, null, null, 0, 0, 0, 0, null, 0, tasks);
        runs.insert(run);
        queue.add(run.id());
        log.info("Run queued runId={} job={} base={} target={} createdBy={}", run.id(), job.name(), job.base(), job.target(), createdBy);
        return run;
    }

    /** Queues an INTERRUPTED run again under the same id, so the sync continues from its checkpoints. */
    public synchronized JobRun resume(String runId) {
        JobRun run = find(runId);
        if (!JobRun.INTERRUPTED.equals(run.status())) {
            throw new JobRequestException(JobRequestException.CONFLICT, null, "run " + runId + " is " + run.status()
                    + "; only an INTERRUPTED run can be resumed (start a new run of job '" + run.job() + "' instead)");
        }
        checkFree(run.base(), run.target(), runId);
        runs.requeue(runId, "Resumed");
        queue.add(runId);
        log.info("Run resumed runId={} job={}", runId, run.job());
        return find(runId);
    }

    /** Cancels a queued run at once, or asks a running one to stop at its next safe point. */
    public synchronized JobRun cancel(String runId) {
        JobRun run = find(runId);
        if (JobRun.QUEUED.equals(run.status())) {
            queue.remove(runId);
            runs.finish(runId, JobRun.CANCELLED, "Cancelled before it started", null, clock.instant());
        } else if (JobRun.RUNNING.equals(run.status())) {
            executor.cancel(runId);
        } else {
            throw new JobRequestException(JobRequestException.CONFLICT, null, "run " + runId + " is already "
                    + run.status() + "; only a QUEUED or RUNNING run can be cancelled");
        }
        log.info("Run cancel requested runId={} status={}", runId, run.status());
        return find(runId);
    }

    public JobRun find(String runId) {
        return runs.find(runId).orElseThrow(() -> new JobRequestException(JobRequestException.NOT_FOUND, null,
                "no run with id '" + runId + "'"));
    }

    private void checkFree(String base, String target, String except) {
        List<JobRun> active = new ArrayList<>(runs.findByStatus(JobRun.RUNNING));
        active.addAll(runs.findByStatus(JobRun.QUEUED));
        for (JobRun other : active) {
            if (other.id().equals(except)) {
                continue;
            }
            if (other.base().equals(base) && other.target().equals(target)) {
                throw new JobRequestException(JobRequestException.CONFLICT, null, "a run of " + base + " -> " + target
                        + " is already " + other.status() + " (run " + other.id() + ", job '" + other.job()
                        + "'); wait for it to finish or cancel it");
            }
            if (JobRun.RUNNING.equals(other.status()) && (other.target().equals(base) || other.target().equals(target))) {
                throw new JobRequestException(JobRequestException.CONFLICT, null, "stage '" + other.target()
                        + "' is being written by run " + other.id() + " (job '" + other.job()
                        + "'); no other job may use it until that run ends");
            }
        }
    }

    private void work() {
        while (!stopping) {
            try {
                String runId = queue.take();
                Optional<JobRun> run = runs.find(runId);
                if (run.isPresent() && JobRun.QUEUED.equals(run.get().status()) && !stopping) {
                    executor.execute(run.get(), () -> stopping);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Job runner failed to run a queued run: {}", e.toString(), e);
            }
        }
    }

    /** Stops the worker: a running run is asked to stop and ends INTERRUPTED, resumable after the restart. */
    @Override
    public void close() {
        stopping = true;
        if (worker == null) {
            return;
        }
        executor.stopCurrent();
        queue.add(WAKE_UP);
        try {
            worker.join(shutdownGrace.toMillis());
            if (worker.isAlive()) {
                log.warn("Run still busy after the shutdown grace period graceMs={}; interrupting it", shutdownGrace.toMillis());
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = runs.interruptRunning("The service stopped while this run was RUNNING; resume it to continue from its checkpoints.");
        log.info("Run coordinator stopped runsInterrupted={}", left);
    }
}
