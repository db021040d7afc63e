package dev.asynccommerce.localstack.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EventBridge cron expressions (eb-cron-expressions): their next fire times from a fixed instant, and
 * AWS's refusals. The expected times were worked out by hand from the calendar, not by this code.
 */
class CronExpressionTest {
    /** Saturday 21 November 2026, 09:00 UTC: the stack clock's start in the module's tests. */
    private static final Instant FROM = EventBridgeServer.T0;

    /** Marks the end of a schedule: nothing fires after the times listed before it. */
    private static final String NEVER_AGAIN = "never again";

    static Stream<Arguments> schedules() {
        return Stream.of(
                fires("0 12 * * ? *", "2026-11-21T12:00", "2026-11-22T12:00", "2026-11-23T12:00"),
                // Strictly after: 09:00 itself has passed.
                fires("0 9 * * ? *", "2026-11-22T09:00", "2026-11-23T09:00"),
                fires("* * * * ? *", "2026-11-21T09:01", "2026-11-21T09:02"),
                // Steps: the guide's own 1/10 example (the 11th, 21st, 31st minute ...), * and a range.
                fires("0/15 * * * ? *", "2026-11-21T09:15", "2026-11-21T09:30", "2026-11-21T09:45"),
                fires("1/10 * * * ? *", "2026-11-21T09:01", "2026-11-21T09:11", "2026-11-21T09:21"),
                fires(
                        "*/20 9-10 * * ? *",
                        "2026-11-21T09:20",
                        "2026-11-21T09:40",
                        "2026-11-21T10:00",
                        "2026-11-21T10:20",
                        "2026-11-21T10:40",
                        "2026-11-22T09:00"),
                fires("0/5 8-17 ? * MON-FRI *", "2026-11-23T08:00", "2026-11-23T08:05", "2026-11-23T08:10"),
                // Lists, day names, a weekday range.
                fires(
                        "0 8,12,17 ? * MON-FRI *",
                        "2026-11-23T08:00",
                        "2026-11-23T12:00",
                        "2026-11-23T17:00",
                        "2026-11-24T08:00"),
                fires("0 18 ? * MON-FRI *", "2026-11-23T18:00", "2026-11-24T18:00", "2026-11-25T18:00"),
                fires("0 9 ? dec sun *", "2026-12-06T09:00", "2026-12-13T09:00", "2026-12-20T09:00"),
                // Ranges that wrap round the end of the week and of the day.
                fires(
                        "0 0 ? * FRI-MON *",
                        "2026-11-22T00:00",
                        "2026-11-23T00:00",
                        "2026-11-27T00:00",
                        "2026-11-28T00:00"),
                fires(
                        "0 22-2 * * ? *",
                        "2026-11-21T22:00",
                        "2026-11-21T23:00",
                        "2026-11-22T00:00",
                        "2026-11-22T01:00",
                        "2026-11-22T02:00",
                        "2026-11-22T22:00"),
                // Month names and month steps.
                fires(
                        "0 10 1 JAN,APR,JUL,OCT ? *",
                        "2027-01-01T10:00",
                        "2027-04-01T10:00",
                        "2027-07-01T10:00",
                        "2027-10-01T10:00"),
                fires("0 0 1 2/3 ? *", "2027-02-01T00:00", "2027-05-01T00:00", "2027-08-01T00:00"),
                fires("0 8 1 * ? *", "2026-12-01T08:00", "2027-01-01T08:00", "2027-02-01T08:00"),
                // End of month: L, a 31st that short months lack, Feb 29 only in leap years.
                fires("0 9 L * ? *", "2026-11-30T09:00", "2026-12-31T09:00", "2027-01-31T09:00", "2027-02-28T09:00"),
                fires("0 0 L 2 ? *", "2027-02-28T00:00", "2028-02-29T00:00", "2029-02-28T00:00"),
                fires("0 0 31 * ? *", "2026-12-31T00:00", "2027-01-31T00:00", "2027-03-31T00:00", "2027-05-31T00:00"),
                fires("0 0 29 2 ? *", "2028-02-29T00:00", "2032-02-29T00:00", "2036-02-29T00:00"),
                // W: a Sunday moves on to Monday, a Saturday the 1st on to Monday the 3rd (never into
                // the month before), a Sunday that ends the month back to Friday, a missing 31st skips.
                fires("0 9 22W * ? *", "2026-11-23T09:00", "2026-12-22T09:00", "2027-01-22T09:00"),
                fires(
                        "0 9 1W * ? *",
                        "2026-12-01T09:00",
                        "2027-01-01T09:00",
                        "2027-02-01T09:00",
                        "2027-03-01T09:00",
                        "2027-04-01T09:00",
                        "2027-05-03T09:00"),
                fires("0 9 16W * ? *", "2026-12-16T09:00", "2027-01-15T09:00", "2027-02-16T09:00"),
                fires("0 9 28W 2 ? *", "2027-02-26T09:00", "2028-02-28T09:00"),
                fires("0 9 31W * ? *", "2026-12-31T09:00", "2027-01-29T09:00", "2027-03-31T09:00"),
                fires("0 17 LW * ? *", "2026-11-30T17:00", "2026-12-31T17:00", "2027-01-29T17:00", "2027-02-26T17:00"),
                // Day-of-week L: alone the week's last day (Saturday); 6L the month's last Friday.
                fires("0 12 ? * L *", "2026-11-21T12:00", "2026-11-28T12:00", "2026-12-05T12:00"),
                fires("0 10 ? * 6L *", "2026-11-27T10:00", "2026-12-25T10:00", "2027-01-29T10:00", "2027-02-26T10:00"),
                // The last Monday: on the month's last day in November 2026, not a week before it.
                fires("0 10 ? * 2L *", "2026-11-30T10:00", "2026-12-28T10:00", "2027-01-25T10:00"),
                // #: the first Monday; the fifth Tuesday, which only some months have.
                fires("0 0 ? * MON#1 *", "2026-12-07T00:00", "2027-01-04T00:00", "2027-02-01T00:00"),
                fires("0 0 ? * 3#5 *", "2026-12-29T00:00", "2027-03-30T00:00", "2027-06-29T00:00"),
                // Years: one year, a range, a step, the last year AWS allows, years already over.
                fires("30 8 1 1 ? 2027", "2027-01-01T08:30", NEVER_AGAIN),
                fires("0 0 1 1 ? 2030-2031", "2030-01-01T00:00", "2031-01-01T00:00", NEVER_AGAIN),
                fires("0 0 1 12 ? 2026/2", "2026-12-01T00:00", "2028-12-01T00:00", "2030-12-01T00:00"),
                fires("59 23 31 12 ? 2199", "2199-12-31T23:59", NEVER_AGAIN),
                fires("0 0 1 1 ? 2020", NEVER_AGAIN),
                fires("0 0 30 2 ? *", NEVER_AGAIN),
                // Empty list items are ignored, as PutRule ignores them (aws/aws-sdk#161).
                fires(
                        "0/30, 9-10, ?, *, SAT, *",
                        "2026-11-21T09:30",
                        "2026-11-21T10:00",
                        "2026-11-21T10:30",
                        "2026-11-28T09:00"));
    }

