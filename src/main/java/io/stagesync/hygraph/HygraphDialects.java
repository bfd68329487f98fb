package io.stagesync.hygraph;

import java.time.Duration;
import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import io.stagesync.dialect.ModelPlan;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.AssetApi;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.RetryPolicy;
import io.stagesync.dialect.SchemaAdmin;
import org.apache.camel.ProducerTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link HygraphDialect} (and {@link HygraphClient}) per configured stage, all throttled by the same
 * {@link StageRateLimiter}; the asset operations go through the same clients.
 */
public final class HygraphDialects implements Dialects, AutoCloseable {

    private final StageRegistry stages;
    private final StageRateLimiter limiter;
    private final RetryPolicy retry;
    private final int concurrency;
    private final ProducerTemplate template;
    private final ReadDocumentBuilder documents;
    private final HygraphAssetApi assets;
    private final CloseableHttpClient http;
    private final Map<String, HygraphClient> clients = new ConcurrentHashMap<>();
    private final Map<String, HygraphClient> assetClients = new ConcurrentHashMap<>();
    private final Map<String, HygraphDialect> dialects = new ConcurrentHashMap<>();
    private final Map<String, HygraphClient> managementClients = new ConcurrentHashMap<>();
    private final HygraphSchemaAdmin schemaAdmin;

    /**
     * @param concurrency  requests in flight per stage at most
     * @param documentsDir folder of per-model read document overrides ({@code <Model>.graphql}), blank for none
     * @param customFields custom Asset fields compared and copied with the file
     * @param timeout      connect and response timeout of one request
     */
    public HygraphDialects(StageRegistry stages, StageRateLimiter limiter, RetryPolicy retry, int concurrency,
                           ProducerTemplate template, String documentsDir, List<String> customFields, Duration timeout) {
        this.stages = stages;
        this.limiter = limiter;
        this.retry = retry;
        this.concurrency = concurrency;
        this.template = template;
        this.documents = new ReadDocumentBuilder(documentsDir);
        this.assets = new HygraphAssetApi(this::assetClient, customFields);
        this.schemaAdmin = new HygraphSchemaAdmin(this::managementClient, stage -> stages.get(stage).contentApi());
        // one pool for every stage; its bound must not throttle: requests are already bounded per stage
        // (stagesync.sync.concurrency, stagesync.assets.in-flight) and connections are only opened when needed
        this.http = new GraphQLHttpClientFactory(timeout, timeout, 1024 + 4 * concurrency).create();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /**
     * Dialects outside a Camel application (benchmarks, fixtures): their own started Camel context with the graphql
     * component, no rate limit, the default retries.
     */
    public static HygraphDialects standalone(StageRegistry stages, List<String> customFields) {
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        camel.start();
        return new HygraphDialects(stages, new StageRateLimiter(stages), new RetryPolicy(6, java.time.Duration.ofMillis(250),
                java.time.Duration.ofSeconds(10)), 4, camel.createProducerTemplate(), "", customFields, Duration.ofSeconds(30));
    }

    @Override
    public Dialect forStage(String stage) {
        return dialects.computeIfAbsent(stage, name -> new HygraphDialect(client(name), documents));
    }

    @Override
    public AssetApi assets() {
        return assets;
    }

    @Override
    public SchemaAdmin schemaAdmin() {
        return schemaAdmin;
    }

    /**
     * The stage's Management API client: one attempt per call (a batch is never submitted twice; polls are repeated
     * by the caller), at the URL the Management SDK derives from the content API URL.
     */
    HygraphClient managementClient(String stage) {
        return managementClients.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            return new HygraphClient(name, HygraphSchemaAdmin.managementUrl(config.contentApi()), config.token(), limiter,
                    new RetryPolicy(1, Duration.ZERO, Duration.ZERO), Integer.MAX_VALUE, template, http);
        });
    }

    /** The read document generated for a model of a stage: the starting point of a user's override file. */
    public String readDocument(String stage, ModelPlan plan, List<String> locales) {
        HygraphModel names = new SchemaIntrospector().introspect(client(stage)).names().get(plan.name());
        return documents.readQuery(plan, names, locales);
    }

    /** The stage's client: one per stage, so its concurrency bound holds across phases. */
    HygraphClient client(String stage) {
        return clients.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            return new HygraphClient(name, config.contentApi(), config.token(), limiter, retry, concurrency, template, http);
        });
    }

    /**
     * A client of the stage for another GraphQL URL than its content API (a CMS with several endpoints): the same
     * rate limit, retries, concurrency bound and connection pool as the stage's own client.
     */
    public HygraphClient clientFor(String stage, String url) {
        return clients.computeIfAbsent(stage + " " + url, key -> new HygraphClient(stage, url, stages.get(stage).token(), limiter, retry,
                concurrency, template, http));
    }

    /**
     * The stage's client for asset calls: one attempt per call (the asset route retries the asset as a whole, so the
     * retries do not stack) and no bound of its own on calls in flight (stagesync.assets.in-flight bounds them).
     */
    HygraphClient assetClient(String stage) {
        return assetClients.computeIfAbsent(stage, name -> {
            StageConfig config = stages.get(name);
            return new HygraphClient(name, config.contentApi(), config.token(), limiter,
                    new RetryPolicy(1, Duration.ZERO, Duration.ZERO), Integer.MAX_VALUE, template, http);
        });
    }
}
