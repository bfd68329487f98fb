package io.stagesync.routes;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Properties;


/** Route tests against devstage (the run-wide shared server of demo size 20) over real HTTP: both stages point at it. */
abstract class DevstageRouteTestSupport extends CoreRoutesTestSupport {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.shared(20);

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

    static Map<String, Long> productionCounts() throws Exception {
        return productionCounts(devstage);
    }
}
