package io.stagesync.config;

import io.stagesync.graphql.ConnectionPageParser;
import io.stagesync.graphql.ConnectionQueryBuilder;
import io.stagesync.graphql.GraphQLErrorCheck;
import io.stagesync.graphql.GraphQLHttpClientFactory;
import io.stagesync.graphql.GraphQLVariablesBuilder;
import io.stagesync.graphql.ModelLister;
import io.stagesync.graphql.StageAccessResolver;
import io.stagesync.graphql.RetryAfterDelay;
import io.stagesync.graphql.RetryAfterProcessor;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.graphql.GraphqlComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import java.time.Duration;

/** Binds the shared stage registry and rate limiter, builds the GraphQL client beans, and gives camel-graphql its pooled HTTP client. */
@Configuration
public class CoreConfiguration implements CamelConfiguration {

    @PropertyInject(value = "stagesync.graphql.connect-timeout", defaultValue = "5s")
    String connectTimeout;
    @PropertyInject(value = "stagesync.graphql.response-timeout", defaultValue = "30s")
    String responseTimeout;
    @PropertyInject(value = "stagesync.graphql.max-connections", defaultValue = "20")
    int maxConnections;
    @PropertyInject(value = "stagesync.retry.max-delay-ms", defaultValue = "30000")
    long maxDelayMs;

    @Override
    public void configure(CamelContext context) throws Exception {
        StageRegistry stages = SharedBeans.stageRegistry(context);
        SharedBeans.stageRateLimiter(context);
        Registry registry = context.getRegistry();
        registry.bind("stageAccessResolver", new StageAccessResolver(stages));
        registry.bind("retryAfterProcessor", new RetryAfterProcessor(new RetryAfterDelay(maxDelayMs)));
        registry.bind("graphQLVariablesBuilder", new GraphQLVariablesBuilder());
        registry.bind("graphQLErrorCheck", new GraphQLErrorCheck());
        registry.bind("modelLister", new ModelLister());
        registry.bind("connectionQueryBuilder", new ConnectionQueryBuilder());
        registry.bind("connectionPageParser", new ConnectionPageParser());

        CloseableHttpClient client = new GraphQLHttpClientFactory(duration("stagesync.graphql.connect-timeout", connectTimeout),
                duration("stagesync.graphql.response-timeout", responseTimeout), maxConnections).create();
        context.getComponent("graphql", GraphqlComponent.class).setHttpClient(client);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                client.close();
            }
        });
    }

    private static Duration duration(String key, String value) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 5s or 500ms, got: " + value, e);
        }
    }
}
