package io.stagesync.routes;

import io.stagesync.config.CoreConfiguration;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** camel-main as the application starts it (application.properties, every route in routes/, the core beans) for route tests. */
abstract class CoreRoutesTestSupport extends CamelMainTestSupport {

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

    /** What devstage itself says: aggregate.count of every demo model of production in DRAFT. */
    static Map<String, Long> productionCounts(DevstageExtension devstage) throws Exception {
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
