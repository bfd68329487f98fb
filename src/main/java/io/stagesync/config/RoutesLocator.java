package io.stagesync.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the top-level {@code routes/} folder: {@code stagesync.routes-dir} (override, environment
 * {@code STAGESYNC_ROUTES_DIR}, system property, properties file), else {@code ./routes}, else next to the jar,
 * else the copy inside the jar.
 */
final class RoutesLocator {

    static final String KEY = "stagesync.routes-dir";
    static final String CLASSPATH_PATTERN = "classpath:routes/*.camel.yaml";

    private RoutesLocator() {
    }

    static String includePattern(String overrideValue, String fileValue) {
        String configured = firstNonBlank(overrideValue, System.getenv("STAGESYNC_ROUTES_DIR"),
                System.getProperty(KEY), fileValue);
        if (configured != null) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(KEY + "=" + configured + ": not a directory (looked at " + dir + ")");
            }
            return pattern(dir);
        }
        for (Path candidate : candidates()) {
            if (Files.isDirectory(candidate)) {
                return pattern(candidate);
            }
        }
        return CLASSPATH_PATTERN;
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of("routes").toAbsolutePath().normalize());
        try {
            Path code = Path.of(RoutesLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isRegularFile(code) ? code.getParent() : code;
            // the jar in target/ or the image's /app; target/classes in a build
            for (Path d = dir; d != null && dirs.size() < 4; d = d.getParent()) {
                dirs.add(d.resolve("routes"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working directory and the jar copy remain
        }
        return dirs;
    }

    private static String pattern(Path dir) {
        return "file:" + dir.toString().replace('\\', '/') + "/*.camel.yaml";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
