package io.stagesync.graphql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterDelayTest {

    private final RetryAfterDelay delay = new RetryAfterDelay(5000);

    @Test
    void should_turn_retry_after_seconds_into_milliseconds_whatever_the_header_case() {
        // when / then
        assertThat(delay.delayMillis(Map.of("retry-after", "2"))).isEqualTo(2000L);
    }

    @Test
    void should_cap_the_delay_at_the_configured_maximum() {
        // when / then
        assertThat(delay.delayMillis(Map.of("Retry-After", "3600"))).isEqualTo(5000L);
    }

    @Test
    void should_give_nothing_without_a_header_or_with_an_http_date() {
        // when / then
        assertThat(delay.delayMillis(Map.of("Content-Type", "application/json"))).isNull();
        assertThat(delay.delayMillis(Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"))).isNull();
        assertThat(delay.delayMillis(null)).isNull();
    }
}
