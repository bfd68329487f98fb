package io.stagesync.config;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages configured under {@code stagesync.stages.<name>.<key>}, validated at construction.
 */
public final class StageRegistry {

    private static final Pattern KEY = Pattern.compile("stagesync\\.stages\\.([A-Za-z0-9_-]+)\\.([a-z-]+)");

    private final Map<String, StageConfig> stages;

    /** Builds the registry from all properties; keys outside {@code stagesync.stages.} are ignored. */
    public StageRegistry(Map<String, String> properties) {
        Map<String, Map<String, String>> byStage = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                byStage.computeIfAbsent(m.group(1), n -> new TreeMap<>()).put(m.group(2), value);
            }
        });
        Map<String, StageConfig> result = new TreeMap<>();
        byStage.forEach((name, keys) -> result.put(name, toStage(name, keys)));
        result.values().forEach(s -> {
            if (s.parent() != null && !result.containsKey(s.parent())) {
                throw new IllegalArgumentException("stagesync.stages." + s.name() + ".parent names an unknown stage: " + s.parent());
            }
        });
        this.stages = Map.copyOf(result);
    }

    public StageConfig get(String name) {
        StageConfig stage = stages.get(name);
        if (stage == null) {
            throw new IllegalArgumentException("Unknown stage '" + name + "'; configured stages: " + stages.keySet()
                    + " (define stagesync.stages." + name + ".content-api)");
        }
        return stage;
    }

    public boolean contains(String name) {
        return stages.containsKey(name);
    }

    public Collection<StageConfig> all() {
        return new TreeMap<>(stages).values();
    }

    private static StageConfig toStage(String name, Map<String, String> keys) {
        String prefix = "stagesync.stages." + name + ".";
        String url = blankToNull(keys.get("content-api"));
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(prefix + "content-api must be an http(s) URL, got: " + url);
        }
        double rate;
        try {
            rate = keys.containsKey("rate-limit") ? Double.parseDouble(keys.get("rate-limit").trim()) : 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "rate-limit must be a number of requests per second, got: " + keys.get("rate-limit"));
        }
        if (rate < 0) {
            throw new IllegalArgumentException(prefix + "rate-limit must be >= 0, got: " + rate);
        }
        String cms = keys.containsKey("cms") ? keys.get("cms").trim() : StageConfig.HYGRAPH;
        if (!StageConfig.CMS.contains(cms)) {
            throw new IllegalArgumentException(prefix + "cms = '" + cms + "' is not allowed: one of " + String.join(", ", StageConfig.CMS));
        }
        String statusField = blankToNull(keys.get("status-field"));
        return new StageConfig(name, url, blankToNull(keys.get("token")),
                Boolean.parseBoolean(keys.getOrDefault("protected", "false").trim()),
                blankToNull(keys.get("parent")), rate, cms, statusField == null ? "status" : statusField);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
