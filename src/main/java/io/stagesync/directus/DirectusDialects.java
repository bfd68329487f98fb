package io.stagesync.directus;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;

import java.time.Duration;
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
    private final AssetApi assets = new DirectusAssetApi();

    /**
     * @param transports the GraphQL sender of a stage for a URL
     * @param timeout    connect and response timeout of the REST calls
     */
    public DirectusDialects(StageRegistry stages, BiFunction<String, String, GraphQLTransport> transports, Duration timeout) {
        this.stages = stages;
        this.transports = transports;
        this.timeout = timeout;
    }

    @Override
    public Dialect forStage(String stage) {
        return dialects.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            String base = config.contentApi().replaceAll("/+$", "");
            return new DirectusDialect(name, transports.apply(name, base + "/graphql"),
                    new DirectusRest(name, base, config.token(), timeout), config.statusField());
        });
    }

    @Override
    public AssetApi assets() {
        return assets;
    }
}
