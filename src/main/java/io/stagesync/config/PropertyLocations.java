package io.stagesync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Chooses the properties file of a run: {@code --config FILE} if given (it replaces the default), else
 * {@code ./application.properties} if present, else the copy inside the jar.
 */
final class PropertyLocations {

    static final String DEFAULT_FILE = "application.properties";

    private PropertyLocations() {
    }

    static String resolve(Path configFile) {
        if (configFile != null) {
            Path file = configFile.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--config " + configFile + ": no such file (looked at " + file + ")");
            }
            return "file:" + file;
        }
        Path local = Path.of(DEFAULT_FILE).toAbsolutePath().normalize();
        if (Files.isRegularFile(local)) {
            return "file:" + local;
        }
        return "classpath:" + DEFAULT_FILE;
    }

    /** The raw (unresolved) properties of a location, for the few keys needed before camel-main starts. */
    static Properties load(String location) {
        Properties properties = new Properties();
        try (InputStream in = location.startsWith("file:")
                ? Files.newInputStream(Path.of(location.substring("file:".length())))
                : PropertyLocations.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read properties from " + location, e);
        }
        return properties;
    }
}
