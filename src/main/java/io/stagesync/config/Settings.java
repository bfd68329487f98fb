package io.stagesync.config;

import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code stagesync.*} keys StageSync reads, each with what it allows, checked before Camel starts: a bad value
 * stops the start with one line naming the key, its environment variable and what is allowed; a key nothing reads
 * is logged as a warning with the nearest known key.
 */
public final class Settings {

    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    /** What one key allows. */
    private record Rule(String kind, long min, long max, Set<String> choices) {
        static Rule integer(long min, long max) {
            return new Rule("int", min, max, Set.of());
        }

        static Rule duration(String min, String max) {
            return new Rule("duration", TimeUtils.toMilliSeconds(min), TimeUtils.toMilliSeconds(max), Set.of());
        }

        static Rule decimal(long min, long max) {
            return new Rule("decimal", min, max, Set.of());
        }

        static Rule choice(String... values) {
            return new Rule("choice", 0, 0, Set.of(values));
        }

        static Rule text() {
            return new Rule("text", 0, 0, Set.of());
        }

        String allowed() {
            return switch (kind) {
                case "int" -> "a whole number " + min + ".." + max;
                case "decimal" -> "a number " + min + ".." + max;
                case "duration" -> "a duration such as 500ms, 30s or 5m, " + format(min) + ".." + format(max);
                case "choice" -> "one of " + String.join(", ", new java.util.TreeSet<>(choices));
                default -> "text";
            };
        }

        boolean accepts(String value) {
            try {
                return switch (kind) {
                    case "int" -> inRange(Long.parseLong(value));
                    case "decimal" -> Double.parseDouble(value) >= min && Double.parseDouble(value) <= max;
                    case "duration" -> inRange(TimeUtils.toMilliSeconds(value));
                    case "choice" -> choices.contains(value);
                    default -> true;
                };
            } catch (RuntimeException e) {
                return false;
            }
        }

        private boolean inRange(long v) {
            return v >= min && v <= max;
        }
    }

    private static final Map<String, Rule> KEYS = new LinkedHashMap<>();
    private static final Map<Pattern, Rule> FAMILIES = new LinkedHashMap<>();
    /** Keys that were removed, with what replaced them (README, "Removed keys"). */
    private static final Map<String, String> REPLACED = new LinkedHashMap<>();

