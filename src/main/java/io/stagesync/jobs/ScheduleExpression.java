package io.stagesync.jobs;

import io.stagesync.config.InputQuote;
import org.quartz.CronExpression;

import java.util.Locale;

/**
 * Turns a job's schedule ({@code hourly}, {@code daily}, {@code weekly} or a Quartz cron expression) into a cron expression.
 */
public final class ScheduleExpression {

    /** Top of every hour. */
    public static final String HOURLY = "0 0 * * * ?";
    /** Every day at 02:00 (server time). */
    public static final String DAILY = "0 0 2 * * ?";
    /** Every Sunday at 02:00 (server time). */
    public static final String WEEKLY = "0 0 2 ? * SUN";

    private ScheduleExpression() {
    }

    /** The cron expression for a schedule; throws naming the field when it is neither a keyword nor a valid cron. */
    public static String toCron(String schedule) {
        String s = schedule.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "hourly":
                return HOURLY;
            case "daily":
                return DAILY;
            case "weekly":
                return WEEKLY;
            default:
                if (!CronExpression.isValidExpression(s)) {
                    throw JobRequestException.badField("schedule", "must be hourly, daily, weekly or a Quartz cron expression "
                            + "with 6 or 7 fields (seconds first, e.g. '0 0 2 * * ?'), got: '" + InputQuote.of(s) + "'");
                }
                return s;
        }
    }

    /** The next time the schedule fires after {@code now} (ISO-8601, server time zone as Quartz uses it), or null. */
    public static String nextFireAfter(String schedule, java.time.Instant now) {
        try {
            java.util.Date next = new CronExpression(toCron(schedule)).getNextValidTimeAfter(java.util.Date.from(now));
            return next == null ? null : next.toInstant().toString();
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
