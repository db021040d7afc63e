package dev.asynccommerce.localstack.eventbridge;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule schedule expressions (EventBridge user guide, "Creating a rule that runs on a schedule"):
 * {@code rate(value unit)}, the unit singular for 1 and plural otherwise, and {@code cron(...)} with
 * six fields. Anything else is refused as AWS refuses it.
 */
final class Schedules {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\(\\S+( \\S+){5}\\)");

    private Schedules() {}

    /** The period of a rate expression, or null for a cron expression; refuses anything else. */
    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression);
        if (m.matches()) {
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
            return switch (plural ? unit.substring(0, unit.length() - 1) : unit) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
        }
        if (CRON.matcher(expression).matches()) {
            return null;
        }
        throw invalid();
    }

    private static ApiException invalid() {
        return ApiException.validation("Parameter ScheduleExpression is not valid.");
    }
}
