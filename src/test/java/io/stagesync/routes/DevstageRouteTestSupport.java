package io.stagesync.routes;

import io.stagesync.config.CoreConfiguration;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Properties;

/** Route tests against one devstage (demo size 20) over real HTTP: both stages point at it with its token. */
abstract class DevstageRouteTestSupport extends CamelMainTestSupport {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(20);

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
}
