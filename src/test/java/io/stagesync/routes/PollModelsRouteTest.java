package io.stagesync.routes;

import io.stagesync.poll.ModelCount;
import io.stagesync.poll.PollSummary;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/poll-models.camel.yaml against devstage over real HTTP. */
class PollModelsRouteTest extends CoreRoutesTestSupport {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(120);

    private static final String WRONG_TOKEN = "wrong-token-for-staging";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("stagesync.stages.production.content-api", devstage.contentApiUrl("production"));
        p.put("stagesync.stages.production.token", devstage.token());
        p.put("stagesync.stages.staging.content-api", devstage.contentApiUrl("staging"));
        p.put("stagesync.stages.staging.token", WRONG_TOKEN);
        p.put("stagesync.retry.max-redeliveries", "8");
        p.put("stagesync.retry.initial-delay-ms", "5");
        p.put("stagesync.retry.max-delay-ms", "20");
        return p;
    }

    @Test
    void should_count_every_model_as_devstage_aggregates_it() throws Exception {
        // given
        Map<String, Long> expected = productionCounts(devstage);
        devstage.stats("production").reset();

        // when
        PollSummary summary = template.requestBody("direct:poll-models", null, PollSummary.class);

        // then
        assertThat(expected).containsKeys("Hotel", "Destination", "Review", "Asset");
        assertThat(expected.get("Review")).isGreaterThan(100);
        assertThat(summary.entriesByModel()).isEqualTo(expected);
        for (ModelCount model : summary.models()) {
            // one request per page of at most 100 entries: a model of 360 entries takes 4 pages
            assertThat(model.pages()).as(model.model()).isEqualTo(Math.max(1, (model.entries() + 99) / 100));
        }
        assertThat(devstage.stats("production").reads()).isEqualTo(summary.pages() + 1);
    }

    @Test
    void should_retry_server_errors_and_still_count_every_entry() throws Exception {
        // given
        Map<String, Long> expected = productionCounts(devstage);
        devstage.stats("production").reset();
        devstage.faults("production").seed(7).errorRate(0.3);

        // when
        PollSummary summary = template.requestBody("direct:poll-models", null, PollSummary.class);

        // then
        assertThat(summary.entriesByModel()).isEqualTo(expected);
        assertThat(devstage.stats("production").faulted()).isPositive();
    }

    @Test
    void should_fail_a_rejected_token_without_retrying_and_log_it_once() {
        try (LogCapture logs = new LogCapture()) {
            // given
            devstage.stats("staging").reset();

            // when
            Exchange result = template.send("direct:list-models", e -> e.setProperty("stage", "staging"));

            // then
            assertThat(result.getException()).isNotNull().hasMessageContaining("statusCode: 401");
            assertThat(devstage.stats("staging").reads()).isZero();
            assertThat(logs.messages("stagesync.error-handling")).singleElement().asString()
                    .contains("route=call-graphql", "stage=staging");
            assertThat(logs.all()).noneMatch(m -> m.contains(WRONG_TOKEN) || m.contains(devstage.token()));
        }
    }

    /** What devstage itself says: aggregate.count of every model in DRAFT. */
}
