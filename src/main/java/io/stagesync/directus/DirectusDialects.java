package io.stagesync.directus;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.SchemaEdit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One {@link DirectusDialect} per configured Directus stage. A stage's {@code content-api} is its base URL; items go
 * to {@code <base>/graphql} through the transport the configuration gives (the project's camel-graphql sender).
 */
public final class DirectusDialects implements Dialects {

    private final StageRegistry stages;
    private final BiFunction<String, String, GraphQLTransport> transports;
    private final Duration timeout;
    private final Map<String, DirectusDialect> dialects = new ConcurrentHashMap<>();
    private final Map<String, DirectusRest> rests = new ConcurrentHashMap<>();
    private final AssetApi assets = new DirectusAssetApi(this::rest);
    private final DirectusSchemaApplier applier;

    /**
     * @param transports the GraphQL sender of a stage for a URL
     * @param timeout    connect and response timeout of the REST calls
     */
    public DirectusDialects(StageRegistry stages, BiFunction<String, String, GraphQLTransport> transports, Duration timeout) {
        this.stages = stages;
        this.transports = transports;
        this.timeout = timeout;
        this.applier = new DirectusSchemaApplier(this::rest, stages::get);
    }

    @Override
    public Dialect forStage(String stage) {
        return dialects.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            String base = config.contentApi().replaceAll("/+$", "");
            return new DirectusDialect(name, transports.apply(name, base + "/graphql"),
                    rest(name), config.statusField());
        });
    }

    /** The REST client of a stage (one per stage, shared by its items and its files). */
    private DirectusRest rest(String stage) {
        return rests.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            return new DirectusRest(name, config.contentApi().replaceAll("/+$", ""), config.token(), timeout);
        });
    }

    @Override
    public AssetApi assets() {
        return assets;
    }

    /**
     * A schema diff between Directus stages compares their neutral schemas (read from each stage's schema snapshot)
     * and the project settings the applier names; there are no field ids or remote sources. Apply goes through Directus's own schema diff and apply
     * ({@link DirectusSchemaApplier}), cut down to what the plan's merge allows.
     */
    @Override
    public SchemaAdmin schemaAdmin() {
        return new SchemaAdmin() {
            @Override
            public Extras extras(String stage) {
                return applier.extras(stage);
            }

            @Override
            public Outcome apply(String stage, List<SchemaEdit> changes, Map<String, String> secrets, long timeoutMs) {
                return applier.apply(stage, changes, null, timeoutMs);
            }

            @Override
            public Map<String, Object> prepare(String from, String to) {
                return applier.prepare(from, to);
            }

            @Override
            public Outcome apply(String stage, List<SchemaEdit> changes, Context context, Map<String, String> secrets, long timeoutMs) {
                return applier.apply(stage, changes, context, timeoutMs);
            }
        };
    }
}
