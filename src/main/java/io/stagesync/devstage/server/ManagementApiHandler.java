package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.stagesync.devstage.DevstageBackend;
import io.stagesync.devstage.files.S3AssetFiles;
import io.stagesync.devstage.graphql.ContentScalars;
import io.stagesync.devstage.migration.ContentModelView;
import io.stagesync.devstage.migration.EnvironmentDiff;
import io.stagesync.devstage.migration.SchemaTree;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * Serves the Management API at {@code POST /graphql} in Hygraph's shapes, as far as {@code @hygraph/management-sdk}
 * and schema promotion need it: {@code metaInfo} (answered without a token, as the SDK probes it), the project's
 * environments with their exact content API endpoints, {@code environment(name) { diff(environmentName) { changes }
 * migration(id) }}, {@code submitBatchChanges} (queued, applied all or nothing) and {@code cloneEnvironment}.
 */
public final class ManagementApiHandler implements HttpHandler, AutoCloseable {

    static final String SERVER_VERSION = "devstage-0.2.0";
    private static final String SDL = """
            scalar JSON
            scalar DateTime
            type Query { metaInfo: MetaInfo!  viewer: Viewer! }
            type Mutation {
                submitBatchChanges(data: BatchMigrationInput!): AsyncOperationPayload!
                cloneEnvironment(data: CloneEnvironmentInput!): CloneEnvironmentPayload!
            }
            type MetaInfo { serverVersion: String! }
            interface Viewer { id: ID!  project(id: ID): Project }
            type TokenViewer implements Viewer { id: ID!  project(id: ID): Project }
            type AppTokenViewer implements Viewer { id: ID!  project(id: ID): Project }
            type UserViewer implements Viewer { id: ID!  projects: [Project!]!  project(id: ID): Project }
            type Project { id: ID!  name: String!  environments: [Environment!]!  environment(name: String!): Environment!
                           defaultPaginationSize: Int!  maxPaginationSize: Int! }
            type Environment { id: ID!  name: String!  displayName: String!  endpoint: String!  newDeliveryUrl: String!
                               diff(environmentName: String!): DiffEnvironmentPayload!  migration(id: ID!): Migration
                               contentModel: ContentModel! }
            type ContentModel { models: [Model!]!  components: [Component!]!  remoteSources: [RemoteSource!]!  stages: [Stage!]! }
            type Stage { id: ID!  apiId: String!  displayName: String!  colorPaletteId: String!  isSystem: Boolean!  position: Int! }
            type Component { id: ID!  apiId: String!  apiIdPlural: String!  displayName: String!  fields: [Field!]! }
            type Model { id: ID!  apiId: String!  apiIdPlural: String!  displayName: String!  fields: [Field!]! }
            type Field { id: ID!  apiId: String!  displayName: String! }
            type RemoteSource { prefix: String!  displayName: String  description: String  url: String!  type: String!
                                kind: String  introspectionMethod: String  oAuth: RemoteSourceOAuth }
            type RemoteSourceOAuth { clientId: String  scopes: [String!]  authorizationUrl: String  authorizationGrantType: String }
            type DiffEnvironmentPayload { changes: [JSON!]! }
            enum MigrationStatus { QUEUED RUNNING SUCCESS TIMEOUT FAILED }
            enum MigrationOperationType { APPLY_BATCH_CHANGES CLONE_ENVIRONMENT }
            type Migration { id: ID!  name: String  status: MigrationStatus!  errors: String  createdAt: DateTime!
                             finishedAt: DateTime  operationType: MigrationOperationType!  resourceId: ID }
            type AsyncOperationPayload { migration: Migration! }
            type CloneEnvironmentPayload { migration: Migration!  createdEnvironment: Environment! }
            input BatchMigrationInput { environmentId: ID!  name: String  changes: [BatchMigrationChangeInput!]! }
            input CloneEnvironmentOptions { content: Boolean  webhooks: Boolean }
            input CloneEnvironmentInput { id: ID!  projectId: ID  name: String!  displayName: String!  description: String
                                          cloneOptions: CloneEnvironmentOptions }
            """;

    private final String project;
    private final BearerAuth auth;
    private final DevstageBackend backend;
    private final UnaryOperator<String> endpointOf;
    private final IntSupplier maxPageSize;
    private final BiConsumer<String, String> cloner;
    private final Migrations migrations;
    private final GraphQL graphQL;

