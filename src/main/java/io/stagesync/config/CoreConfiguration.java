package io.stagesync.config;

import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/**
 * Builds the beans every part shares (stage registry, rate limiter, state store, id map). The beans are lazy: created
 * on first lookup, whichever configuration class asks first.
 */
@Configuration
public class CoreConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "stageRegistry", lazy = true)
    public StageRegistry stageRegistry(CamelContext camel) {
        return new StageRegistry(ConfigValues.stagesyncProperties(camel));
    }

    @BindToRegistry(value = "stageRateLimiter", lazy = true)
    public StageRateLimiter stageRateLimiter(@org.apache.camel.BeanInject("stageRegistry") StageRegistry stages) {
        return new StageRateLimiter(stages);
    }

    @BindToRegistry(value = "stateStore", lazy = true)
    public StateStore stateStore(CamelContext camel,
                                 @PropertyInject(value = "stagesync.state.url", defaultValue = ConfigValues.STATE_URL) String url,
                                 @PropertyInject(value = "stagesync.state.user", defaultValue = "sa") String user,
                                 @PropertyInject(value = "stagesync.state.max-pool-size", defaultValue = "5") int maxPoolSize) {
        // a password may be empty (@PropertyInject takes an empty default for none)
        StateStore store = new StateStore(url.trim(), user.trim(), ConfigValues.property(camel, "stagesync.state.password", ""), maxPoolSize);
        // closed when the context stops: an embedded H2 file left open in a JVM that goes on (an application embedding
        // StageSync, a test) loses its file lock as soon as anything in that JVM opens and closes the file, and another
        // process could then write the same file. Added before the beans that use the store, so it stops after them.
        try {
            camel.addService(new org.apache.camel.support.service.ServiceSupport() {
                @Override
                protected void doStop() {
                    store.close();
                }
            }, true, true);
        } catch (Exception e) {
            store.close();
            throw new IllegalStateException("Cannot register the state store with the Camel context: " + e.getMessage(), e);
        }
        return store;
    }

    /** Marks stages busy while a mirror sync writes to them; a killed run's mark lapses after {@code stagesync.sync.busy-lease}. */
    @BindToRegistry(value = "stageLeases", lazy = true)
    public io.stagesync.state.StageLeases stageLeases(@org.apache.camel.BeanInject("stateStore") StateStore store,
                                                      @PropertyInject(value = "stagesync.sync.busy-lease", defaultValue = "30s") String lease) {
        return new io.stagesync.state.StageLeases(store.dataSource(), Settings.duration("stagesync.sync.busy-lease", lease));
    }

    @BindToRegistry(value = "idMapRepository", lazy = true)
    public IdMapRepository idMapRepository(@org.apache.camel.BeanInject("stateStore") StateStore store) {
        return new IdMapRepository(store.dataSource());
    }

    @Override
    public void configure(CamelContext context) {
        // every bean is bound by the methods above
    }
}
