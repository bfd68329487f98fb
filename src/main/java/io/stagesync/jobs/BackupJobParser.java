package io.stagesync.jobs;

import io.stagesync.config.InputQuote;
import io.stagesync.dialect.BackupStages;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates the request of a {@code backup} job ({@code stage} or {@code target}, options {@code profile}) or a
 * {@code restore} job ({@code target}, options {@code profile}, {@code snapshot}, {@code models}) and builds it.
 */
final class BackupJobParser {

    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern SNAPSHOT = Pattern.compile("latest|baseline|[0-9]{8}T[0-9]{6}(\\.[0-9]{1,3})?Z");
    private static final List<String> BACKUP_OPTIONS = List.of("type", "profile");
    private static final List<String> RESTORE_OPTIONS = List.of("type", "profile", "snapshot", "models");

    private final StagePairRules rules;

    BackupJobParser(StagePairRules rules) {
        this.rules = rules;
    }

    JobDefinition parse(String name, String type, Map<String, Object> request, String source, String createdBy) {
        boolean backup = JobDefinition.BACKUP.equals(type);
        String stageField = backup && request.get("stage") != null ? "stage" : "target";
        String stage = JobRequestParser.text(request, stageField, true);
        if (backup && request.get("stage") != null && request.get("target") != null && !stage.equals(request.get("target"))) {
            throw JobRequestException.badField("stage", "a backup job has one stage; give stage or target, not both");
        }
        if (!backup && request.get("stage") != null) {
            throw JobRequestException.badField("stage", "a restore job writes its target: give target, not stage");
        }
        if (backup) {
            rules.checkReadable(stageField, stage);
        } else {
            rules.checkRestoreTarget(stageField, stage);
        }
        String schedule = JobRequestParser.text(request, "schedule", false);
        if (schedule != null) {
            ScheduleExpression.toCron(schedule);
        }
        Map<String, Object> options = options(request.get("options"), backup ? BACKUP_OPTIONS : RESTORE_OPTIONS, type);
        String base = backup ? stage : BackupStages.stage((String) options.get("profile"));
        return new JobDefinition(name, base, stage, schedule, options, source, createdBy, Instant.now());
    }

    private static Map<String, Object> options(Object value, List<String> allowed, String type) {
        if (!(value instanceof Map<?, ?> map)) {
            throw JobRequestException.badField("options", "a " + type + " job needs options such as {\"profile\": \"clean-db\"}, got: "
                    + InputQuote.of(value));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!allowed.contains(key)) {
                throw JobRequestException.badField("options." + key, "unknown option of a " + type + " job; allowed options: "
                        + String.join(", ", allowed));
            }
            options.put(key, v);
        });
        if (!(options.get("profile") instanceof String profile) || !PROFILE.matcher(profile).matches()) {
            throw JobRequestException.badField("options.profile", "must be 1-100 letters, digits, '-' or '_', got: "
                    + InputQuote.of(options.get("profile")));
        }
        if (options.containsKey("snapshot") && !(options.get("snapshot") instanceof String s && SNAPSHOT.matcher(s).matches())) {
            throw JobRequestException.badField("options.snapshot", "must be latest, baseline or a snapshot time such as "
                    + "20261205T003015.123Z, got: " + InputQuote.of(options.get("snapshot")));
        }
        if (options.containsKey("models")) {
            Object models = options.get("models");
            List<String> names = models instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : models instanceof String text ? Arrays.stream(text.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()
                    : null;
            if (names == null || names.isEmpty()) {
                throw JobRequestException.badField("options.models", "must be a list of model names (or \"A,B\"), got: " + InputQuote.of(models));
            }
            options.put("models", names);
        }
        options.put(JobDefinition.TYPE_OPTION, type);
        return options;
    }
}