    /**
     * @param cloner creates environment {@code name} (second argument) as a clone of the first, with its buckets
     * @param held   whether migrations of an environment are held (they stay RUNNING until released)
     */
    public ManagementApiHandler(String project, BearerAuth auth, DevstageBackend backend, UnaryOperator<String> endpointOf,
                                IntSupplier maxPageSize, BiConsumer<String, String> cloner, java.util.function.Predicate<String> held) {
        this.migrations = new Migrations(held);
        this.project = project;
        this.auth = auth;
        this.backend = backend;
        this.endpointOf = endpointOf;
        this.maxPageSize = maxPageSize;
        this.cloner = cloner;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(ContentScalars.json("JSON"))
                .scalar(ContentScalars.json("DateTime"))
                .type("Query", t -> t
                        .dataFetcher("metaInfo", env -> Map.of("serverVersion", SERVER_VERSION))
                        .dataFetcher("viewer", env -> Map.of("id", "token-viewer")))
                .type("Mutation", t -> t
                        .dataFetcher("submitBatchChanges", this::submitBatchChanges)
                        .dataFetcher("cloneEnvironment", this::cloneEnvironment))
                .type("Viewer", t -> t.typeResolver(env -> env.getSchema().getObjectType("TokenViewer")))
                .type("TokenViewer", t -> t.dataFetcher("project", env -> projectFor(env.getArgument("id"))))
                .type("AppTokenViewer", t -> t.dataFetcher("project", env -> projectFor(env.getArgument("id"))))
                .type("UserViewer", t -> t
                        .dataFetcher("projects", env -> List.of(project()))
                        .dataFetcher("project", env -> projectFor(env.getArgument("id"))))
                .type("Project", t -> t.dataFetcher("environment", env -> environment(env.getArgument("name"))))
                .type("Environment", t -> t
                        .dataFetcher("diff", this::diff)
                        .dataFetcher("contentModel", env -> ContentModelView.of(SchemaTree.parse(backend.modelDefinition(environmentName(env)))))
                        .dataFetcher("migration", env -> {
                            Migrations.Migration m = migrations.find(environmentName(env), env.getArgument("id"));
                            return m == null ? null : m.toMap();
                        }))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL + changeInputs()), wiring);
        this.graphQL = GraphQL.newGraphQL(schema).build();
    }

    /** The typed {@code BatchMigrationChangeInput} and its input types and enums, as Hygraph's schema has them. */
    private static String changeInputs() {
        try (var in = ManagementApiHandler.class.getResourceAsStream("/devstage/management-inputs.graphqls")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("devstage/management-inputs.graphqls is missing from the classpath", e);
        }
    }

    private Map<String, Object> project() {
        return Map.of("id", project, "name", project,
                "environments", backend.environments().stream().sorted().map(this::environmentMap).toList(),
                "defaultPaginationSize", 10, "maxPaginationSize", maxPageSize.getAsInt());
    }

    private Object projectFor(Object id) {
        return id == null || project.equals(id) ? project() : null;
    }

    private Map<String, Object> environmentMap(String name) {
        return Map.of("id", S3AssetFiles.environmentId(name), "name", name, "displayName", name,
                "endpoint", endpointOf.apply(name), "newDeliveryUrl", endpointOf.apply(name));
    }

    private Map<String, Object> environment(String name) {
        if (!backend.environments().contains(name)) {
            throw new GraphQLException("Environment '" + name + "' not found; environments: " + backend.environments());
        }
        return environmentMap(name);
    }

    private static String environmentName(DataFetchingEnvironment env) {
        return (String) ((Map<?, ?>) env.getSource()).get("name");
    }

    private Map<String, Object> diff(DataFetchingEnvironment env) {
        String target = environmentName(env);
        String source = env.getArgument("environmentName");
        environment(source);
        return Map.of("changes", EnvironmentDiff.changes(SchemaTree.parse(backend.modelDefinition(target)),
                SchemaTree.parse(backend.modelDefinition(source))));
    }

    private String environmentById(Object id) {
        return backend.environments().stream().filter(e -> S3AssetFiles.environmentId(e).equals(id)).findFirst()
                .orElseThrow(() -> new GraphQLException("Environment with id '" + id + "' not found"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> submitBatchChanges(DataFetchingEnvironment env) {
        Map<String, Object> data = env.getArgument("data");
        String environment = environmentById(data.get("environmentId"));
        List<Map<String, Object>> changes = ((List<Map<String, Object>>) data.get("changes")).stream()
                .map(change -> {
                    Map<String, Object> set = new LinkedHashMap<>();
                    change.forEach((op, input) -> {
                        if (input != null) {
                            set.put(op, input);
                        }
                    });
                    return set;
                }).toList();
        try {
            Migrations.Migration m = migrations.submit(environment, (String) data.get("name"), "APPLY_BATCH_CHANGES",
                    name -> backend.migrate(name, changes));
            return Map.of("migration", m.toMap());
        } catch (IllegalArgumentException e) {
            throw new GraphQLException(e.getMessage());
        }
    }

    private Map<String, Object> cloneEnvironment(DataFetchingEnvironment env) {
        Map<String, Object> data = env.getArgument("data");
        String source = environmentById(data.get("id"));
        String name = (String) data.get("name");
        boolean content = !(data.get("cloneOptions") instanceof Map<?, ?> options) || !Boolean.FALSE.equals(options.get("content"));
        try {
            if (content) {
                cloner.accept(source, name);
            } else {
                throw new IllegalArgumentException("devstage clones environments with their content only (cloneOptions.content: true)");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GraphQLException(e.getMessage());
        }
        return Map.of("migration", migrations.finished(name, "CLONE_ENVIRONMENT").toMap(), "createdEnvironment", environmentMap(name));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
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
            String refusal = auth.refusal(exchange);
            if (refusal != null && !onlyMetaInfo(query)) {
                HttpJson.sendError(exchange, 401, refusal);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = json.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
            ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput(query).variables(variables)
                    .operationName(json.get("operationName") instanceof String name ? name : null).build());
            Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
            body.put("extensions", Map.of("requestId", HttpJson.requestId()));
            boolean invalid = result.getData() == null && !result.getErrors().isEmpty();
            HttpJson.send(exchange, invalid ? 400 : 200, body);
        }
    }

    /** True for a query that asks for nothing but {@code metaInfo} (the probe the SDK sends without a token). */
    private static boolean onlyMetaInfo(String query) {
        try {
            Document document = Parser.parse(query);
            return document.getDefinitions().stream().allMatch(d -> d instanceof OperationDefinition op
                    && op.getOperation() == OperationDefinition.Operation.QUERY
                    && op.getSelectionSet().getSelections().stream().allMatch(s -> s instanceof Field f
                    && (f.getName().equals("metaInfo") || f.getName().equals("__typename"))));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        migrations.close();
    }
}
