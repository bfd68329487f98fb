package io.stagesync.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.SourceEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.support.DefaultExchange;

import java.util.List;
import java.util.Map;

/**
 * Sends an entry's JSON through migration step routes (or a user's {@code direct:transform-<Model>} route) and
 * reads the entry back from what the route returns: a JSON text, a Jackson node (jq) or a map.
 */
public final class StepRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final CamelContext camel;
    private volatile ProducerTemplate template;

    public StepRunner(CamelContext camel) {
        this.camel = camel;
    }

    /** A step that threw, or returned something that is not a JSON object. */
    public static final class StepFailedException extends RuntimeException {
        public StepFailedException(String step, String reason) {
            super(step + ": " + reason);
        }
    }

    /** The entry after each step in turn. */
    public SourceEntry apply(ModelPlan plan, List<MigrationStep> steps, SourceEntry entry) {
        SourceEntry current = entry;
        for (MigrationStep step : steps) {
            current = call(plan, step.endpoint(), step.label(), current);
        }
        return current;
    }

    /** The endpoint of the user's in-flight route for the model, or null when {@code routes/} has none. */
    public String transformEndpoint(String model) {
        String uri = "direct://transform-" + model;
        for (Route r : camel.getRoutes()) {
            String from = r.getEndpoint().getEndpointUri();
            if (from.equals(uri) || from.equals("direct:transform-" + model)) {
                return "direct:transform-" + model;
            }
        }
        return null;
    }

    /** The entry after one route. */
    public SourceEntry call(ModelPlan plan, String endpoint, String label, SourceEntry entry) {
        Exchange exchange = new DefaultExchange(camel);
        try {
            exchange.getMessage().setBody(JSON.writeValueAsString(EntryJson.toJson(plan, entry)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StepFailedException(label, "entry " + entry.id() + " cannot be written as JSON: " + e.getOriginalMessage());
        }
        exchange.getMessage().setHeader("StageSyncModel", plan.name());
        exchange.getMessage().setHeader("StageSyncEntryId", entry.id());
        Exchange done = template().send(endpoint, exchange);
        if (done.getException() != null) {
            Throwable t = done.getException();
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            throw new StepFailedException(label, t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip());
        }
        return EntryJson.fromJson(plan, entry, object(label, done.getMessage().getBody()));
    }

    private static Map<String, Object> object(String label, Object body) {
        try {
            JsonNode node;
            if (body instanceof JsonNode n) {
                node = n;
            } else if (body instanceof Map<?, ?> m) {
                node = JSON.valueToTree(m);
            } else if (body instanceof byte[] bytes) {
                node = JSON.readTree(bytes);
            } else if (body instanceof String text) {
                node = JSON.readTree(text);
            } else {
                throw new StepFailedException(label, "returned " + (body == null ? "no body" : body.getClass().getSimpleName())
                        + "; a step returns the entry as JSON (text, jq result or map)");
            }
            if (node == null || !node.isObject()) {
                throw new StepFailedException(label, "returned " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())
                        + "; a step returns the entry as a JSON object");
            }
            return JSON.convertValue(node, MAP);
        } catch (java.io.IOException e) {
            throw new StepFailedException(label, "returned text that is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }
}
