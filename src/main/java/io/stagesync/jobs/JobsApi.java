package io.stagesync.jobs;

import io.stagesync.config.InputQuote;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stagesync.config.StageRegistry;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The REST API's operations on jobs and runs: each checks the bearer token and answers an {@link ApiResponse}.
 */
public final class JobsApi {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobsApi.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 200;

    private final ApiTokenGuard guard;
    private final StageRegistry stages;
    private final JobCatalog catalog;
    private final JobRepository jobs;
    private final RunCoordinator coordinator;
    private final JobsCluster cluster;
    private final RunRepository runs;
    private final RunLogRepository logs;
    private final RunLogBroadcaster broadcaster;
    private final Clock clock;
    private final long keepAliveMs;

    public JobsApi(ApiTokenGuard guard, StageRegistry stages, JobCatalog catalog, JobRepository jobs, RunCoordinator coordinator,
                   JobsCluster cluster, RunRepository runs, RunLogRepository logs, RunLogBroadcaster broadcaster, Clock clock,
                   long keepAliveMs) {
        this.guard = guard;
        this.stages = stages;
        this.catalog = catalog;
        this.jobs = jobs;
        this.coordinator = coordinator;
        this.cluster = cluster;
        this.runs = runs;
        this.logs = logs;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.keepAliveMs = keepAliveMs;
    }

    /** The configured stages with their rules (no URLs or tokens). */
    public ApiResponse listStages(String authorization) {
        return answer(authorization, 200, () -> stages.all().stream().map(s -> {
            Map<String, Object> stage = new java.util.LinkedHashMap<>();
            stage.put("name", s.name());
            stage.put("protected", s.protectedStage());
            stage.put("parent", s.parent());
            return stage;
        }).toList());
    }

    /** The jobs, each with {@code paused}, its next fire time ({@code nextFireAt}, null when paused or on demand) and last run. */
    public ApiResponse listJobs(String authorization) {
        return answer(authorization, 200, () -> {
            Set<String> paused = jobs.pausedJobs();
            return catalog.list().stream().map(job -> withSchedule(job, paused.contains(job.name()))).toList();
        });
    }

    public ApiResponse pauseJob(String authorization, String id) {
        return answer(authorization, 200, () -> setPaused(id, true));
    }

    public ApiResponse resumeJob(String authorization, String id) {
        return answer(authorization, 200, () -> setPaused(id, false));
    }

    /** This instance: its name, whether it leads (runs schedules, the inbox and the runs) and the election type. */
    public ApiResponse cluster(String authorization) {
        return answer(authorization, 200, () -> Map.of("instance", coordinator.instance(), "leader", coordinator.leader(),
                "type", cluster.type()));
    }

    private Map<String, Object> setPaused(String id, boolean paused) {
        JobDefinition job = catalog.get(id);
        if (job.schedule() == null) {
            throw new JobRequestException(JobRequestException.CONFLICT, null, "job '" + id
                    + "' has no schedule; only a recurring job can be paused or resumed");
        }
        jobs.setPaused(id, paused);
        log.info("Job {} job={}", paused ? "paused" : "resumed", id);
        return withSchedule(job, paused);
    }

    private Map<String, Object> withSchedule(JobDefinition job, boolean paused) {
        Map<String, Object> map = job.toMap();
        map.put("paused", paused);
        map.put("nextFireAt", paused || job.schedule() == null ? null : ScheduleExpression.nextFireAfter(job.schedule(), clock.instant()));
        map.put("lastRun", runs.findByJob(job.name(), 1).stream().findFirst().map(r -> {
            Map<String, Object> last = new java.util.LinkedHashMap<>();
            last.put("id", r.id());
            last.put("status", r.status());
            last.put("createdAt", r.createdAt() == null ? null : r.createdAt().toString());
            return last;
        }).orElse(null));
        return map;
    }

    public ApiResponse createJob(String authorization, String body) {
        return answer(authorization, 201, () -> catalog.create(object(body), "api", createdBy(body), false,
                Set.of("createdBy")).toMap());
    }

    public ApiResponse deleteJob(String authorization, String id) {
        return answer(authorization, 200, () -> {
            catalog.delete(id, false);
            return Map.of("deleted", id);
        });
    }

    public ApiResponse runJob(String authorization, String id, String body) {
        return answer(authorization, 201, () -> coordinator.submit(catalog.get(id), createdBy(body)).toMap(clock.instant()));
    }

    public ApiResponse listRuns(String authorization, String job) {
        return answer(authorization, 200, () -> runs.findByJob(job == null || job.isBlank() ? null : job, HISTORY)
                .stream().map(r -> r.toMap(clock.instant())).toList());
    }

    /** The run, with the instance that ran it ({@code ranBy}) and, once it ended, the sync's report. */
    public ApiResponse getRun(String authorization, String id) {
        return answer(authorization, 200, () -> {
            Map<String, Object> run = coordinator.find(id).toMap(clock.instant());
            Map<String, String> details = runs.details(id);
            run.put("ranBy", details.get("owner"));
            try {
                run.put("report", details.get("report") == null ? null : JSON.readValue(details.get("report"), Object.class));
            } catch (JsonProcessingException e) {
                run.put("report", null);
            }
            return run;
        });
    }

    public ApiResponse cancelRun(String authorization, String id) {
        return answer(authorization, 202, () -> coordinator.cancel(id).toMap(clock.instant()));
    }

    public ApiResponse resumeRun(String authorization, String id) {
        return answer(authorization, 202, () -> coordinator.resume(id).toMap(clock.instant()));
    }

    /** The run's log as Server-Sent Events, from the line after {@code lastEventId} (the SSE reconnect header). */
    public ApiResponse streamLogs(String authorization, String id, String lastEventId) {
        String refusal = guard.refusal(authorization);
        if (refusal != null) {
            return ApiResponse.error(401, null, refusal);
        }
        try {
            coordinator.find(id);
            int after = lastEventId == null || lastEventId.isBlank() ? 0 : Integer.parseInt(lastEventId.trim());
            return new ApiResponse(200, "text/event-stream",
                    new RunLogStream(id, () -> coordinator.find(id), after, logs, broadcaster, keepAliveMs));
        } catch (NumberFormatException e) {
            return ApiResponse.error(400, "Last-Event-ID", "must be a log line number, got: " + InputQuote.of(lastEventId));
        } catch (JobRequestException e) {
            return ApiResponse.error(e);
        }
    }

    private ApiResponse answer(String authorization, int status, Supplier<Object> operation) {
        String refusal = guard.refusal(authorization);
        if (refusal != null) {
            return ApiResponse.error(401, null, refusal);
        }
        try {
            return ApiResponse.json(status, operation.get());
        } catch (JobRequestException e) {
            return ApiResponse.error(e);
        }
    }

    private static String createdBy(String body) {
        Object value = body == null || body.isBlank() ? null : object(body).get("createdBy");
        if (value != null && !(value instanceof String)) {
            throw JobRequestException.badField("createdBy", "must be a string, got: " + InputQuote.of(value));
        }
        return value == null || ((String) value).isBlank() ? "api" : ((String) value).trim();
    }

    static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw JobRequestException.badField("body", "a JSON object is required");
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (!(value instanceof Map)) {
                throw JobRequestException.badField("body", "must be a JSON object, got: " + InputQuote.of(body.strip()));
            }
            return JSON.convertValue(value, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw JobRequestException.badField("body", "is not valid JSON: " + InputQuote.of(e.getOriginalMessage()));
        }
    }
}
