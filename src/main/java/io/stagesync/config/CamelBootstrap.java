package io.stagesync.config;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds and runs the camel-main {@link Main} of a command: property location, override properties,
 * the routes folder, package scan; runs one job endpoint to its end or the service until stopped.
 */
public final class CamelBootstrap {

    private static final Logger log = LoggerFactory.getLogger(CamelBootstrap.class);

    private final Path configFile;
    private final String propertyLocation;
    private final Properties fileProperties;
    private final String routesIncludePattern;
    private final Map<String, String> overrides;

    private CamelBootstrap(Path configFile, Map<String, String> overrides) {
        this.configFile = configFile;
        this.overrides = Map.copyOf(overrides);
        this.propertyLocation = PropertyLocations.resolve(configFile);
        this.fileProperties = PropertyLocations.load(propertyLocation);
        this.routesIncludePattern = RoutesLocator.includePattern(
                this.overrides.get(RoutesLocator.KEY), fileProperties.getProperty(RoutesLocator.KEY));
        Settings.check(effectiveProperties());
    }

    /** Every key of the file and the overrides with the value camel-main will see (environment first). */
    private Map<String, String> effectiveProperties() {
        Map<String, String> values = new java.util.TreeMap<>();
        fileProperties.stringPropertyNames().forEach(k -> values.put(k, property(k, "")));
        overrides.keySet().forEach(k -> values.put(k, property(k, "")));
        return values;
    }

    /** A bootstrap for the given {@code --config} file (null for the default) and override properties. */
    public static CamelBootstrap of(Path configFile, Map<String, String> overrides) {
        return new CamelBootstrap(configFile, overrides == null ? Map.of() : new LinkedHashMap<>(overrides));
    }

    /** The same bootstrap with more override properties (these win over earlier ones). */
    public CamelBootstrap withOverrides(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.putAll(more);
        return new CamelBootstrap(configFile, all);
    }

    /**
     * A plain (placeholder-free) key as camel-main will see it, for the few settings needed before it starts:
     * environment variable (Camel's rule: upper case, '.' and '-' as '_'), system property, override, file.
     */
    public String property(String key, String defaultValue) {
        String value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = overrides.get(key);
        }
        if (value == null) {
            value = fileProperties.getProperty(key);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public String propertyLocation() {
        return propertyLocation;
    }

    public String routesIncludePattern() {
        return routesIncludePattern;
    }

    /** A configured, not yet started camel-main. */
    public Main createMain() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocation);
        Properties props = new Properties();
        props.putAll(overrides);
        main.setOverrideProperties(props);
        main.configure()
                .withRoutesIncludePattern(routesIncludePattern)
                .withBasePackageScan("io.stagesync")
                .withShutdownTimeout(15);
        // the supervising controller starts routes in the background, racing the first job call
        main.configure().routeControllerConfig().withEnabled(false);
        // values may be secrets (tokens): log the keys only
        log.info("Camel bootstrap config={} routes={} overrideKeys={}", propertyLocation, routesIncludePattern,
                overrides.keySet());
        return main;
    }

    /**
     * Starts camel-main, sends an empty message to {@code endpointUri}, waits for the route to finish,
     * stops camel-main, and returns the reply body. A failed route throws its exception after shutdown.
     */
    public <T> T runJob(String endpointUri, Class<T> resultType) throws Exception {
        Main main = createMain();
        main.start();
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            return template.requestBody(endpointUri, null, resultType);
        } finally {
            main.stop();
        }
    }

    /** Runs camel-main until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public void runUntilStopped() throws Exception {
        createMain().run();
    }
}
