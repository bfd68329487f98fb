package io.stagesync.config;

import io.stagesync.hygraph.GraphQLHttpClientFactory;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.graphql.GraphqlComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Builds the beans every part shares (stage registry, rate limiter, state store, id map) and gives camel-graphql its
 * pooled HTTP client. The beans are lazy: created on first lookup, whichever configuration class asks first.
 */
@Configuration
public class CoreConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "stageRegistry", lazy = true)
    public StageRegistry stageRegistry(CamelContext camel) {
        return new StageRegistry(SharedBeans.stagesyncProperties(camel));
    }

    @BindToRegistry(value = "stageRateLimiter", lazy = true)
    public StageRateLimiter stageRateLimiter(@org.apache.camel.BeanInject("stageRegistry") StageRegistry stages) {
        return new StageRateLimiter(stages);
    }

    @BindToRegistry(value = "stateStore", lazy = true)
    public StateStore stateStore(CamelContext camel,
                                 @PropertyInject(value = "stagesync.state.url", defaultValue = SharedBeans.STATE_URL) String url,
                                 @PropertyInject(value = "stagesync.state.user", defaultValue = "sa") String user,
                                 @PropertyInject(value = "stagesync.state.max-pool-size", defaultValue = "5") int maxPoolSize) {
        // a password may be empty (@PropertyInject takes an empty default for none)
        return new StateStore(url.trim(), user.trim(), SharedBeans.property(camel, "stagesync.state.password", ""), maxPoolSize);
    }

    @BindToRegistry(value = "idMapRepository", lazy = true)
    public IdMapRepository idMapRepository(@org.apache.camel.BeanInject("stateStore") StateStore store) {
        return new IdMapRepository(store.dataSource());
    }

    @PropertyInject(value = "stagesync.sync.timeout", defaultValue = "30s")
    String timeout;
    @PropertyInject(value = "stagesync.sync.concurrency", defaultValue = "4")
    int concurrency;


    @Override
    public void configure(CamelContext context) throws Exception {
        // camel-graphql sends every request of a sync; one pool for all stages. Its bound must not throttle: requests are
        // already bounded per stage (stagesync.sync.concurrency, stagesync.assets.in-flight), and connections are only
        // opened when needed, so the bound is the largest number of assets in flight plus the writers of two stages
        CloseableHttpClient client = new GraphQLHttpClientFactory(Settings.duration("stagesync.sync.timeout", timeout),
                Settings.duration("stagesync.sync.timeout", timeout), 1024 + 4 * concurrency).create();
        context.getComponent("graphql", GraphqlComponent.class).setHttpClient(client);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                client.close();
            }
        });
    }
}
