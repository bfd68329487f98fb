package io.stagesync.graphql;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One {@link GraphQLStageClient} per configured stage, all throttled by the same {@link StageRateLimiter}. The
 * registry and limiter are looked up when first needed, so the instances every part of the application shares
 * are used whichever configuration class bound them.
 */
public final class GraphQLStageClients {

    private final Supplier<StageRegistry> stages;
    private final Supplier<StageRateLimiter> limiter;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final int concurrency;
    private final Map<String, GraphQLStageClient> clients = new ConcurrentHashMap<>();

    public GraphQLStageClients(Supplier<StageRegistry> stages, Supplier<StageRateLimiter> limiter, RetryPolicy retry,
                               Duration timeout, int concurrency) {
        this.stages = stages;
        this.limiter = limiter;
        this.retry = retry;
        this.timeout = timeout;
        this.concurrency = concurrency;
    }

    public GraphQLStageClient client(String stage) {
        return clients.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get().get(name);
            return new GraphQLStageClient(name, config.contentApi(), config.token(), limiter.get(), retry, timeout, concurrency);
        });
    }

    public StageRegistry stages() {
        return stages.get();
    }

    public StageRateLimiter limiter() {
        return limiter.get();
    }
}