    private static Arguments fires(String fields, String... times) {
        return Arguments.of(fields, List.of(times));
    }

    @ParameterizedTest(name = "cron({0})")
    @MethodSource("schedules")
    void firesAtTheMinutesItSelects(String fields, List<String> expected) {
        Schedules.Schedule cron = Schedules.parse("cron(" + fields + ")");
        boolean ends = !expected.isEmpty() && expected.getLast().equals(NEVER_AGAIN);
        int count = ends ? expected.size() - 1 : expected.size();

        List<String> actual = new ArrayList<>();
        Instant previous = FROM;
        for (int i = 0; i < count; i++) {
            previous = cron.nextAfter(previous);
            assertThat(previous).as("fire %d", i + 1).isNotNull();
            actual.add(previous.toString());
        }
        assertThat(actual)
                .containsExactlyElementsOf(
                        expected.subList(0, count).stream().map(t -> t + ":00Z").toList());
        if (ends) {
            assertThat(cron.nextAfter(previous)).as("after the last fire").isNull();
        }
    }

    @Test
    void theNextFireIsTheNextWholeMinuteAfterAnInstantWithinAMinute() {
        Schedules.Schedule everyMinute = Schedules.parse("cron(* * * * ? *)");

        assertThat(everyMinute.nextAfter(FROM.plusSeconds(30).plusNanos(1)))
                .isEqualTo(Instant.parse("2026-11-21T09:01:00Z"));
        assertThat(everyMinute.nextAfter(FROM.minusNanos(1))).isEqualTo(FROM);
    }

