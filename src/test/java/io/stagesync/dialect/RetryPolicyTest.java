package io.stagesync.dialect;

import io.stagesync.dialect.RetryPolicy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void should_back_off_exponentially_with_jitter_up_to_the_cap() {
        // given / when
        long third = policy.delayAfter(3, null).toMillis();
        long tenth = policy.delayAfter(10, null).toMillis();

        // then
        assertThat(third).isBetween(200L, 400L);
        assertThat(tenth).isBetween(1000L, 2000L);
    }

    @Test
    void should_honour_retry_after_when_the_stage_sends_it() {
        // given / when
        Duration delay = policy.delayAfter(1, RetryPolicy.parseRetryAfter("3"));

        // then
        assertThat(delay).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_refuse_settings_that_cannot_work() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("max-attempts must be >= 1");
    }
}
