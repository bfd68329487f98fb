package io.stagesync.routes;

import io.stagesync.poll.PollSummary;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/call-graphql.camel.yaml keeps to the stage's rate-limit, so a stage that enforces it never answers 429. */
class RateLimitRouteTest extends DevstageRouteTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.put("stagesync.stages.production.rate-limit", "1.5");
        p.put("stagesync.retry.max-redeliveries", "0");
        return p;
    }

    @Test
    void should_stay_under_the_stage_rate_limit_so_no_request_is_refused() {
        // given: devstage allows 2 requests/s (burst 2); a poll of the demo needs at least 5 requests
        devstage.faults("production").rateLimit(2);
        devstage.stats("production").reset();

        // when
        PollSummary summary = template.requestBody("direct:poll-models", null, PollSummary.class);

        // then
        assertThat(summary.pages()).isGreaterThanOrEqualTo(4);
        assertThat(devstage.stats("production").faulted()).isZero();
        assertThat(devstage.stats("production").reads()).isEqualTo(summary.pages() + 1);
    }
}
