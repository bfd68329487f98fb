package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drafts to write on top of a published version are kept in the state store: a run stopped before its drafts
 * phase (its memory lost, as after a kill) leaves them to the next run, which writes them.
 */
class SyncDraftsRerunTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);

    @TempDir
    Path dir;

    @Test
    void should_write_on_a_rerun_the_drafts_a_stopped_run_left() throws Exception {
        // given: a demo with published entries that have a later draft; the first run stops as its publish phase starts
        String source = devstage.freshEnvironment("source", DevstageServer.demoModel(), 60);
        String target = devstage.freshEnvironment("target");
        AtomicBoolean stop = new AtomicBoolean();
        SyncProgress stopsAtPublish = new SyncProgress() {
            @Override
            public void phaseStarted(String phase, long total) {
                if (phase.startsWith("publish:")) {
                    stop.set(true);
                }
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            SyncResult stopped = h.service().run(new SyncRequest(null, source, target, List.of(), false, false, Map.of()), stopsAtPublish);
            long draftsOfStopped = drafts(stopped);

            // when: a new run (nothing of the first run's memory), then one more
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult further = h.sync(source, target, false, false, SyncProgress.NONE);

            // then: the rerun wrote the drafts and both stages equal the source's; the further run wrote nothing
            assertThat(stop).isTrue();
            assertThat(draftsOfStopped).isZero();
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(drafts(rerun)).isPositive();
            SyncAcceptanceTest.assertBothStagesEqual(devstage, h, source, target, false);
            assertThat(further.status()).isEqualTo("SUCCEEDED");
            assertThat(drafts(further)).isZero();
            assertThat(devstage.stats(target).writes()).as("writes of the further run").isEqualTo(writes);
        }
    }

    @Test
    void should_give_published_entries_their_asset_links_in_both_stages_when_the_assets_arrive_on_a_rerun() throws Exception {
        // given: a first run without the asset phase (published entries, some with a later draft, keep their asset
        // links pending), on the state store of the next run
        String source = devstage.freshEnvironment("source", DevstageServer.demoModel(), 60);
        String target = devstage.freshEnvironment("target");
        try (SyncHarness withoutAssets = SyncHarness.start(devstage, dir, Map.of())) {
            assertThat(withoutAssets.sync(source, target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
        }
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            // when
            SyncResult rerun = h.sync(source, target, false, false, SyncProgress.NONE);
            long writes = devstage.stats(target).writes();
            SyncResult further = h.sync(source, target, false, false, SyncProgress.NONE);

            // then: asset links in both stages as in the source, drafts on top again; the further run writes nothing
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(drafts(rerun)).isPositive();
            SyncAcceptanceTest.assertBothStagesEqual(devstage, h, source, target, true);
            assertThat(further.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).writes()).as("writes of the further run").isEqualTo(writes);
        }
    }

    private static long drafts(SyncResult result) {
        return SyncAcceptanceTest.models(result).values().stream().mapToLong(m -> (Long) m.get("drafts")).sum();
    }
}
