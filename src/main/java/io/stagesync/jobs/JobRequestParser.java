package io.stagesync.jobs;

import io.stagesync.config.InputQuote;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a job definition request ({@code name, base, target, schedule?, options?}) and builds the job,
 * naming the field at fault when something is wrong.
 */
public final class JobRequestParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> FIELDS = Set.of("name", "base", "target", "schedule", "options");

    private final StagePairRules rules;

    public JobRequestParser(StagePairRules rules) {
        this.rules = rules;
    }

    /** The job the request defines; {@code extraFields} are further top-level fields the caller handles itself. */
    public JobDefinition parse(Map<String, Object> request, String source, String createdBy, Set<String> extraFields) {
        for (String key : request.keySet()) {
            if (!FIELDS.contains(key) && !extraFields.contains(key)) {
                throw JobRequestException.badField(key, "unknown field; allowed fields: name, base, target, schedule, options");
            }
        }
        String name = text(request, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw JobRequestException.badField("name", "must be 1-100 letters, digits, '-' or '_', got: '" + InputQuote.of(name) + "'");
        }
        String base = text(request, "base", true);
        String target = text(request, "target", true);
        String schedule = text(request, "schedule", false);
        if (schedule != null) {
            ScheduleExpression.toCron(schedule);
        }
        rules.check(base, target);
        return new JobDefinition(name, base, target, schedule, options(request.get("options")), source, createdBy, Instant.now());
    }

    private static String text(Map<String, Object> request, String field, boolean required) {
        Object value = request.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                throw JobRequestException.badField(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw JobRequestException.badField(field, "must be a string, got: " + InputQuote.of(value));
        }
        return s.trim();
    }

    private static Map<String, Object> options(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw JobRequestException.badField("options", "must be an object such as {\"full\": true}, got: " + InputQuote.of(value));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if ("models".equals(key) && v instanceof List<?> list) {
                options.put(key, list.stream().map(String::valueOf).toList());
            } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                options.put(key, v);
            } else {
                throw JobRequestException.badField("options." + key, "must be a string, number or boolean"
                        + ("models".equals(key) ? " or a list of model names" : "") + ", got: " + InputQuote.of(v));
            }
        });
        if (options.containsKey("full") && !(options.get("full") instanceof Boolean)
                && !Set.of("true", "false").contains(String.valueOf(options.get("full")))) {
            throw JobRequestException.badField("options.full", "must be true or false, got: " + InputQuote.of(options.get("full")));
        }
        return options;
    }
}
