package io.stagesync.devstage.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import io.stagesync.devstage.AssetFiles;
import io.stagesync.devstage.DevstageBackend;
import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;
import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.ModelDefinitionException;
import io.stagesync.devstage.model.ModelDefinitionParser;
import io.stagesync.devstage.migration.SchemaMigrator;
import io.stagesync.devstage.migration.SchemaTree;
import io.stagesync.devstage.store.DemoContentGenerator;
import io.stagesync.devstage.store.DocumentRepository;
import io.stagesync.devstage.store.EnvironmentStore;
import io.stagesync.devstage.store.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** devstage's content API: one generated GraphQL schema and document store per environment, persisted over JDBC. */
public final class DevstageContentApi implements DevstageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DevstageContentApi.class);
    private final DocumentRepository repository;
    private final AssetFiles files;
    private final IdGenerator requestIds = new IdGenerator();
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();
    private final Map<String, String> modelJson = new ConcurrentHashMap<>();
    private volatile int maxPageSize = 100;

    private record Environment(ContentRuntime runtime, GraphQL graphQL) {
    }

    /** Opens the store and loads every environment already in the database. */
    public DevstageContentApi(DataSource dataSource, AssetFiles files) {
        this.repository = new DocumentRepository(dataSource);
        this.files = files;
        repository.environments().forEach(this::open);
    }

    /** Creates an environment with a model definition; no-op if it exists with the same definition. */
    @Override
    public synchronized void createEnvironment(String name, String modelDefinitionJson) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("Environment name '" + name + "' must be letters, digits, '-' or '_'");
        }
        ContentSchema schema = ModelDefinitionParser.parse(modelDefinitionJson);
        String existing = modelJson.get(name);
        if (existing != null) {
            if (!ModelDefinitionParser.parse(existing).definition().equals(schema.definition())) {
                throw new ModelDefinitionException("Environment " + name + " already exists with a different model definition");
            }
            return;
        }
        repository.createEnvironment(name, modelDefinitionJson);
        open(name, modelDefinitionJson);
    }

    /** Fills an environment with deterministic demo content of the given size; no-op when it has content. */
    @Override
    public void seedDemo(String environment, int size) {
        Environment env = require(environment);
        if (!env.runtime().store.isEmpty()) {
            LOG.info("Demo content skipped environment={} reason=has-content", environment);
            return;
        }
        if ("kitchen-sink".equals(env.runtime().schema.definition().demo())) {
            ContentSchema schema = env.runtime().schema;
            List<String> assets = new DemoContentGenerator(env.runtime().store, files, size).seedAssets(Math.max(6, size / 5),
                    schema.locales().size() > 1 ? schema.locales().get(1) : null);
            new KitchenSinkContent((query, variables) -> {
                GraphQLResponse r = execute(environment, new GraphQLRequest(query, variables, null, List.of(), null));
                if (r.body().get("errors") != null) {
                    throw new IllegalStateException("Kitchen-sink demo write failed: " + r.body().get("errors"));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) r.body().get("data");
                return data;
            }, assets, size).generate();
            return;
        }
        new DemoContentGenerator(env.runtime().store, files, size).generate();
    }

    /** The largest {@code first}/{@code last} accepted (Hygraph: 100; older projects 1000). */
    @Override
    public void setMaxPageSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, got " + max);
        }
        this.maxPageSize = max;
    }

    @Override
    public Set<String> environments() {
        return new TreeSet<>(environments.keySet());
    }

    @Override
    public GraphQLResponse execute(String environment, GraphQLRequest request) {
        String requestId = requestIds.next();
        Environment env = environments.get(environment);
        if (env == null) {
            return error(404, "Environment '" + environment + "' not found in project; known: " + environments(), requestId);
        }
        if (request.query() == null || request.query().isBlank()) {
            return error(400, "Request body must contain a GraphQL 'query'", requestId);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        if (request.stage() != null) {
            context.put(RequestArgs.HEADER_STAGE, request.stage());
        }
        context.put(RequestArgs.HEADER_LOCALES, request.locales());
        ExecutionInput input = ExecutionInput.newExecutionInput().query(request.query())
                .variables(request.variables()).operationName(request.operationName())
                .graphQLContext(context).build();
        ExecutionResult result = env.graphQL().execute(input);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (GraphQLError e : result.getErrors()) {
                errors.add(e.toSpecification());
            }
            body.put("errors", errors);
        }
        body.put("data", result.isDataPresent() ? result.getData() : null);
        body.put("extensions", Map.of("requestId", requestId));
        int status = !result.isDataPresent() && !result.getErrors().isEmpty() ? 400 : 200;
        return new GraphQLResponse(status, body);
    }

    @Override
    public synchronized void copyContent(String source, String target) {
        require(source);
        Environment into = require(target);
        if (!into.runtime().store.isEmpty()) {
            throw new IllegalStateException("Environment " + target + " has content; content is copied into an empty environment only");
        }
        if (!ModelDefinitionParser.parse(modelJson.get(source)).definition().equals(ModelDefinitionParser.parse(modelJson.get(target)).definition())) {
            throw new ModelDefinitionException("Environments " + source + " and " + target + " have different model definitions");
        }
        List<DocumentRepository.Change> changes = new ArrayList<>();
        repository.load(source, (stage, document) -> changes.add(new DocumentRepository.Change(stage, document.model, document.id, document)));
        ContentSchema schema = ModelDefinitionParser.parse(modelJson.get(source));
        changes.stream().filter(c -> ContentSchema.ASSET.equals(c.model()))
                .flatMap(c -> c.document().localized.keySet().stream().map(l -> schema.assetFileKey(c.id(), l)))
                .distinct().forEach(key -> files.copy(source, target, key));
        repository.write(target, changes);
        open(target, modelJson.get(target));
        LOG.info("Content copied source={} target={} documents={}", source, target, changes.size());
    }

    @Override
    public String modelDefinition(String environment) {
        require(environment);
        return modelJson.get(environment);
    }

    @Override
    public synchronized void cloneEnvironment(String source, String target) {
        require(source);
        if (environments.containsKey(target)) {
            throw new IllegalArgumentException("Environment '" + target + "' already exists");
        }
        createEnvironment(target, modelJson.get(source));
        copyContent(source, target);
    }

    @Override
    public synchronized void migrate(String environment, List<Map<String, Object>> changes) {
        Environment env = require(environment);
        env.runtime().store.transaction(() -> {
            List<SchemaMigrator.StagedDocument> documents = new ArrayList<>();
            repository.load(environment, (stage, doc) -> documents.add(new SchemaMigrator.StagedDocument(stage, doc)));
            SchemaMigrator migrator = new SchemaMigrator(SchemaTree.parse(modelJson.get(environment)), documents);
            String json;
            try {
                migrator.apply(changes);
                json = migrator.tree().toJson();
                ModelDefinitionParser.parse(json);
            } catch (SchemaMigrator.MigrationException | ModelDefinitionException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            repository.replaceEnvironment(environment, json, migrator.documents().stream()
                    .map(d -> new DocumentRepository.Change(d.stage(), d.document().model, d.document().id, d.document())).toList());
            open(environment, json);
            return null;
        });
        LOG.info("Schema changed environment={} changes={}", environment, changes.size());
    }

    private void open(String name, String json) {
        ContentSchema schema = ModelDefinitionParser.parse(json);
        EnvironmentStore store = new EnvironmentStore(name, schema, repository);
        ContentRuntime runtime = new ContentRuntime(store, files, () -> maxPageSize);
        environments.put(name, new Environment(runtime, ContentGraphQL.build(runtime)));
        modelJson.put(name, json);
        LOG.info("Environment opened environment={} models={}", name, schema.models().size());
    }

    private Environment require(String environment) {
        Environment env = environments.get(environment);
        if (env == null) {
            throw new IllegalArgumentException("Unknown environment '" + environment + "'; known: " + environments());
        }
        return env;
    }

    private static GraphQLResponse error(int status, String message, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message)));
        body.put("data", null);
        body.put("extensions", Map.of("requestId", requestId));
        return new GraphQLResponse(status, body);
    }
}
