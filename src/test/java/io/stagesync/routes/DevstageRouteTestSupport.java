package io.stagesync.routes;

import io.stagesync.config.CoreConfiguration;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Route tests against devstage (the run-wide shared server of demo size 20) over real HTTP: both stages point at it. */
abstract class DevstageRouteTestSupport extends CamelMainTestSupport {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.shared(20);

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/*.camel.yaml");
        configuration.addConfiguration(CoreConfiguration.class);
        configuration.routeControllerConfig().withEnabled(false);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        for (String stage : new String[]{"production", "staging"}) {
            p.put("stagesync.stages." + stage + ".content-api", devstage.contentApiUrl(stage));
            p.put("stagesync.stages." + stage + ".token", devstage.token());
        }
        p.put("stagesync.retry.max-redeliveries", "3");
        p.put("stagesync.retry.initial-delay-ms", "5");
        p.put("stagesync.retry.max-delay-ms", "20");
        return p;
    }

    /** What devstage itself says: aggregate.count of every demo model of production in DRAFT. */
    static Map<String, Long> productionCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String[] model : new String[][]{{"Hotel", "hotels"}, {"Destination", "destinations"}, {"Review", "reviews"},
                {"Asset", "assets"}}) {
            var response = devstage.client().post(devstage.contentApiUrl("production"),
                    "{ c: " + model[1] + "Connection(stage: DRAFT) { aggregate { count } } }");
            assertThat(response.errors()).isEmpty();
            Object count = ((Map<?, ?>) response.data("c").get("aggregate")).get("count");
            counts.put(model[0], ((Number) count).longValue());
        }
        return counts;
    }
}
