package io.stagesync.devstage.graphql;

import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import io.stagesync.devstage.model.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the executable GraphQL API of one environment: generated SDL, resolvers, error handling, document cache. */
final class ContentGraphQL {
    private static final Logger LOG = LoggerFactory.getLogger(ContentGraphQL.class);
    private static final int DOCUMENT_CACHE_SIZE = 2000;

    private ContentGraphQL() {
    }

    static GraphQL build(ContentRuntime rt) {
        String sdl = SchemaSdl.of(rt.schema);
        QueryFetchers queries = new QueryFetchers(rt);
        MutationFetchers mutations = new MutationFetchers(rt);
        EntryFieldFetcher fields = new EntryFieldFetcher(rt);
        graphql.schema.TypeResolver byModel = e -> e.getSchema().getObjectType(((EntryView) e.getObject()).doc().model);
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(ContentScalars.DATE_TIME).scalar(ContentScalars.DATE)
                .scalar(ContentScalars.JSON).scalar(ContentScalars.LONG)
                .scalar(ContentScalars.named("RichTextAST", ContentScalars.JSON))
                .scalar(ContentScalars.named("Hex", graphql.Scalars.GraphQLString))
                .scalar(ContentScalars.named("RGBAHue", graphql.Scalars.GraphQLInt))
                .scalar(ContentScalars.named("RGBATransparency", graphql.Scalars.GraphQLFloat))
                .type(TypeRuntimeWiring.newTypeWiring("Location").dataFetcher("distance", StructuredValues.distance()))
                .type(TypeRuntimeWiring.newTypeWiring("Node").typeResolver(byModel))
                .type(TypeRuntimeWiring.newTypeWiring("Entity").typeResolver(byModel));
        java.util.Set<String> unions = new java.util.HashSet<>();
        for (ModelInfo m : rt.schema.models()) {
            m.fields().stream().filter(f -> !f.members().isEmpty() && (f.modular() || f.type() == io.stagesync.devstage.model.FieldType.UNION))
                    .filter(f -> unions.add(f.unionType()))
                    .forEach(f -> wiring.type(TypeRuntimeWiring.newTypeWiring(f.unionType()).typeResolver(byModel)));
        }
        for (ModelInfo c : rt.schema.components()) {
            c.fields().stream().filter(f -> !f.members().isEmpty() && (f.modular() || f.type() == io.stagesync.devstage.model.FieldType.UNION))
                    .filter(f -> unions.add(f.unionType()))
                    .forEach(f -> wiring.type(TypeRuntimeWiring.newTypeWiring(f.unionType()).typeResolver(byModel)));
            wiring.type(TypeRuntimeWiring.newTypeWiring(c.apiId()).defaultDataFetcher(fields));
        }
        TypeRuntimeWiring.Builder query = TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("node", queries.node())
                .dataFetcher("entities", queries.entities());
        TypeRuntimeWiring.Builder mutation = TypeRuntimeWiring.newTypeWiring("Mutation");
        for (ModelInfo m : rt.schema.models()) {
            query.dataFetcher(m.singularQuery(), queries.single(m))
                    .dataFetcher(m.pluralQuery(), queries.list(m))
                    .dataFetcher(m.pluralQuery() + "Connection", queries.connection(m));
            String t = m.apiId();
            String p = m.plural();
            mutation.dataFetcher("create" + t, mutations.create(m))
                    .dataFetcher("update" + t, mutations.update(m))
                    .dataFetcher("upsert" + t, mutations.upsert(m))
                    .dataFetcher("delete" + t, mutations.delete(m))
                    .dataFetcher("publish" + t, mutations.publish(m))
                    .dataFetcher("unpublish" + t, mutations.unpublish(m));
            for (String kind : new String[]{"update", "delete", "publish", "unpublish"}) {
                mutation.dataFetcher(kind + "Many" + p + "Connection", mutations.many(m, kind, true))
                        .dataFetcher(kind + "Many" + p, mutations.many(m, kind, false));
            }
            wiring.type(TypeRuntimeWiring.newTypeWiring(t).defaultDataFetcher(fields));
        }
        for (io.stagesync.devstage.model.FieldInfo f : RichTextReferences.fields(rt.schema)) {
            wiring.type(TypeRuntimeWiring.newTypeWiring(RichTextReferences.typeName(f) + "EmbeddedTypes").typeResolver(byModel))
                    .type(TypeRuntimeWiring.newTypeWiring(RichTextReferences.typeName(f)).dataFetcher("references", RichTextReferences.fetcher(rt)));
        }
        ScheduleService schedules = rt.schedules;
        query.dataFetcher("scheduledOperation", schedules.operations(true)).dataFetcher("scheduledOperations", schedules.operations(false))
                .dataFetcher("scheduledRelease", schedules.releases(true)).dataFetcher("scheduledReleases", schedules.releases(false));
        mutation.dataFetcher("createScheduledRelease", schedules.createRelease())
                .dataFetcher("updateScheduledRelease", schedules.updateRelease())
                .dataFetcher("deleteScheduledRelease", schedules.deleteRelease());
        for (ModelInfo m : rt.schema.models()) {
            mutation.dataFetcher("schedulePublish" + m.apiId(), schedules.schedule(m, true))
                    .dataFetcher("scheduleUnpublish" + m.apiId(), schedules.schedule(m, false));
        }
        wiring.type(TypeRuntimeWiring.newTypeWiring("ScheduledOperationAffectedDocument").typeResolver(byModel))
                .type(TypeRuntimeWiring.newTypeWiring("ScheduledOperation").dataFetcher("release", schedules.releaseOf())
                        .dataFetcher("affectedDocuments", schedules.affectedDocuments()))
                .type(TypeRuntimeWiring.newTypeWiring("ScheduledRelease").dataFetcher("operations", schedules.operationsOf()));
        wiring.type(query).type(mutation);
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
        DataFetcherExceptionHandler errors = params -> {
            Throwable e = params.getException();
            String message;
            if (e instanceof ContentException) {
                message = e.getMessage();
            } else {
                LOG.warn("Resolver failure environment={} path={}", rt.environment(), params.getPath(), e);
                message = "Internal error in " + params.getPath() + ": " + e;
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
                    .error(GraphqlErrorBuilder.newError().message(message).path(params.getPath())
                            .location(params.getSourceLocation()).build()).build());
        };
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(errors)
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(errors))
                .preparsedDocumentProvider(new DocumentCache())
                .build();
    }

    /** Caches parsed and validated documents by query text (the same queries repeat while paging or syncing). */
    private static final class DocumentCache implements PreparsedDocumentProvider {
        private final Map<String, PreparsedDocumentEntry> cache = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(graphql.ExecutionInput input,
                java.util.function.Function<graphql.ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            PreparsedDocumentEntry entry = cache.get(input.getQuery());
            if (entry == null) {
                entry = parseAndValidate.apply(input);
                if (cache.size() >= DOCUMENT_CACHE_SIZE) {
                    cache.clear();
                }
                cache.put(input.getQuery(), entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
    }
}