    static {
        KEYS.put("stagesync.routes-dir", Rule.text());
        KEYS.put("stagesync.state.url", Rule.text());
        KEYS.put("stagesync.state.user", Rule.text());
        KEYS.put("stagesync.state.password", Rule.text());
        KEYS.put("stagesync.state.max-pool-size", Rule.integer(1, 100));
        KEYS.put("stagesync.sync.batch-size", Rule.integer(1, 500));
        KEYS.put("stagesync.sync.page-size", Rule.integer(1, 100));
        KEYS.put("stagesync.sync.pages-per-step", Rule.integer(1, 10));
        KEYS.put("stagesync.sync.publish-batch", Rule.integer(1, 100));
        KEYS.put("stagesync.sync.concurrency", Rule.integer(1, 64));
        KEYS.put("stagesync.sync.source-id-field", Rule.text());
        KEYS.put("stagesync.sync.documents-dir", Rule.text());
        KEYS.put("stagesync.sync.timeout", Rule.duration("100ms", "1h"));
        KEYS.put("stagesync.sync.busy-lease", Rule.duration("1s", "1h"));
        KEYS.put("stagesync.sync.retry.max-attempts", Rule.integer(1, 20));
        KEYS.put("stagesync.sync.retry.base-delay", Rule.duration("0ms", "1m"));
        KEYS.put("stagesync.sync.retry.max-delay", Rule.duration("0ms", "10m"));
        KEYS.put("stagesync.sync.retry.asset-attempts", Rule.integer(1, 21));
        KEYS.put("stagesync.sync.retry.asset-base-delay", Rule.duration("0ms", "10m"));
        KEYS.put("stagesync.sync.circuit-breaker.failures", Rule.integer(0, 1000));
        KEYS.put("stagesync.migrate.dir", Rule.text());
        KEYS.put("stagesync.migrate.api-wait", Rule.duration("0ms", "1h"));
        KEYS.put("stagesync.assets.upload", Rule.choice("presigned-post", "upload-url"));
        KEYS.put("stagesync.assets.parallel-transfers", Rule.integer(1, 64));
        KEYS.put("stagesync.assets.in-flight", Rule.integer(1, 1024));
        KEYS.put("stagesync.assets.page-size", Rule.integer(1, 100));
        KEYS.put("stagesync.assets.http-timeout", Rule.duration("100ms", "1h"));
        KEYS.put("stagesync.assets.upload-timeout", Rule.duration("1s", "24h"));
        KEYS.put("stagesync.assets.complete-timeout", Rule.duration("1s", "24h"));
        KEYS.put("stagesync.assets.poll-interval", Rule.duration("10ms", "10m"));
        KEYS.put("stagesync.assets.custom-fields", Rule.text());
        for (String k : List.of("endpoint", "region", "bucket", "prefix", "access-key", "secret-key")) {
            KEYS.put("stagesync.assets.transfer." + k, Rule.text());
        }
        KEYS.put("stagesync.assets.transfer.part-size", Rule.integer(5L * 1024 * 1024, 1024L * 1024 * 1024)); // a part is held in memory for a retry
        KEYS.put("stagesync.assets.transfer.url-ttl", Rule.duration("1m", "7d"));
        // backups and profiles
        for (String k : List.of("endpoint", "region", "bucket", "prefix", "access-key", "secret-key", "data-dir")) {
            KEYS.put("stagesync.backup." + k, Rule.text());
        }
        KEYS.put("stagesync.backup.part-size", Rule.integer(5L * 1024 * 1024, 1024L * 1024 * 1024)); // a part is held in memory for a retry
        KEYS.put("stagesync.backup.chunk-size", Rule.integer(1, 1_000_000));
        // the jobs service's keys
        for (String k : List.of("server.host", "api.token", "jobs.inbox", "instance.id", "cluster.file.root",
                "cluster.namespace", "cluster.kubernetes.lease-name", "cluster.kubernetes.namespace", "cluster.kubernetes.pod-name")) {
            KEYS.put("stagesync." + k, Rule.text());
        }
        KEYS.put("stagesync.server.port", Rule.integer(0, 65535));
        KEYS.put("stagesync.server.max-body-bytes", Rule.integer(1024, 64L * 1024 * 1024));
        KEYS.put("stagesync.api.wrong-token-limit", Rule.integer(1, 1_000_000));
        KEYS.put("stagesync.jobs.inbox-max-bytes", Rule.integer(1, 1024L * 1024 * 1024));
        KEYS.put("stagesync.cluster.type", Rule.choice("file", "kubernetes"));
        for (String k : List.of("jobs.enabled", "jobs.auto-resume", "server.observe-open")) {
            KEYS.put("stagesync." + k, Rule.choice("true", "false"));
        }
        for (String k : List.of("jobs.inbox-poll", "jobs.log-keep-alive", "jobs.poll-interval", "cluster.file.acquire-lock-delay",
                "cluster.file.acquire-lock-interval", "cluster.kubernetes.lease-duration", "cluster.kubernetes.renew-deadline",
                "cluster.kubernetes.retry-period")) {
            KEYS.put("stagesync." + k, Rule.duration("10ms", "1h"));
        }
        KEYS.put("stagesync.jobs.shutdown-grace", Rule.duration("0ms", "1h"));
        REPLACED.put("stagesync.assets.retries", "stagesync.sync.retry.asset-attempts (attempts, the first included: retries + 1)");
        REPLACED.put("stagesync.assets.retry-delay", "stagesync.sync.retry.asset-base-delay");
        REPLACED.put("stagesync.retry.max-redeliveries", "stagesync.sync.retry.max-attempts (attempts, the first included)");
        REPLACED.put("stagesync.retry.initial-delay-ms", "stagesync.sync.retry.base-delay (a duration)");
        REPLACED.put("stagesync.retry.max-delay-ms", "stagesync.sync.retry.max-delay (a duration)");
        REPLACED.put("stagesync.sync.retry.base-delay-ms", "stagesync.sync.retry.base-delay (a duration)");
        REPLACED.put("stagesync.sync.retry.max-delay-ms", "stagesync.sync.retry.max-delay (a duration)");
        REPLACED.put("stagesync.sync.timeout-ms", "stagesync.sync.timeout (a duration)");
        FAMILIES.put(Pattern.compile("stagesync\\.stages\\.[A-Za-z0-9_-]+\\.(content-api|token|parent|asset-upload)"), Rule.text());
        FAMILIES.put(Pattern.compile("stagesync\\.stages\\.[A-Za-z0-9_-]+\\.protected"), Rule.choice("true", "false"));
        FAMILIES.put(Pattern.compile("stagesync\\.stages\\.[A-Za-z0-9_-]+\\.cms"), Rule.choice(StageConfig.CMS.toArray(String[]::new)));
        FAMILIES.put(Pattern.compile("stagesync\\.stages\\.[A-Za-z0-9_-]+\\.status-field"), Rule.text());
        FAMILIES.put(Pattern.compile("stagesync\\.stages\\.[A-Za-z0-9_-]+\\.rate-limit"), Rule.decimal(0, 10_000));
        FAMILIES.put(Pattern.compile("stagesync\\.profiles\\.[A-Za-z0-9_-]+\\.(bucket|prefix)"), Rule.text());
        FAMILIES.put(Pattern.compile("stagesync\\.profiles\\.[A-Za-z0-9_-]+\\.keep"), Rule.integer(1, 100_000));
        FAMILIES.put(Pattern.compile("stagesync\\.match\\.[A-Za-z0-9_]+"), Rule.text());
        FAMILIES.put(Pattern.compile("stagesync\\.jobs\\.[A-Za-z0-9_-]+\\.(type|base|target|schedule|options\\..+)"), Rule.text());
    }

