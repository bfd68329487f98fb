package io.stagesync.jobs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;

/**
 * Serves {@code GET /api/runs/{id}/logs} on the platform-http server as a Vert.x handler that writes each event as
 * soon as it exists. A Camel route cannot do this here: platform-http answers an {@code InputStream} body only after
 * reading 16 KB of it (or its end), which would hold back a live log until the run ends.
 */
public final class RunLogHttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RunLogHttpHandler.class);
    static final String PATH = "/api/runs/:id/logs";

    private final JobsApi api;
    private final ExecutorService writers;

    public RunLogHttpHandler(JobsApi api, ExecutorService writers) {
        this.api = api;
        this.writers = writers;
    }

    /** Puts the handler in front of the Camel routes of the server on {@code port}. */
    public void mount(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("No platform-http server on port " + port + " to serve " + PATH);
        }
        router.route(HttpMethod.GET, PATH).order(-100).handler(this::handle);
        log.info("Live log stream mounted path={} port={}", PATH, port);
    }

    private void handle(RoutingContext rc) {
        ApiResponse answer = api.streamLogs(rc.request().getHeader("Authorization"), rc.pathParam("id"),
                rc.request().getHeader("Last-Event-ID"));
        HttpServerResponse response = rc.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
        if (!(answer.body() instanceof InputStream events)) {
            response.end(String.valueOf(answer.body()));
            return;
        }
        response.setChunked(true).putHeader("Cache-Control", "no-store");
        response.closeHandler(v -> close(events));
        writers.submit(() -> pump(events, response));
    }

    private static void pump(InputStream events, HttpServerResponse response) {
        byte[] buffer = new byte[8192];
        try (events) {
            int n;
            while (!response.closed() && (n = events.read(buffer)) > 0) {
                response.write(Buffer.buffer(Arrays.copyOf(buffer, n)));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Live log stream stopped reason={}", e.toString());
        }
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    private static void close(InputStream events) {
        try {
            events.close();
        } catch (IOException e) {
            log.debug("Closing a live log stream failed reason={}", e.toString());
        }
    }
}
