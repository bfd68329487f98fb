package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stagesync.devstage.ContentApi;
import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;
import io.stagesync.devstage.faults.FaultSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Serves {@code POST /v2/<project>/<environment>}: auth, fault injection, request counting, then the content API. */
public final class ContentApiHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ContentApiHandler.class);
    private static final Pattern MUTATION = Pattern.compile("^\\s*(#[^\\n]*\\n\\s*)*mutation\\b");
    /** A mutation field that deletes: {@code deleteAsset(}, {@code deleteManyHotelsConnection(}, … */
    private static final Pattern DELETE = Pattern.compile("\\bdelete[A-Z]\\w*\\s*\\(");

    private final String project;
    private final BearerAuth auth;
    private final ContentApi api;
    private final Function<String, FaultSettings> faults;
    private final Function<String, RequestStats> stats;

    public ContentApiHandler(String project, BearerAuth auth, ContentApi api,
                             Function<String, FaultSettings> faults, Function<String, RequestStats> stats) {
        this.project = project;
        this.auth = auth;
        this.api = api;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            // "", "v2", project, environment
            if (path.length != 4 || !project.equals(path[2])) {
                HttpJson.sendError(exchange, 404, "Not Found: no project at " + exchange.getRequestURI().getPath()
                        + " (this server serves /v2/" + project + "/<environment>)");
                return;
            }
            String refusal = auth.refusal(exchange);
            if (refusal != null) {
                HttpJson.sendError(exchange, 401, refusal);
                return;
            }
            String environment = path[3];
            if (!api.environments().contains(environment)) {
                HttpJson.sendError(exchange, 404, "Not Found: environment " + environment
                        + " does not exist in project " + project);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                HttpJson.sendError(exchange, 405, "Method Not Allowed: the content API takes POST with a JSON body");
                return;
            }
            if (!FaultGate.pass(exchange, faults.apply(environment), stats.apply(environment))) {
                return;
            }
            GraphQLRequest request = parse(exchange);
            if (request == null) {
                return;
            }
            RequestStats counter = stats.apply(environment);
            if (isMutation(request)) {
                counter.countWrite();
                if (DELETE.matcher(request.query()).find()) {
                    FaultGate.delay(faults.apply(environment).deleteLatencyMs());
                }
            } else {
                counter.countRead();
            }
            GraphQLResponse response = api.execute(environment, request);
            Map<String, Object> body = new LinkedHashMap<>(response.body());
            Object extensions = body.get("extensions");
            Map<String, Object> ext = extensions instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m)) : new LinkedHashMap<>();
            ext.putIfAbsent("requestId", HttpJson.requestId());
            body.put("extensions", ext);
            HttpJson.send(exchange, response.status(), body);
        }
    }

    private GraphQLRequest parse(HttpExchange exchange) throws IOException {
        Map<String, Object> json;
        try {
            json = HttpJson.readObject(exchange.getRequestBody());
        } catch (IOException e) {
            String reason = HttpJson.quote(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
            log.debug("Bad JSON body path={} reason={}", exchange.getRequestURI().getPath(), reason);
            HttpJson.sendError(exchange, 400, "Bad Request: the body is not a JSON object {query, variables, operationName}: " + reason);
            return null;
        }
        if (!(json.get("query") instanceof String query) || query.isBlank()) {
            HttpJson.sendError(exchange, 400, "Bad Request: the JSON body has no \"query\" string");
            return null;
        }
        Object variables = json.get("variables");
        if (variables != null && !(variables instanceof Map)) {
            HttpJson.sendError(exchange, 400, "Bad Request: \"variables\" must be a JSON object");
            return null;
        }
        String locales = exchange.getRequestHeaders().getFirst("gcms-locales");
        List<String> localeList = locales == null || locales.isBlank() ? List.of()
                : Arrays.stream(locales.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String stage = exchange.getRequestHeaders().getFirst("gcms-stage");
        Object operationName = json.get("operationName");
        return new GraphQLRequest(query, variables == null ? Map.of() : castMap((Map<?, ?>) variables),
                operationName instanceof String name ? name : null, localeList,
                stage == null || stage.isBlank() ? null : stage.trim());
    }

    /** A request writes when its (selected) operation is a mutation. */
    static boolean isMutation(GraphQLRequest request) {
        if (request.operationName() != null) {
            return Pattern.compile("\\bmutation\\s+" + Pattern.quote(request.operationName()) + "\\b")
                    .matcher(request.query()).find();
        }
        return MUTATION.matcher(request.query()).find();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
