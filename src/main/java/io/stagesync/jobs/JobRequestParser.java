package io.stagesync.jobs;

import io.stagesync.config.InputQuote;
import io.stagesync.preflight.ModelNames;
import io.stagesync.preflight.PreflightException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates a job definition request ({@code name, base, target, schedule?, options?}) and builds the job,
 * naming the field at fault when something is wrong.
 */
public final class JobRequestParser {

    private static final Logger log = LoggerFactory.getLogger(JobRequestParser.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> FIELDS = Set.of("name", "type", "base", "target", "stage", "schedule", "options");
    private static final List<String> OPTIONS = List.of("full", "models", "batchSize", "mirror", "type");
    /** The options of a migrate job ({@code options.type = migrate}); its stage is {@code target}. */
    private static final List<String> MIGRATE_OPTIONS = List.of("type", "model", "id", "to", "dryRun");
    /**
     * The job types: a sync of content, a schema apply (options: allowDeletes), a content migration in place, a backup
     * of a stage to a profile, a restore of a profile's snapshot.
     */
    public static final List<String> TYPES = List.of(JobDefinition.SYNC, JobDefinition.SCHEMA_APPLY, JobDefinition.MIGRATE,
            JobDefinition.BACKUP, JobDefinition.RESTORE);
    private static final List<String> SCHEMA_OPTIONS = List.of("allowDeletes");
    /** The range of stagesync.sync.batch-size. */
    private static final int MAX_BATCH_SIZE = 500;

    private final StagePairRules rules;
    private final Function<String, List<String>> modelsOf;

    /** {@code modelsOf} lists a stage's models, to check {@code options.models} of jobs made by the API or a file. */
    public JobRequestParser(StagePairRules rules, Function<String, List<String>> modelsOf) {
        this.rules = rules;
        this.modelsOf = modelsOf;
    }

    /** The job the request defines; {@code extraFields} are further top-level fields the caller handles itself. */
    public JobDefinition parse(Map<String, Object> request, String source, String createdBy, Set<String> extraFields) {
        for (String key : request.keySet()) {
            if (!FIELDS.contains(key) && !extraFields.contains(key)) {
                throw JobRequestException.badField(key, "unknown field; allowed fields: name, type, base, target, stage (backup), schedule, options");
            }
        }
        String name = text(request, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw JobRequestException.badField("name", "must be 1-100 letters, digits, '-' or '_', got: '" + InputQuote.of(name) + "'");
        }
        String type = type(request);
        if (JobDefinition.BACKUP.equals(type) || JobDefinition.RESTORE.equals(type)) {
            return new BackupJobParser(rules).parse(name, type, request, source, createdBy);
        }
        if (request.get("stage") != null) {
            throw JobRequestException.badField("stage", "is the stage of a backup job; a " + type + " job has base and target");
        }
        if (JobDefinition.SCHEMA_APPLY.equals(type)) {
            String base = text(request, "base", true);
            String target = text(request, "target", true);
            String schedule = text(request, "schedule", false);
            if (schedule != null) {
                ScheduleExpression.toCron(schedule);
            }
            rules.check(base, target);
            Object value = request.get("options");
            if (value instanceof Map<?, ?> map && map.containsKey(JobDefinition.TYPE_OPTION)) {
                Map<Object, Object> rest = new LinkedHashMap<>(map);
                rest.remove(JobDefinition.TYPE_OPTION);
                value = rest;
            }
            return new JobDefinition(name, base, target, schedule, schemaOptions(value), source, createdBy, Instant.now());
        }
        Map<String, Object> options = options(withType(request.get("options"), type));
        boolean migrate = JobDefinition.MIGRATE.equals(options.get("type"));
        String target = text(request, "target", true);
        String base = migrate ? target : text(request, "base", true);
        String schedule = text(request, "schedule", false);
        if (schedule != null) {
            ScheduleExpression.toCron(schedule);
        }
        if (migrate) {
            rules.checkInPlace("target", target);
        } else {
            rules.check(base, target);
        }
        if (options.containsKey("models") && !JobCatalog.FROM_PROPERTIES.equals(source)) {
            options.put("models", models(base, options.get("models")));
        }
        return new JobDefinition(name, base, target, schedule, options, source, createdBy, Instant.now());
    }

    /** The models in the base stage's spelling; unchecked (the run checks them) when the stage cannot be asked. */
    private List<String> models(String base, Object value) {
        List<String> requested = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> available;
        try {
            available = modelsOf.apply(base);
        } catch (RuntimeException e) {
            log.warn("Cannot list the models of stage {} to check options.models; keeping them unchecked reason={}", base, e.getMessage());
            return requested;
        }
        try {
            return ModelNames.resolve(requested, available, "options.models");
        } catch (PreflightException e) {
            throw JobRequestException.badField("options.models", e.getMessage());
        }
    }

    /** The trimmed text of a request field; null when it is absent or blank and not required. */
    static String text(Map<String, Object> request, String field, boolean required) {
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

    /** The job's type: the field {@code type}, or {@code options.type}; both may be given when they agree. */
    private static String type(Map<String, Object> request) {
        String type = text(request, "type", false);
        Object optionType = request.get("options") instanceof Map<?, ?> map ? map.get(JobDefinition.TYPE_OPTION) : null;
        if (type != null && optionType != null && !type.equals(String.valueOf(optionType))) {
            throw JobRequestException.badField("type", "is '" + InputQuote.of(type) + "' but options.type is '"
                    + InputQuote.of(optionType) + "'; give one of them");
        }
        String chosen = type != null ? type : optionType == null ? JobDefinition.SYNC : String.valueOf(optionType);
        if (!TYPES.contains(chosen)) {
            throw JobRequestException.badField(type != null ? "type" : "options.type", "must be one of "
                    + String.join(", ", TYPES) + ", got: '" + InputQuote.of(chosen) + "'");
        }
        return chosen;
    }

    /** The options with the type kept among them when it is not a sync. */
    private static Object withType(Object value, String type) {
        if (JobDefinition.SYNC.equals(type) || !(value == null || value instanceof Map<?, ?>)) {
            return value;
        }
        Map<Object, Object> options = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<?, ?>) value);
        options.put(JobDefinition.TYPE_OPTION, type);
        return options;
    }

