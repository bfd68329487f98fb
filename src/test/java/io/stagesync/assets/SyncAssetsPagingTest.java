package io.stagesync.assets;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Cursor paging over several pages (2 assets per page here), each split and synced before the next is read. */
class SyncAssetsPagingTest extends AssetRouteTestSupport {

    @Override
    protected void addProperties(Properties p) {
        p.setProperty("stagesync.assets.page-size", "2");
    }

    @Test
    void should_follow_the_cursor_through_every_page() throws Exception {
        // given
        for (int i = 0; i < 5; i++) {
            fixtures.create(source, "page-" + i + ".bin", new GeneratedInputStream(50 + i, 1000 + i), 1000 + i);
        }

        // when
        Map<String, Object> report = sync(source);
        Map<String, Object> rerun = sync(source);

        // then
        assertThat(report).containsEntry("read", 5L).containsEntry("created", 5L).containsEntry("failed", 0L);
        assertThat(rerun).containsEntry("read", 5L).containsEntry("unchanged", 5L);
        assertTargetEqualsSource(source);
    }
}
