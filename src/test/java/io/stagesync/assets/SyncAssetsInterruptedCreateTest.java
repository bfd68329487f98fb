package io.stagesync.assets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync that stops between the target's answer to createAsset and the record of the created id (where a kill leaves
 * empty target assets that nothing points at): the rerun removes them and ends with exactly one copy of each asset.
 * The stop is the writer's hook failing in that window, since a kill cannot be aimed at it reliably.
 */
class SyncAssetsInterruptedCreateTest extends AssetRouteTestSupport {

    private static final int ASSETS = 12;
    private static final int CUT_SHORT = 5;

    @AfterEach
    void unhook() {
        AssetWriter.afterCreateAnswered = () -> { };
    }

    @Test
    void should_remove_what_an_interrupted_create_left_and_never_keep_a_second_copy() throws Exception {
        // given: a run whose first creates stop right after the target answered
        for (int i = 0; i < ASSETS; i++) {
            fixtures.create(source, "cut-" + i + ".bin", new GeneratedInputStream(700 + i, 3000 + i), 3000 + i);
        }
        AtomicInteger creates = new AtomicInteger();
        AssetWriter.afterCreateAnswered = () -> {
            if (creates.incrementAndGet() <= CUT_SHORT) {
                throw new IllegalStateException("stopped after createAsset answered");
            }
        };
        Map<String, Object> cut = sync(source);
        assertThat(cut).containsEntry("failed", (long) CUT_SHORT);
        assertThat(fixtures.list(target)).as("the interrupted run left unrecorded target assets").hasSize(ASSETS);
        unhook();

        // when
        Map<String, Object> rerun = sync(source);

        // then: one complete copy per source asset, nothing pending or unrecorded
        assertThat(rerun).containsEntry("failed", 0L).containsEntry("created", (long) CUT_SHORT);
        List<Map<String, Object>> inTarget = fixtures.list(target);
        assertThat(inTarget).hasSize(ASSETS);
        assertThat(inTarget).extracting(a -> a.get("fileName")).doesNotHaveDuplicates();
        assertTargetEqualsSource(source);
        assertThat(sync(source)).containsEntry("unchanged", (long) ASSETS).containsEntry("created", 0L);
    }
}