    private Settings() {
    }

    /**
     * Checks the values of every known key (placeholders such as {@code {{env:X:}}} are left to Camel) and warns about
     * keys nothing reads. {@code values}: the keys as camel-main will see them.
     *
     * @throws IllegalArgumentException one line for the first bad value
     */
    public static List<String> check(Map<String, String> values) {
        List<String> warnings = new ArrayList<>();
        values.forEach((key, raw) -> {
            if (!key.startsWith("stagesync.")) {
                return;
            }
            Rule rule = rule(key);
            if (rule == null && REPLACED.containsKey(key)) {
                String warning = "Removed key " + key + " is not read any more; use " + REPLACED.get(key);
                warnings.add(warning);
                log.warn(warning);
                return;
            }
            if (rule == null) {
                String warning = "Unknown key " + key + " is not read by StageSync" + nearest(key).map(n -> "; did you mean " + n + "?").orElse("");
                warnings.add(warning);
                log.warn(warning);
                return;
            }
            String value = raw == null ? "" : raw.trim();
            if (!value.isEmpty() && !value.contains("{{") && !rule.accepts(value)) {
                throw new IllegalArgumentException(key + " = '" + value + "' is not allowed: " + rule.allowed()
                        + " (set it in the config file or with the environment variable " + envName(key) + ")");
            }
        });
        return warnings;
    }

    /** A duration property; one line naming the key, its environment variable and the expected form when it is not one. */
    public static Duration duration(String key, String value) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " = '" + value + "' is not allowed: a duration such as 500ms, 30s or 5m"
                    + " (set it in the config file or with the environment variable " + envName(key) + ")");
        }
    }

    /** The environment variable that overrides a key (Camel's rule: upper case, '.' and '-' as '_'). */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Rule rule(String key) {
        Rule rule = KEYS.get(key);
        if (rule != null) {
            return rule;
        }
        return FAMILIES.entrySet().stream().filter(e -> e.getKey().matcher(key).matches()).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static java.util.Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KEYS.keySet()) {
            int d = EditDistance.between(key, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(3, key.length() / 4) ? java.util.Optional.of(best) : java.util.Optional.empty();
    }

    private static String format(long ms) {
        return ms % 3_600_000 == 0 && ms > 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + "m"
                : ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
