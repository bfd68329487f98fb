package io.stagesync.jobs;

import io.stagesync.config.CamelBootstrap;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts camel-main (through {@link CamelBootstrap}) as the long-running jobs service: the routes of
 * {@code routes/} plus {@code routes/jobs/}, and the HTTP server on {@code stagesync.server.port}, which also serves
 * health ({@code /observe/health}) and Prometheus metrics ({@code /observe/metrics}).
 */
public final class ServeLauncher {

    private final Main main;

    /** {@code config} replaces the default properties file when set; {@code overrides} win over it. */
    public ServeLauncher(Path config, Map<String, String> overrides) {
        CamelBootstrap settings = CamelBootstrap.of(config, overrides);
        // loopback unless configured: the image sets STAGESYNC_SERVER_HOST=0.0.0.0
        // camel-main's own keys (CAMEL_SERVER_PORT, -Dcamel.server.port) win when set, so that the management port, the
        // guard and the server agree on one port
        String host = settings.property("camel.server.host", settings.property("stagesync.server.host", "127.0.0.1"));
        String port = settings.property("camel.server.port", settings.property("stagesync.server.port", "8080"));
        Map<String, String> service = new LinkedHashMap<>();
        service.put("stagesync.jobs.enabled", "true");
        service.put("camel.server.enabled", "true");
        service.put("camel.server.host", host);
        service.put("camel.server.port", port);
        // API bodies are small JSON objects; a larger body is answered 413 before it is read
        service.put("camel.server.maxBodySize", settings.property("stagesync.server.max-body-bytes", "65536"));
        service.put("camel.server.fileUploadEnabled", "false");
        service.put("camel.management.enabled", "true");
        service.put("camel.management.host", host);
        // Health and metrics share the server's port: with two Vert.x servers, Camel 4.17's platform-http consumers
        // cannot tell which one is theirs and look for a router on 8080.
        service.put("camel.management.port", port);
        service.put("camel.management.healthCheckEnabled", "true");
        // the open health answer is UP or DOWN only; details (?exposureLevel=full) need the API token (ServiceHttpGuard)
        service.put("camel.health.exposureLevel", "oneline");
        service.put("camel.management.metricsEnabled", "true");
        service.put("camel.metrics.enabled", "true");
        service.put("camel.rest.component", "platform-http");
        service.put("camel.rest.bindingMode", "off");
        // an unexpected failure answers 500 without the stack trace in the body (it is logged)
        service.put("camel.rest.endpointProperties[muteException]", "true");
        service.putAll(overrides);
        CamelBootstrap bootstrap = CamelBootstrap.of(config, service);
        main = bootstrap.createMain();
        String routes = bootstrap.routesIncludePattern();
        main.configure().withRoutesIncludePattern(routes + "," + routes.replace("/*.camel.yaml", "/jobs/*.camel.yaml"));
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
}
