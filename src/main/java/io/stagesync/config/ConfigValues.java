package io.stagesync.config;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration values and beans read from the Camel context for the configuration classes: the families of keys
 * with a name inside ({@code stagesync.stages.<name>.*}, {@code stagesync.match.<Model>}) that {@code @PropertyInject}
 * cannot list, values that may be empty (which {@code @PropertyInject} takes as no default), and bound beans.
 */
public final class ConfigValues {

    /**
     * Default state store: an H2 file that the jobs service and a CLI sync can open at once (AUTO_SERVER), with
     * commits written at once (WRITE_DELAY=0) so a killed process loses no saved checkpoint.
     */
    public static final String STATE_URL = "jdbc:h2:file:./data/stagesync;AUTO_SERVER=TRUE;WRITE_DELAY=0";

    private ConfigValues() {
    }

    /** A property, trimmed; the fallback when it is missing or blank. */
    public static String property(CamelContext camel, String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    /** A whole-number property; a clear error naming the key when it is not one. */
    public static int integer(CamelContext camel, String key, String fallback) {
        String value = property(camel, key, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + value);
        }
    }

    /** A duration property (Camel's form: 500ms, 30s, 5m) in milliseconds; one line naming the key when it is not one. */
    public static long durationMillis(CamelContext camel, String key, String fallback) {
        return Settings.duration(key, property(camel, key, fallback)).toMillis();
    }

    /** Every {@code stagesync.*} key from the property files, initial and override properties, resolved. */
    public static Map<String, String> stagesyncProperties(CamelContext camel) {
        PropertiesComponent pc = camel.getPropertiesComponent();
        Map<String, String> result = new TreeMap<>();
        pc.loadProperties(k -> k.startsWith("stagesync.")).stringPropertyNames()
                .forEach(k -> pc.resolveProperty(k).ifPresent(v -> result.put(k, v)));
        return result;
    }

    /** The bean bound under {@code name}; a clear error when no configuration class bound it. */
    public static <T> T bean(CamelContext camel, String name, Class<T> type) {
        T bean = camel.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("No bean '" + name + "' (" + type.getSimpleName() + ") is bound: is CoreConfiguration loaded?");
        }
        return bean;
    }
}
