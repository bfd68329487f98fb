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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 200;

    private final ApiTokenGuard guard;
    private final StageRegistry stages;
    private final JobCatalog catalog;
    private final RunCoordinator coordinator;
    private final RunRepository runs;
    private final RunLogRepository logs;
    private final RunLogBroadcaster broadcaster;
    private final Clock clock;
    private final long keepAliveMs;

    public JobsApi(ApiTokenGuard guard, StageRegistry stages, JobCatalog catalog, RunCoordinator coordinator, RunRepository runs,
                   RunLogRepository logs, RunLogBroadcaster broadcaster, Clock clock, long keepAliveMs) {
        this.guard = guard;
        this.stages = stages;
        this.catalog = catalog;
        this.coordinator = coordinator;
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

    public ApiResponse listJobs(String authorization) {
        return answer(authorization, 200, () -> catalog.list().stream().map(JobDefinition::toMap).toList());
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

    public ApiResponse getRun(String authorization, String id) {
        return answer(authorization, 200, () -> coordinator.find(id).toMap(clock.instant()));
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
