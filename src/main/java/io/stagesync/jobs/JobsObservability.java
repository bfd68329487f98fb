package io.stagesync.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.List;
import java.util.Map;

/**
 * Adds the jobs service to health ({@code jobs-runner}: DOWN when the run queue has no worker) and to the metrics:
 * {@code stagesync_job_runs{status}} (how many runs are queued, running, failed, ...), {@code stagesync_leader} (1 on
 * the leader; the sum over the instances is 0 while no instance leads), {@code stagesync_job_run_duration_seconds}
 * (per ended run segment, tagged with its status) and {@code stagesync_stage_throttled_total{stage}} (429 answers).
 */
final class JobsObservability {

    private static final List<String> STATUSES = List.of(JobRun.QUEUED, JobRun.RUNNING, JobRun.SUCCEEDED, JobRun.PARTIAL,
            JobRun.FAILED, JobRun.CANCELLED, JobRun.INTERRUPTED);

    private JobsObservability() {
    }

    static void register(CamelContext context, RunCoordinator coordinator, RunRepository runs) {
        var health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new AbstractHealthCheck("stagesync", "jobs-runner") {
                @Override
                protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                    if (coordinator.running()) {
                        builder.up();
                    } else {
                        builder.message("the job runner is not running").down();
                    }
                }
            });
        }
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            // counters kept where no registry is at hand (the stage clients) are kept in the global registry
            io.micrometer.core.instrument.Metrics.addRegistry(meters);
            Gauge.builder("stagesync.leader", () -> coordinator.leader() ? 1 : 0).tag("instance", coordinator.instance())
                    .description("1 while this instance is the leader that runs schedules, the inbox and runs").register(meters);
            for (String status : STATUSES) {
                Gauge.builder("stagesync.job.runs", () -> runs.countByStatus(status)).tag("status", status)
                        .description("Job runs by status").register(meters);
            }
        }
    }
}