    @Test
    void aRateFiresOnePeriodAfterTheLastAndCronsAndRatesShareTheParser() {
        assertThat(Schedules.parse("rate(5 minutes)").nextAfter(FROM)).isEqualTo(FROM.plus(Duration.ofMinutes(5)));
        assertThat(Schedules.parse("rate(1 day)").nextAfter(FROM)).isEqualTo(FROM.plus(Duration.ofDays(1)));
        assertThat(Schedules.parse("cron(0 10 * * ? *)")).isInstanceOf(CronExpression.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // Not six fields, or not cron(...).
                "cron(0 12 * * ?)",
                "cron(0 12 * * ? * *)",
                "cron()",
                "cron(0 12 * * ? *",
                "cron(, 12 * * ? *)",
                // Values outside each field's range.
                "cron(60 * * * ? *)",
                "cron(-1 * * * ? *)",
                "cron(0 24 * * ? *)",
                "cron(0 0 0 * ? *)",
                "cron(0 0 32 * ? *)",
                "cron(0 0 1 0 ? *)",
                "cron(0 0 1 13 ? *)",
                "cron(0 0 ? * 0 *)",
                "cron(0 0 ? * 8 *)",
                "cron(15 12 ? * -1 *)", // refused on AWS (winglang/wing#7115)
                "cron(0 0 1 1 ? 1969)",
                "cron(0 0 1 1 ? 2200)",
                // One of Day-of-month and Day-of-week must be ?, and only one.
                "cron(0 0 * * * *)",
                "cron(0 0 ? * ? *)",
                "cron(0 9 15 * MON *)",
                "cron(0 9 ?,1 * ? *)",
                // Increments: at least 1, at most the field's largest value, none in Day-of-week.
                "cron(*/60 * * * ? *)", // refused on AWS (aws/aws-sdk-js#4212)
                "cron(0/0 * * * ? *)",
                "cron(0 */24 * * ? *)",
                "cron(0 0 ? * 1/2 *)",
                "cron(0 0 1 1 ? 2026/0)",
                // Wildcards outside the fields that allow them.
                "cron(? 0 * * ? *)",
                "cron(L 0 * * ? *)",
                "cron(0 0 ? * 2W *)",
                "cron(0 0 1#1 * ? *)",
                "cron(0 0 1 L ? *)",
                "cron(JAN 0 * * ? *)",
                "cron(0 0 ? MON * *)",
                "cron(0 0 1 FOO ? *)",
                "cron(0 0 ? * SUN-FOO *)",
                // L, W and # stand alone; the guide's own example "3#1,6#3"; # counts 1 to 5.
                "cron(0 0 ? * 3#1,6#3 *)",
                "cron(0 0 ? * 3#0 *)",
                "cron(0 0 ? * 3#6 *)",
                "cron(0 0 L,15 * ? *)",
                "cron(0 0 1W,15W * ? *)",
                "cron(0 0 1-15W * ? *)",
                "cron(0 0 0W * ? *)",
                "cron(0 0 32W * ? *)",
                "cron(0 0 L-2 * ? *)",
                "cron(0 0 ? * L,2 *)",
                // Malformed ranges and steps.
                "cron(0 0 1 1 ? 2030-2026)",
                "cron(1-2-3 * * * ? *)",
                "cron(5/ * * * ? *)",
                "cron(/5 * * * ? *)",
                "cron(99999 * * * ? *)",
            })
    void refusesWhatAwsRefuses(String expression) {
        assertThatThrownBy(() -> Schedules.parse(expression))
                .isInstanceOf(ApiException.class)
                .hasMessage("Parameter ScheduleExpression is not valid.");
    }
}
