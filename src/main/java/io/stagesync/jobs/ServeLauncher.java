package io.stagesync.jobs;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Starts camel-main as the long-running jobs service: the routes of {@code routes/} plus {@code routes/jobs/},
 * the HTTP server on {@code stagesync.server.port}, also serving health ({@code /observe/health}) and Prometheus
 * metrics ({@code /observe/metrics}).
 */
public final class ServeLauncher {

    private final Main main;

    /** {@code config} replaces the default properties file when set; {@code overrides} win over it and the environment. */
    public ServeLauncher(Path config, Map<String, String> overrides) {
        Properties file = load(config);
        main = new Main();
        // Without --config: the copy in the jar, then the project's top-level file when started in the project folder.
        main.setPropertyPlaceholderLocations(config == null
                ? "classpath:application.properties;optional=true,file:application.properties;optional=true"
                : "file:" + config.toAbsolutePath());
        String host = setting("stagesync.server.host", "0.0.0.0", file, overrides);
        String port = setting("stagesync.server.port", "8080", file, overrides);
        Properties props = new Properties();
        props.put("stagesync.jobs.enabled", "true");
        props.put("camel.main.basePackageScan", "io.stagesync");
        props.put("camel.main.routesIncludePattern", setting("stagesync.jobs.routes",
                "file:routes/*.camel.yaml,file:routes/jobs/*.camel.yaml", file, overrides));
        props.put("camel.server.enabled", "true");
        props.put("camel.server.host", host);
        props.put("camel.server.port", port);
        props.put("camel.management.enabled", "true");
        props.put("camel.management.host", host);
        // Health and metrics share the server's port: with two Vert.x servers, Camel 4.17's platform-http consumers
        // cannot tell which one is theirs and look for a router on 8080.
        props.put("camel.management.port", port);
        props.put("camel.management.healthCheckEnabled", "true");
        props.put("camel.management.metricsEnabled", "true");
        props.put("camel.metrics.enabled", "true");
        props.put("camel.rest.component", "platform-http");
        props.put("camel.rest.bindingMode", "off");
        props.putAll(overrides);
        main.setOverrideProperties(props);
    }

    /** Puts a bean into the registry before start (embedding; beans of the configuration classes win). */
    public ServeLauncher bind(String name, Object bean) {
        main.bind(name, bean);
        return this;
    }

    /** Runs until the JVM is asked to stop. */
    public int run() throws Exception {
        main.run();
        return main.getExitCode();
    }

    /** Starts without blocking (tests and embedding). */
    public CamelContext start() throws Exception {
        main.start();
        return main.getCamelContext();
    }

    public void stop() throws Exception {
        main.stop();
    }

    /** A key from the overrides, else the environment ({@code STAGESYNC_SERVER_PORT}), else the file, else the default. */
    private static String setting(String key, String fallback, Properties file, Map<String, String> overrides) {
        String env = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        String value = overrides.containsKey(key) ? overrides.get(key)
                : env != null ? env : file.getProperty(key, fallback);
        return value == null || value.isBlank() || value.contains("{{") ? fallback : value.trim();
    }

    private static Properties load(Path config) {
        Properties props = new Properties();
        try {
            if (config != null) {
                try (InputStream in = Files.newInputStream(config)) {
                    props.load(in);
                }
                return props;
            }
            try (InputStream in = ServeLauncher.class.getClassLoader().getResourceAsStream("application.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            Path local = Path.of("application.properties");
            if (Files.isRegularFile(local)) {
                try (InputStream in = Files.newInputStream(local)) {
                    props.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration " + (config == null ? "application.properties" : config), e);
        }
        return props;
    }
}
