package io.stagesync.routes;

import io.stagesync.poll.PollSummary;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/error-handling.camel.yaml waits as long as a 429's Retry-After asks before the next attempt. */
class RetryAfterRouteTest extends DevstageRouteTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        // backoff alone (5, 10, 20 ms) would give up long before a 1 request/s bucket has a token again
        p.put("stagesync.retry.max-redeliveries", "3");
        p.put("stagesync.retry.initial-delay-ms", "5");
        p.put("stagesync.retry.max-delay-ms", "5000");
        return p;
    }

    @Test
    void should_wait_for_the_retry_after_of_a_429_and_then_succeed() throws Exception {
        // given: a stage that allows one request per second and says so in Retry-After
        var expected = productionCounts();
        devstage.faults("production").rateLimit(1).retryAfterSeconds(1);
        devstage.stats("production").reset();

        // when
        PollSummary summary = template.requestBody("direct:poll-models", null, PollSummary.class);

        // then
        assertThat(summary.entriesByModel()).isEqualTo(expected);
        assertThat(devstage.stats("production").faulted()).isPositive();
        assertThat(devstage.stats("production").reads()).isEqualTo(summary.pages() + 1);
    }
}
