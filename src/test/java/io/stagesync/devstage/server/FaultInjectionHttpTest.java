package io.stagesync.devstage.server;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each injected fault, as a client over real HTTP sees it. */
class FaultInjectionHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    private static final String QUERY = "{ hotels { id } }";

    @Test
    void should_delay_each_answer_by_at_least_the_configured_latency() throws Exception {
        // given
        devstage.faults("production").latencyMs(300);
        // when
        long start = System.nanoTime();
        var response = devstage.client().post(devstage.contentApiUrl("production"), QUERY);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void should_answer_429_without_retry_after_above_the_rate_limit() throws Exception {
        // given
        devstage.faults("production").rateLimit(2);
        // when
        List<GraphQLTestClient.Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(devstage.client().post(devstage.contentApiUrl("production"), QUERY));
        }
        // then
        var limited = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).errors()).singleElement().satisfies(e -> assertThat(e).containsEntry("message", "Too Many Requests"));
        assertThat(limited.get(0).json()).containsEntry("data", null).containsKey("extensions");
        assertThat(limited.get(0).headers().firstValue("Retry-After")).isEmpty();
        assertThat(responses.get(0).status()).isEqualTo(200);
    }

    @Test
    void should_send_retry_after_when_configured() throws Exception {
        // given
        devstage.faults("production").rateLimit(1).retryAfterSeconds(3);
        // when
        devstage.client().post(devstage.contentApiUrl("production"), QUERY);
        var second = devstage.client().post(devstage.contentApiUrl("production"), QUERY);
        // then
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).contains("3");
    }

    @Test
    void should_answer_500_at_error_rate_one() throws Exception {
        // given
        devstage.faults("staging").errorRate(1.0);
        long faulted = devstage.stats("staging").faulted();
        // when
        var response = devstage.client().post(devstage.contentApiUrl("staging"), QUERY);
        // then
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errors()).hasSize(1);
        assertThat(devstage.stats("staging").faulted()).isEqualTo(faulted + 1);
    }

    @Test
    void should_drop_the_connection_without_an_answer_at_drop_rate_one() {
        // given
        devstage.faults("staging").dropRate(1.0);
        // when / then
        assertThatThrownBy(() -> devstage.client().post(devstage.contentApiUrl("staging"), QUERY))
                .isInstanceOf(IOException.class);
    }

    @Test
    void should_repeat_the_same_random_faults_with_the_same_seed() throws Exception {
        // given
        List<Integer> first = statuses(42);
        // when
        List<Integer> second = statuses(42);
        // then
        assertThat(second).isEqualTo(first).contains(200, 500);
    }

    @Test
    void should_change_faults_through_the_admin_endpoint_with_the_token() throws Exception {
        // given
        HttpClient http = HttpClient.newHttpClient();
        URI admin = URI.create(devstage.server().baseUrl() + "/_devstage/faults/production");
        // when
        var put = http.send(HttpRequest.newBuilder(admin).header("Authorization", "Bearer " + devstage.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 1.0, \"latencyMs\": 5}")).build(), HttpResponse.BodyHandlers.ofString());
        var anonymous = http.send(HttpRequest.newBuilder(admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        var bad = http.send(HttpRequest.newBuilder(admin).header("Authorization", "Bearer " + devstage.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRat\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        var query = devstage.client().post(devstage.contentApiUrl("production"), QUERY);
        // then
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"errorRate\":1.0");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("errorRat");
        assertThat(query.status()).isEqualTo(500);
        assertThat(devstage.faults("production").latencyMs()).isEqualTo(5);
    }

    private static List<Integer> statuses(long seed) throws Exception {
        devstage.faults("staging").errorRate(0.5).seed(seed);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(devstage.client().post(devstage.contentApiUrl("staging"), QUERY).status());
        }
        return statuses;
    }
}
