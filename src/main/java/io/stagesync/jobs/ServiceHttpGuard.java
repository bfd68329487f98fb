package io.stagesync.jobs;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sits in front of every route of the service's HTTP server (API, dashboard, health, metrics) as a Vert.x handler:
 * <ul>
 *   <li>no answer carries the request's {@code Authorization} (or cookies) back;</li>
 *   <li>security headers on every answer (strict Content-Security-Policy, nosniff, no framing) and
 *       {@code Cache-Control: no-store} under {@code /api};</li>
 *   <li>a token in the query string ({@code Authorization}, {@code access_token}) or any form body is refused with
 *       400 whatever the header says, so query and form fields can never stand in for the header;</li>
 *   <li>an address that sends too many wrong tokens gets 429 with {@code Retry-After};</li>
 *   <li>health details and metrics need the API token; the plain health checks stay open for probes.</li>
 * </ul>
 */
public final class ServiceHttpGuard {

    /** The dashboard's policy: its own scripts, styles and API calls only, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Logger log = LoggerFactory.getLogger(ServiceHttpGuard.class);
    private static final Set<String> TOKEN_PARAMETERS = Set.of("authorization", "access_token");
    /** The only query field the API reads ({@code GET /api/runs?job=NAME}); any other would become a header of the routes. */
    private static final Set<String> API_QUERY_FIELDS = Set.of("job");
    private static final List<String> ECHO_NEVER = List.of("Authorization", "Proxy-Authorization", "Cookie");
    private static final Set<String> OPEN_HEALTH = Set.of("/observe/health", "/observe/health/live", "/observe/health/ready");

    private final ApiTokenGuard tokens;
    private final WrongTokenThrottle throttle;
    private final boolean observeOpen;

    /** {@code observeOpen}: health details and metrics without the token (a port only a trusted network reaches). */
    private final java.util.concurrent.atomic.AtomicBoolean mounted = new java.util.concurrent.atomic.AtomicBoolean();

    public ServiceHttpGuard(ApiTokenGuard tokens, int wrongTokensPerMinute, boolean observeOpen) {
        this.tokens = tokens;
        this.throttle = new WrongTokenThrottle(wrongTokensPerMinute, Clock.systemUTC());
        this.observeOpen = observeOpen;
    }

    /**
     * Puts the guard in front of every route of the server on {@code port}, once: Camel calls startup listeners again
     * whenever routes start later (a new leader's route policy starts the schedule and inbox routes).
     */
    public void mount(CamelContext context, int port) {
        if (!mounted.compareAndSet(false, true)) {
            return;
        }
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("No platform-http server on port " + port + " to guard");
        }
        router.route().order(-1000).handler(this::handle);
        log.info("HTTP guard mounted port={} observeOpen={}", port, observeOpen);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        String path = rc.normalizedPath();
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        // Camel copies the request's headers into the answer when a route fails before it clears them: never send
        // the token (or other credentials) back
        rc.addHeadersEndHandler(v -> ECHO_NEVER.forEach(response.headers()::remove));
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (api) {
            response.putHeader("Cache-Control", "no-store");
        }
        MultiMap query;
        try {
            query = rc.queryParams();
        } catch (RuntimeException e) {
            refuse(rc, 400, "query", "the query string is not valid URL encoding");
            return;
        }
        if (query.names().stream().anyMatch(n -> TOKEN_PARAMETERS.contains(n.toLowerCase(Locale.ROOT)))) {
            refuse(rc, 400, "Authorization", "a token is accepted only in the 'Authorization: Bearer' header, never in the "
                    + "query string (URLs end up in logs); remove it from the URL");
            return;
        }
        if (api) {
            String unknown = query.names().stream().filter(n -> !API_QUERY_FIELDS.contains(n)).findFirst().orElse(null);
            if (unknown != null) {
                refuse(rc, 400, "query", "unknown query parameter '" + io.stagesync.config.InputQuote.of(unknown, 100)
                        + "': the API reads only " + String.join(", ", API_QUERY_FIELDS) + " from the query string");
                return;
            }
        }
        String type = request.getHeader("Content-Type");
        String lowerType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (lowerType.startsWith("application/x-www-form-urlencoded") || lowerType.startsWith("multipart/form-data")) {
            refuse(rc, 400, "body", "form bodies are not accepted; send JSON (Content-Type: application/json) and the token "
                    + "only in the 'Authorization: Bearer' header");
            return;
        }
        boolean observe = path.startsWith("/observe");
        boolean observeDetails = observe && !observeOpen && (!OPEN_HEALTH.contains(path) || !query.isEmpty());
        if (!api && !observeDetails) {
            rc.next();
            return;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            response.putHeader("Retry-After", String.valueOf(wait));
            refuse(rc, 429, null, "too many wrong tokens from this address; try again in " + wait + " s");
            return;
        }
        rc.addHeadersEndHandler(v -> {
            if (response.getStatusCode() == 401) {
                throttle.failed(address);
            }
        });
        if (observeDetails) {
            String refusal = tokens.refusal(request.getHeader("Authorization"));
            if (refusal != null) {
                refuse(rc, 401, null, refusal + " (health details and metrics need the API token; "
                        + String.join(", ", OPEN_HEALTH) + " stay open without a query)");
                return;
            }
        }
        rc.next();
    }

    private static void refuse(RoutingContext rc, int status, String field, String message) {
        ApiResponse answer = ApiResponse.error(status, field, message);
        rc.response().setStatusCode(status).putHeader("Content-Type", answer.contentType())
                .putHeader("Cache-Control", "no-store").end(String.valueOf(answer.body()));
    }
}
