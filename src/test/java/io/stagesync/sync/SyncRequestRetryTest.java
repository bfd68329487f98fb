package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one retry layer of stage requests, over real HTTP against devstage's fault injection: a write that keeps
 * failing is sent max-attempts times and no more, a 429's Retry-After is waited for, and the stage's rate-limit keeps
 * every request under the server's own limit.
 */
class SyncRequestRetryTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);

    @TempDir
    Path dir;

    @Test
    void should_send_a_batch_that_keeps_failing_at_most_max_attempts_times() throws Exception {
        // given: a synced pair, then one destination edited in the source, so the rerun's only target request is its update
        String source = devstage.freshEnvironment("retry-source", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("retry-target");
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.retry.max-attempts", "3"))) {
            assertThat(h.sync(source, target, false, false, SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            String id = StageSnapshot.read(devstage, source).models.get("Destination").keySet().iterator().next();
            var edit = devstage.client().post(devstage.contentApiUrl(source),
                    "mutation { updateDestination(where: { id: \"" + id + "\" }, data: { name: \"Edited\" }) { id } }");
            assertThat(edit.errors()).isEmpty();
            SyncProgress failTargetFromEntries = new SyncProgress() {
                @Override
                public void phaseStarted(String phase, long total) {
                    if (phase.equals("entries:Destination")) {
                        devstage.faults(target).errorRate(1.0);
                        devstage.stats(target).reset();
                    }
                }
            };

            // when
            SyncResult rerun = h.sync(source, target, false, false, failTargetFromEntries);

            // then
            assertThat(rerun.status()).isEqualTo("FAILED");
            assertThat(devstage.stats(target).faulted()).isEqualTo(3);
            assertThat(devstage.stats(target).writes() + devstage.stats(target).reads()).isZero();
        } finally {
            devstage.faults(target).reset();
        }
    }

    @Test
    void should_wait_for_the_retry_after_of_a_429_and_then_succeed() throws Exception {
        // given: a target that allows one request per second and says so in Retry-After; backoff alone (5, 10, 20 ms)
        // would give up long before its bucket has a token again
        String target = devstage.freshEnvironment("retry-after");
        devstage.faults(target).rateLimit(1).retryAfterSeconds(1);
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.sync.retry.max-attempts", "4",
                "stagesync.sync.retry.base-delay", "5ms", "stagesync.sync.retry.max-delay", "1s"))) {
            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats(target).faulted()).isPositive();
        } finally {
            devstage.faults(target).reset();
        }
    }

    @Test
    void should_stay_under_the_stage_rate_limit_so_no_request_is_refused() throws Exception {
        // given: devstage allows 5 requests/s per stage (burst 5); StageSync is told 4
        String target = devstage.freshEnvironment("rate-limited");
        devstage.faults("production").rateLimit(5);
        devstage.faults(target).rateLimit(5);
        devstage.stats("production").reset();
        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of("stagesync.stages.production.rate-limit", "4",
                "stagesync.stages." + target + ".rate-limit", "4", "stagesync.sync.retry.max-attempts", "1"))) {
            // when
            SyncResult result = h.sync("production", target, false, false, SyncProgress.NONE);

            // then
            assertThat(result.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats("production").faulted()).isZero();
            assertThat(devstage.stats(target).faulted()).isZero();
            // more requests than the server's burst of 5, so they could not all have passed unspaced
            assertThat(devstage.stats(target).reads() + devstage.stats(target).writes()).isGreaterThan(5);
        } finally {
            devstage.faults("production").reset();
            devstage.faults(target).reset();
        }
    }
}
