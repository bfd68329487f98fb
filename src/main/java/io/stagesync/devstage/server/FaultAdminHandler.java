package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stagesync.devstage.faults.FaultSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Serves {@code GET/PUT /_devstage/faults/<environment>} with the JSON fault settings; bearer token required. */
public final class FaultAdminHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(FaultAdminHandler.class);

    private final BearerAuth auth;
    private final Supplier<Set<String>> environments;
    private final Function<String, FaultSettings> faults;

    public FaultAdminHandler(BearerAuth auth, Supplier<Set<String>> environments, Function<String, FaultSettings> faults) {
        this.auth = auth;
        this.environments = environments;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String refusal = auth.refusal(exchange);
            if (refusal != null) {
                HttpJson.sendError(exchange, 401, refusal);
                return;
            }
            String environment = exchange.getRequestURI().getPath().substring("/_devstage/faults/".length());
            if (!environments.get().contains(environment)) {
                HttpJson.sendError(exchange, 404, "Not Found: environment " + environment + " does not exist");
                return;
            }
            FaultSettings settings = faults.apply(environment);
            switch (exchange.getRequestMethod()) {
                case "GET" -> HttpJson.send(exchange, 200, settings.toMap());
                case "PUT" -> {
                    Map<String, Object> body;
                    try {
                        body = HttpJson.readObject(exchange.getRequestBody());
                        settings.apply(body);
                    } catch (IOException | IllegalArgumentException e) {
                        HttpJson.sendError(exchange, 400, "Bad Request: fault settings for " + environment + ": " + e.getMessage());
                        return;
                    }
                    log.info("Fault settings changed environment={} settings={}", environment, settings.toMap());
                    HttpJson.send(exchange, 200, settings.toMap());
                }
                default -> HttpJson.sendError(exchange, 405, "Method Not Allowed: use GET or PUT");
            }
        }
    }
}
