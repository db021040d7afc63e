package dev.asynccommerce.localstack.eventbridge;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule schedule expressions (EventBridge user guide, eb-scheduled-rule-pattern): {@code rate(value
 * unit)}, the unit singular for 1 and plural otherwise, and {@code cron(...)} with six fields (see
 * {@link CronExpression}). Anything else is refused as AWS refuses it.
 */
final class Schedules {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final String CRON_PREFIX = "cron(";

    private Schedules() {}

    /** When a scheduled rule fires, on the stack clock. */
    interface Schedule {
        /**
         * The first due instant after {@code previous} (the instant the rule was put, or its last
         * firing), or null when the schedule never fires again.
         */
        Instant nextAfter(Instant previous);
    }

    /** {@code rate(...)}: every period, counted from the rule's creation. */
    record Rate(Duration period) implements Schedule {
        @Override
        public Instant nextAfter(Instant previous) {
            try {
                return previous.plus(period);
            } catch (DateTimeException | ArithmeticException e) {
                return null; // a period beyond the end of time: it never fires
            }
        }
    }

    /** Parses a schedule expression; refuses a malformed one with AWS's ValidationException. */
    static Schedule parse(String expression) {
        Matcher m = RATE.matcher(expression);
        if (m.matches()) {
            return rate(m);
        }
        if (expression.startsWith(CRON_PREFIX) && expression.endsWith(")")) {
            return CronExpression.parse(expression.substring(CRON_PREFIX.length(), expression.length() - 1));
        }
        throw invalid();
    }

    private static Rate rate(Matcher m) {
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        String unit = m.group(2);
        boolean plural = unit.endsWith("s");
        if (value < 1 || plural == (value == 1)) {
            throw invalid();
        }
        try {
            return new Rate(
                    switch (plural ? unit.substring(0, unit.length() - 1) : unit) {
                        case "minute" -> Duration.ofMinutes(value);
                        case "hour" -> Duration.ofHours(value);
                        default -> Duration.ofDays(value);
                    });
        } catch (ArithmeticException e) {
            throw invalid();
        }
    }

    /** AWS's one answer to any malformed schedule expression, whatever is wrong with it. */
    static ApiException invalid() {
        return ApiException.validation("Parameter ScheduleExpression is not valid.");
    }
}
