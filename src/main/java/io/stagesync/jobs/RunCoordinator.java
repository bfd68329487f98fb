package io.stagesync.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Queues job runs in the shared state store and, on the leader instance only, runs them one at a time: refuses a
 * second request for a stage pair that is already queued or running and any request touching a stage that a
 * running run writes, cancels, resumes interrupted runs. A run queued on any instance is taken from the store by
 * the leader (polled every {@code pollInterval}, or at once when queued on the leader); a new leader marks the runs
 * its dead predecessor left RUNNING INTERRUPTED and resumes them from their checkpoints under the same run id.
 */
public final class RunCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);
    private static final String WAKE_UP = "";
    static final List<String> TASKS = List.of("assets", "entries", "relations", "publish", "drafts");
    /** A mirror sync's tasks: the sync's, the pre-mirror backup of the target ({@code snapshot}), the deletions. */
    /** A backup's task: the snapshot, model by model. */
    static final List<String> BACKUP_TASKS = List.of("snapshot");
    /** A restore's tasks: the snapshot's verification, then the sync's. */
    static final List<String> RESTORE_TASKS = List.of("verify", "assets", "entries", "relations", "publish", "drafts");
    static final List<String> MIRROR_TASKS = List.of("assets", "entries", "relations", "publish", "drafts", "snapshot", "mirror");

    private final RunRepository runs;
    private final RunExecutor executor;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final String instance;
    private final Duration pollInterval;
    private final boolean autoResume;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private Thread worker;
    private volatile boolean stopping;
    private volatile boolean leader;
    private volatile BiFunction<String, String, Optional<String>> busyStages = (stage, except) -> Optional.empty();

    /**
     * {@code instance} names this instance in the store (owner of the runs it runs); {@code autoResume}: runs left
     * by a lost or stopped instance are resumed by the next leader without a resume request.
     */
    public RunCoordinator(RunRepository runs, RunExecutor executor, Clock clock, Duration shutdownGrace, String instance,
                          Duration pollInterval, boolean autoResume) {
        this.runs = runs;
        this.executor = executor;
        this.clock = clock;
        this.shutdownGrace = shutdownGrace;
        this.instance = instance;
        this.pollInterval = pollInterval;
        this.autoResume = autoResume;
    }

    /** Where stages marked busy outside the jobs (a mirror sync of the CLI) are found: (stage, except run id) to who holds it. */
    public void busyStages(BiFunction<String, String, Optional<String>> busy) {
        this.busyStages = busy;
    }

    /** Starts the worker; it runs queued runs while this instance is the leader. */
    public synchronized void start() {
        log.info("Run coordinator started instance={} queuedRuns={}", instance, runs.countByStatus(JobRun.QUEUED));
        worker = new Thread(this::work, "stagesync-job-runner");
        worker.start();
    }

    /** True while the worker that runs the queue is alive. */
    public boolean running() {
        return worker != null && worker.isAlive() && !stopping;
    }

    /** True while this instance is the leader, the one that runs the queued runs. */
    public boolean leader() {
        return leader;
    }

    public String instance() {
        return instance;
    }

    /**
     * This instance became the leader: runs left RUNNING by another instance, or by an earlier process under the
     * same name, are marked INTERRUPTED (it is gone: only the leader runs runs) and, with auto-resume, queued again
     * with the ones a stopping leader handed over.
     */
    public synchronized void leadershipGained() {
        if (stopping || leader) {
            return;
        }
        int orphans = runs.interruptOrphans("The instance that ran this run was lost; "
                + (autoResume ? "the new leader resumes it from its checkpoints." : "resume it to continue from its checkpoints."),
                executor.currentRunId(), autoResume);
        int resumed = 0;
        if (autoResume) {
            for (JobRun run : runs.findResumePending()) {
                runs.requeue(run.id(), "Resumed by the new leader " + instance);
                resumed++;
                log.info("Run resumed by the new leader runId={} job={} segment={}", run.id(), run.job(), run.segment() + 1);
            }
        }
        leader = true;
        queue.add(WAKE_UP);
        log.info("Leadership gained instance={} interruptedRuns={} resumedRuns={}", instance, orphans, resumed);
    }

    /** This instance is no longer the leader: a run in progress stops at its next safe point, to be resumed. */
    public void leadershipLost() {
        if (!leader) {
            return;
        }
        leader = false;
        executor.stopCurrent();
        log.info("Leadership lost instance={}", instance);
    }

    /** Queues a new run of the job, or refuses it with a clear message. */
    public synchronized JobRun submit(JobDefinition job, String createdBy) {
        checkFree(job.base(), job.target(), null);
        List<RunTask> tasks = new ArrayList<>();
        tasks(job).forEach(t -> tasks.add(new RunTask(t, "PENDING", 0, 0, -1, 0, null, null)));
        JobRun run = new JobRun(UUID.randomUUID().toString(), job.name(), job.base(), job.target(), job.options(),
                JobRun.QUEUED, createdBy, clock.instant(), null, null, null, 0, 0, 0, 0, null, 0, tasks);
        runs.insert(run);
        queue.add(WAKE_UP);
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
        queue.add(WAKE_UP);
        log.info("Run resumed runId={} job={}", runId, run.job());
        return find(runId);
    }

    /** Cancels a queued run at once, or asks a running one to stop at its next safe point. */
    public synchronized JobRun cancel(String runId) {
        JobRun run = find(runId);
        if (JobRun.QUEUED.equals(run.status()) && runs.cancelQueued(runId, "Cancelled before it started", clock.instant())) {
            log.info("Run cancelled before it started runId={}", runId);
        } else if (JobRun.QUEUED.equals(run.status()) || JobRun.RUNNING.equals(run.status())) {
            // the instance that runs it sees the request in the store at its next poll
            runs.requestCancel(runId);
            executor.cancel(runId);
        } else {
            throw new JobRequestException(JobRequestException.CONFLICT, null, "run " + runId + " is already "
                    + run.status() + "; only a QUEUED or RUNNING run can be cancelled");
        }
        log.info("Run cancel requested runId={} status={}", runId, run.status());
        return find(runId);
    }

    /** The tasks a run of the job reports progress in. */
    static List<String> tasks(JobDefinition job) {
        return switch (job.type()) {
            case JobDefinition.MIGRATE -> List.of(JobDefinition.MIGRATE);
            case JobDefinition.BACKUP -> BACKUP_TASKS;
            case JobDefinition.RESTORE -> RESTORE_TASKS;
            default -> mirror(job) ? MIRROR_TASKS : TASKS;
        };
    }

    private static boolean mirror(JobDefinition job) {
        return Boolean.parseBoolean(String.valueOf(job.options().getOrDefault(io.stagesync.sync.SyncRequest.MIRROR, "false")));
    }

    public JobRun find(String runId) {
        return runs.find(runId).orElseThrow(() -> new JobRequestException(JobRequestException.NOT_FOUND, null,
                "no run with id '" + runId + "'"));
    }

    private void checkFree(String base, String target, String except) {
        for (String stage : new String[]{base, target}) {
            busyStages.apply(stage, except).ifPresent(holder -> {
                throw new JobRequestException(JobRequestException.CONFLICT, null, "stage '" + stage + "' is busy: " + holder
                        + "; no job may use it until that run ends");
            });
        }
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
            // a backup only reads its stage: other runs may read it too
            boolean writes = !JobDefinition.BACKUP.equals(JobDefinition.typeOf(other.options()));
            if (writes && JobRun.RUNNING.equals(other.status()) && (other.target().equals(base) || other.target().equals(target))) {
                throw new JobRequestException(JobRequestException.CONFLICT, null, "stage '" + other.target()
                        + "' is being written by run " + other.id() + " (job '" + other.job()
                        + "'); no other job may use it until that run ends");
            }
        }
    }

    private void work() {
        while (!stopping) {
            try {
                queue.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                while (leader && !stopping && runNext()) {
                    queue.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Job runner failed to run a queued run: {}", e.toString(), e);
            }
        }
    }

    /** Takes the oldest QUEUED run from the store and runs it; false when there was none to take. */
    private boolean runNext() {
        for (JobRun queued : runs.findByStatus(JobRun.QUEUED)) {
            if (runs.claim(queued.id(), instance, clock.instant())) {
                ScheduledCancelCheck check = new ScheduledCancelCheck(queued.id());
                check.start();
                try {
                    executor.execute(queued, () -> stopping || !leader);
                } finally {
                    check.stop();
                }
                return true;
            }
        }
        return false;
    }

    /** Watches the store for a cancel of the running run asked on another instance. */
    private final class ScheduledCancelCheck {
        private final String runId;
        private Thread thread;

        ScheduledCancelCheck(String runId) {
            this.runId = runId;
        }

        void start() {
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(pollInterval.toMillis());
                        if (runs.cancelRequested(runId)) {
                            executor.cancel(runId);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("Cancel check of run {} stopped: {}", runId, e.toString());
                }
            }, "stagesync-run-cancel-check");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            thread.interrupt();
        }
    }

    /** Stops the worker: a running run is asked to stop and ends INTERRUPTED, resumable (by the next leader). */
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
        int left = runs.interruptOwned("The service stopped while this run was RUNNING; "
                + (autoResume ? "the leader resumes it from its checkpoints." : "resume it to continue from its checkpoints."), instance, autoResume);
        log.info("Run coordinator stopped runsInterrupted={}", left);
    }
}
