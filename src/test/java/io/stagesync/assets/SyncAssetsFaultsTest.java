package io.stagesync.assets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server errors and dropped connections on both stages' content APIs (devstage fault injection) while 40 assets sync
 * with merged calls: every asset arrives, and each is read once.
 */
class SyncAssetsFaultsTest extends AssetRouteTestSupport {

    private static final int ASSETS = 40;

    @Override
    protected void addProperties(Properties p) {
        // one attempt of an asset step makes several requests, each failing 12 % of the time here
        p.setProperty("stagesync.sync.retry.asset-attempts", "10");
        p.setProperty("stagesync.assets.page-size", "10");
    }

    @AfterEach
    void calm() {
        devstage.faults(source).reset();
        devstage.faults(target).reset();
    }

    @Test
    void should_retry_merged_calls_that_fail_transiently_and_count_each_asset_once() throws Exception {
        // given
        for (int i = 0; i < ASSETS; i++) {
            fixtures.create(source, "fault-" + i + ".bin", new GeneratedInputStream(300 + i, 2000 + i), 2000 + i);
        }
        for (String env : List.of(source, target)) {
            devstage.faults(env).errorRate(0.1).dropRate(0.02).seed(12);
        }

        // when
        Map<String, Object> report = sync(source);

        // then
        long faulted = devstage.stats(source).faulted() + devstage.stats(target).faulted();
        calm();
        assertThat(faulted).as("faults injected").isPositive();
        assertThat(report).as("report").containsEntry("read", (long) ASSETS).containsEntry("created", (long) ASSETS)
                .containsEntry("failed", 0L);
        assertThat(fixtures.list(target)).hasSize(ASSETS);
        assertTargetEqualsSource(source);
    }
}
