package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.InputQuote;
import io.stagesync.migrate.MigrateRequest;
import io.stagesync.migrate.MigrateService;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /api/migrations/{model}} and {@code POST /api/migrations/{model}/{id}}: queue a run of a migrate job on the
 * stage the body names ({@code {"stage": S, "to"?: V, "dryRun"?: bool}}), wait for it up to
 * {@code stagesync.migrate.api-wait}, and answer the ids grouped as updated, notModified and failed (202 with the run's id
 * when it is still running; its progress, log and report are those of any run under {@code /api/runs/{id}}).
 */
public final class MigrationsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("stage", "to", "dryRun", "createdBy");

    private final ApiTokenGuard guard;
    private final StagePairRules rules;
    private final Supplier<MigrateService> migrations;
    private final RunCoordinator coordinator;
    private final RunRepository runs;
    private final Clock clock;
    private final long waitMs;

    public MigrationsApi(ApiTokenGuard guard, StagePairRules rules, Supplier<MigrateService> migrations, RunCoordinator coordinator,
                         RunRepository runs, Clock clock, long waitMs) {
        this.guard = guard;
        this.rules = rules;
        this.migrations = migrations;
        this.coordinator = coordinator;
        this.runs = runs;
        this.clock = clock;
        this.waitMs = waitMs;
    }

    public ApiResponse migrate(String authorization, String model, String id, String body) {
        String refusal = guard.refusal(authorization);
        if (refusal != null) {
            return ApiResponse.error(401, null, refusal);
        }
        try {
            Map<String, Object> request = body == null || body.isBlank() ? Map.of() : JobsApi.object(body);
            request.keySet().stream().filter(k -> !FIELDS.contains(k)).findFirst().ifPresent(k -> {
                throw JobRequestException.badField(k, "unknown field; allowed fields: stage, to, dryRun, createdBy");
            });
            String stage = JobRequestParser.text(request, "stage", true);
            rules.checkInPlace("stage", stage);
            String to = JobRequestParser.text(request, "to", false);
            Object dry = request.getOrDefault("dryRun", false);
            if (!(dry instanceof Boolean)) {
                throw JobRequestException.badField("dryRun", "must be true or false, got: " + InputQuote.of(dry));
            }
            try {
                migrations.get().check(new MigrateRequest(null, stage, model, id, to, (Boolean) dry));
            } catch (IllegalArgumentException e) {
                throw JobRequestException.badField(to != null && e.getMessage().startsWith("--to") ? "to" : "model", e.getMessage());
            }
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("type", JobDefinition.MIGRATE);
            options.put("model", model);
            if (id != null) {
                options.put("id", id);
            }
            if (to != null) {
                options.put("to", to);
            }
            options.put("dryRun", dry);
            String createdBy = request.get("createdBy") instanceof String s && !s.isBlank() ? s.trim() : "api";
            JobRun run = coordinator.submit(new JobDefinition("migrate-" + model, stage, stage, null, options, "api", createdBy,
                    clock.instant()), createdBy);
            return answer(run.id());
        } catch (JobRequestException e) {
            return ApiResponse.error(e);
        }
    }

    /** The ended run's ids by status, or 202 with the run while it still runs. */
    private ApiResponse answer(String runId) {
        Instant until = clock.instant().plusMillis(waitMs);
        JobRun run = coordinator.find(runId);
        while (run.active() && clock.instant().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            run = coordinator.find(runId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", runId);
        answer.put("status", run.status());
        if (run.active()) {
            answer.put("message", "still running; GET /api/runs/" + runId + " gives its progress and, once it ended, its report");
            return ApiResponse.json(202, answer);
        }
        Map<String, Object> report = report(runId);
        for (String key : new String[]{"counts", "updated", "notModified", "failed", "diffs", "error"}) {
            if (report.containsKey(key)) {
                answer.put(key, report.get(key));
            }
        }
        return ApiResponse.json(200, answer);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> report(String runId) {
        String text = runs.details(runId).get("report");
        try {
            return text == null ? Map.of() : JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
