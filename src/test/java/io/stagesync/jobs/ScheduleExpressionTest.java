package io.stagesync.jobs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedules to Quartz cron expressions. */
class ScheduleExpressionTest {

    @Test
    void should_turn_the_keywords_into_cron_expressions_and_keep_a_valid_cron() {
        assertThat(ScheduleExpression.toCron("hourly")).isEqualTo("0 0 * * * ?");
        assertThat(ScheduleExpression.toCron("Daily")).isEqualTo("0 0 2 * * ?");
        assertThat(ScheduleExpression.toCron(" weekly ")).isEqualTo("0 0 2 ? * SUN");
        assertThat(ScheduleExpression.toCron("0 15 3 ? * MON-FRI")).isEqualTo("0 15 3 ? * MON-FRI");
    }

    @Test
    void should_refuse_anything_else_naming_the_schedule_field() {
        assertThatThrownBy(() -> ScheduleExpression.toCron("nightly")).isInstanceOf(JobRequestException.class)
                .hasMessageStartingWith("schedule: must be hourly, daily, weekly or a Quartz cron");
        assertThatThrownBy(() -> ScheduleExpression.toCron("* * * * *")).hasMessageContaining("got: '* * * * *'");
    }
}
