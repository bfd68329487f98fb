package io.stagesync.config;

import io.stagesync.graphql.StageRateLimiter;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Looks up, or creates and binds on first use, the beans several parts share (state store, stage registry, rate
 * limiter, id map), with their defaults defined once; every configuration class asks here, in whatever order
 * camel-main runs them. Also reads plain {@code stagesync.*} properties with a fallback.
 */
public final class SharedBeans {

    /**
     * Default state store: an H2 file that the jobs service and a CLI sync can open at once (AUTO_SERVER), with
     * commits written at once (WRITE_DELAY=0) so a killed process loses no saved checkpoint.
     */
    public static final String STATE_URL = "jdbc:h2:file:./data/stagesync;AUTO_SERVER=TRUE;WRITE_DELAY=0";

    private static final Object LOCK = new Object();

    private SharedBeans() {
    }

    /** The {@code stateStore} bean, opened from {@code stagesync.state.*} when no part has bound one yet. */
    public static StateStore stateStore(CamelContext camel) {
        return lookupOrCreate(camel, "stateStore", StateStore.class, () -> new StateStore(property(camel, "stagesync.state.url", STATE_URL),
                property(camel, "stagesync.state.user", "sa"), property(camel, "stagesync.state.password", ""),
                integer(camel, "stagesync.state.max-pool-size", "5")));
    }

    /** The {@code stageRegistry} bean, built from the {@code stagesync.stages.*} keys. */
    public static StageRegistry stageRegistry(CamelContext camel) {
        return lookupOrCreate(camel, "stageRegistry", StageRegistry.class, () -> new StageRegistry(stagesyncProperties(camel)));
    }

    /** The {@code stageRateLimiter} bean: one request budget per stage for every phase. */
    public static StageRateLimiter stageRateLimiter(CamelContext camel) {
        return lookupOrCreate(camel, "stageRateLimiter", StageRateLimiter.class, () -> new StageRateLimiter(stageRegistry(camel)));
    }

    /** The {@code idMapRepository} bean on the shared state store. */
    public static IdMapRepository idMapRepository(CamelContext camel) {
        return lookupOrCreate(camel, "idMapRepository", IdMapRepository.class, () -> new IdMapRepository(stateStore(camel).dataSource()));
    }

    /** A property, trimmed; the fallback when it is missing or blank. */
    public static String property(CamelContext camel, String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    /** A whole-number property; a clear error naming the key when it is not one. */
    public static int integer(CamelContext camel, String key, String fallback) {
        String value = property(camel, key, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + value);
        }
    }

    /** Every {@code stagesync.*} key from the property files, initial and override properties, resolved. */
    public static Map<String, String> stagesyncProperties(CamelContext camel) {
        PropertiesComponent pc = camel.getPropertiesComponent();
        Map<String, String> result = new TreeMap<>();
        pc.loadProperties(k -> k.startsWith("stagesync.")).stringPropertyNames()
                .forEach(k -> pc.resolveProperty(k).ifPresent(v -> result.put(k, v)));
        return result;
    }

    /** The bean bound under {@code name}, or the one {@code create} makes, bound there first. */
    public static <T> T lookupOrCreate(CamelContext camel, String name, Class<T> type, Supplier<T> create) {
        synchronized (LOCK) {
            Registry registry = camel.getRegistry();
            T existing = registry.lookupByNameAndType(name, type);
            if (existing != null) {
                return existing;
            }
            T created = create.get();
            registry.bind(name, type, created);
            return created;
        }
    }
}
