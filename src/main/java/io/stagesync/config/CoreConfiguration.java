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
import io.stagesync.graphql.StageRateLimiter;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.graphql.GraphqlComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Builds the stage registry and the GraphQL client beans, and gives camel-graphql its pooled HTTP client. */
@Configuration
public class CoreConfiguration implements CamelConfiguration {

    private static final String STAGE_PREFIX = "stagesync.stages.";

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
        StageRegistry stages = new StageRegistry(stageProperties(context.getPropertiesComponent()));
        Registry registry = context.getRegistry();
        registry.bind("stageRegistry", stages);
        registry.bind("stageAccessResolver", new StageAccessResolver(stages));
        registry.bind("stageRateLimiter", new StageRateLimiter(stages));
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

    /**
     * Every {@code stagesync.stages.*} key, resolved through the properties component so that environment
     * variables override it and {@code {{env:…}}} placeholders are applied.
     */
    static Map<String, String> stageProperties(PropertiesComponent properties) {
        Map<String, String> result = new TreeMap<>();
        for (Object key : properties.loadPropertiesAsMap().keySet()) {
            String name = key.toString();
            if (name.startsWith(STAGE_PREFIX)) {
                properties.resolveProperty(name).ifPresent(value -> result.put(name, value));
            }
        }
        return result;
    }

    private static Duration duration(String key, String value) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 5s or 500ms, got: " + value, e);
        }
    }
}
