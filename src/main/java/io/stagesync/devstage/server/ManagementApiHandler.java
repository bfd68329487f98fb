package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.stagesync.devstage.ContentApi;
import io.stagesync.devstage.files.S3AssetFiles;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Serves a minimal Management API at {@code POST /graphql}: {@code metaInfo { serverVersion }} and the project's
 * environments with their exact content API endpoints (what Hygraph's Management SDK probes and matches).
 */
public final class ManagementApiHandler implements HttpHandler {

    static final String SERVER_VERSION = "devstage-0.1.0";
    private static final String SDL = """
            type Query { metaInfo: MetaInfo!  viewer: Viewer! }
            type MetaInfo { serverVersion: String! }
            interface Viewer { id: ID! }
            type TokenViewer implements Viewer { id: ID!  project(id: ID): Project }
            type AppTokenViewer implements Viewer { id: ID!  project(id: ID): Project }
            type UserViewer implements Viewer { id: ID!  projects: [Project!]!  project(id: ID): Project }
            type Project { id: ID!  name: String!  environments: [Environment!]!
                           defaultPaginationSize: Int!  maxPaginationSize: Int! }
            type Environment { id: ID!  name: String!  displayName: String!  endpoint: String!  newDeliveryUrl: String! }
            """;

    private final BearerAuth auth;
    private final GraphQL graphQL;

    public ManagementApiHandler(String project, BearerAuth auth, ContentApi api, UnaryOperator<String> endpointOf,
                                IntSupplier maxPageSize) {
        this.auth = auth;
        Supplier<Map<String, Object>> projectSupplier = () -> Map.of(
                "id", project, "name", project,
                "environments", api.environments().stream().sorted().map(env -> Map.of(
                        "id", S3AssetFiles.environmentId(env), "name", env, "displayName", env,
                        "endpoint", endpointOf.apply(env), "newDeliveryUrl", endpointOf.apply(env))).toList(),
                "defaultPaginationSize", 10, "maxPaginationSize", maxPageSize.getAsInt());
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t
                        .dataFetcher("metaInfo", env -> Map.of("serverVersion", SERVER_VERSION))
                        .dataFetcher("viewer", env -> Map.of("id", "token-viewer")))
                .type("Viewer", t -> t.typeResolver(env -> env.getSchema().getObjectType("TokenViewer")))
                .type("TokenViewer", t -> t.dataFetcher("project", env -> projectFor(env.getArgument("id"), project, projectSupplier)))
                .type("AppTokenViewer", t -> t.dataFetcher("project", env -> projectFor(env.getArgument("id"), project, projectSupplier)))
                .type("UserViewer", t -> t.dataFetcher("projects", env -> List.of(projectSupplier.get())))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        this.graphQL = GraphQL.newGraphQL(schema).build();
    }

    private static Object projectFor(Object id, String project, Supplier<Map<String, Object>> supplier) {
        return id == null || project.equals(id) ? supplier.get() : null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String refusal = auth.refusal(exchange);
            if (refusal != null) {
                HttpJson.sendError(exchange, 401, refusal);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                HttpJson.sendError(exchange, 405, "Method Not Allowed: the Management API takes POST with a JSON body");
                return;
            }
            Map<String, Object> json;
            try {
                json = HttpJson.readObject(exchange.getRequestBody());
            } catch (IOException e) {
                HttpJson.sendError(exchange, 400, "Bad Request: the body is not a JSON object {query, variables}");
                return;
            }
            if (!(json.get("query") instanceof String query)) {
                HttpJson.sendError(exchange, 400, "Bad Request: the JSON body has no \"query\" string");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = json.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
            ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput(query).variables(variables)
                    .operationName(json.get("operationName") instanceof String name ? name : null).build());
            Map<String, Object> body = new java.util.LinkedHashMap<>(result.toSpecification());
            body.put("extensions", Map.of("requestId", HttpJson.requestId()));
            boolean invalid = result.getData() == null && !result.getErrors().isEmpty();
            HttpJson.send(exchange, invalid ? 400 : 200, body);
        }
    }
}
