package io.stagesync.hygraph;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/** Builds the pooled Apache HttpClient 5 that camel-graphql uses, with connect, response and pool-wait timeouts. */
public final class GraphQLHttpClientFactory {

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxConnections;

    public GraphQLHttpClientFactory(Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("stagesync.sync.timeout must be > 0, got: " + connectTimeout);
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("stagesync.sync.timeout must be > 0, got: " + responseTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection pool size must be >= 1, got: " + maxConnections);
        }
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.maxConnections = maxConnections;
    }

    public CloseableHttpClient create() {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                // every stage is one route (host); let one stage use the whole pool
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                        .build())
                // retries are the route error handler's job (backoff, logging), not the client's
                .disableAutomaticRetries()
                .useSystemProperties()
                .build();
    }
}
