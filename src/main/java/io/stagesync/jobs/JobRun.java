package io.stagesync.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a job as stored: its status, who created it, its timing, log counters and tasks; {@code segment}
 * counts how often it was resumed.
 */
public record JobRun(String id, String job, String base, String target, Map<String, Object> options, String status,
                     String createdBy, Instant createdAt, Instant startedAt, Instant segmentStartedAt,
                     Instant finishedAt, long elapsedMs, int logCount, int errorCount, int warningCount,
                     String message, int segment, List<RunTask> tasks) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String PARTIAL = "PARTIAL";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String INTERRUPTED = "INTERRUPTED";

    /** Statuses of a run that is waiting or working: it holds its stage pair. */
    public static final Set<String> ACTIVE = Set.of(QUEUED, RUNNING);

    public JobRun {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The same run with the given tasks. */
    public JobRun withTasks(List<RunTask> newTasks) {
        return new JobRun(id, job, base, target, options, status, createdBy, createdAt, startedAt, segmentStartedAt,
                finishedAt, elapsedMs, logCount, errorCount, warningCount, message, segment, newTasks);
    }

    public boolean active() {
        return ACTIVE.contains(status);
    }

    /** Elapsed time, counting the current segment of a running run up to {@code now}. */
    public long elapsedAt(Instant now) {
        return RUNNING.equals(status) && segmentStartedAt != null
                ? elapsedMs + Math.max(0, now.toEpochMilli() - segmentStartedAt.toEpochMilli())
                : elapsedMs;
    }

    /** The JSON shape of the REST API. */
    public Map<String, Object> toMap(Instant now) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("job", job);
        map.put("base", base);
        map.put("target", target);
        map.put("options", options);
        map.put("status", status);
        map.put("createdBy", createdBy);
        map.put("createdAt", createdAt == null ? null : createdAt.toString());
        map.put("startedAt", startedAt == null ? null : startedAt.toString());
        map.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        map.put("elapsedMs", elapsedAt(now));
        map.put("logCount", logCount);
        map.put("errorCount", errorCount);
        map.put("warningCount", warningCount);
        map.put("message", message);
        map.put("resumed", segment);
        map.put("tasks", tasks.stream().map(RunTask::toMap).toList());
        return map;
    }
}
