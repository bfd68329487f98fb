package io.stagesync.graphql;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link GraphQLStageClient} per configured stage, all throttled by the same {@link StageRateLimiter}.
 */
public final class GraphQLStageClients {

    private final StageRegistry stages;
    private final StageRateLimiter limiter;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final int concurrency;
    private final Map<String, GraphQLStageClient> clients = new ConcurrentHashMap<>();

    public GraphQLStageClients(StageRegistry stages, StageRateLimiter limiter, RetryPolicy retry, Duration timeout, int concurrency) {
        this.stages = stages;
        this.limiter = limiter;
        this.retry = retry;
        this.timeout = timeout;
        this.concurrency = concurrency;
        stages.all().forEach(s -> limiter.configure(s.name(), s.rateLimit()));
    }

    public GraphQLStageClient client(String stage) {
        return clients.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            return new GraphQLStageClient(name, config.contentApi(), config.token(), limiter, retry, timeout, concurrency);
        });
    }

    public StageRegistry stages() {
        return stages;
    }

    public StageRateLimiter limiter() {
        return limiter;
    }
}