    /** A schema-apply job's options: {@code allowDeletes} only; the type is kept with them. */
    private static Map<String, Object> schemaOptions(Object value) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw JobRequestException.badField("options", "must be an object such as {\"allowDeletes\": true}, got: " + InputQuote.of(value));
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!SCHEMA_OPTIONS.contains(String.valueOf(k))) {
                    throw JobRequestException.badField("options." + k, "unknown option of a schema-apply job; allowed options: "
                            + String.join(", ", SCHEMA_OPTIONS));
                }
                if (!(v instanceof Boolean) && !Set.of("true", "false").contains(String.valueOf(v))) {
                    throw JobRequestException.badField("options." + k, "must be true or false, got: " + InputQuote.of(v));
                }
                options.put(String.valueOf(k), Boolean.parseBoolean(String.valueOf(v)));
            });
        }
        options.put(JobDefinition.TYPE_OPTION, JobDefinition.SCHEMA_APPLY);
        return options;
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
        Object type = options.getOrDefault("type", JobDefinition.SYNC);
        if (!TYPES.contains(String.valueOf(type))) {
            throw JobRequestException.badField("options.type", "must be one of " + String.join(", ", TYPES) + ", got: " + InputQuote.of(type));
        }
        List<String> allowed = JobDefinition.MIGRATE.equals(type) ? MIGRATE_OPTIONS : OPTIONS;
        options.keySet().stream().filter(k -> !allowed.contains(k)).findFirst().ifPresent(k -> {
            throw JobRequestException.badField("options." + k, "unknown option" + (JobDefinition.MIGRATE.equals(type) ? " of a migrate job" : "")
                    + "; allowed options: " + String.join(", ", allowed));
        });
        if (JobDefinition.MIGRATE.equals(type) && !(options.get("model") instanceof String model && !model.isBlank())) {
            throw JobRequestException.badField("options.model", "a migrate job needs the model to migrate, got: " + InputQuote.of(options.get("model")));
        }
        if (options.containsKey("batchSize")) {
            Object size = options.get("batchSize");
            long n = size instanceof Number number && number.doubleValue() == number.longValue() ? number.longValue()
                    : size instanceof String text && text.strip().matches("-?\\d{1,9}") ? Long.parseLong(text.strip()) : Long.MIN_VALUE;
            if (n < 1 || n > MAX_BATCH_SIZE) {
                throw JobRequestException.badField("options.batchSize", "must be a whole number from 1 to " + MAX_BATCH_SIZE
                        + ", got: " + InputQuote.of(size));
            }
            options.put("batchSize", (int) n);
        }
        for (String flag : List.of("full", "mirror")) {
            if (options.containsKey(flag) && !(options.get(flag) instanceof Boolean)
                    && !Set.of("true", "false").contains(String.valueOf(options.get(flag)))) {
                throw JobRequestException.badField("options." + flag, "must be true or false, got: " + InputQuote.of(options.get(flag)));
            }
        }
        return options;
    }
}
