package dev.asynccommerce.localstack.eventbridge;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge cron schedule, as the user guide's "Cron expressions reference"
 * (eb-cron-expressions) defines it: six fields separated by white space, in UTC, each minute-exact.
 *
 * <pre>
 * Minutes       0-59                 , - * /
 * Hours         0-23                 , - * /
 * Day-of-month  1-31                 , - * ? / L W
 * Month         1-12 or JAN-DEC      , - * /
 * Day-of-week   1-7 or SUN-SAT       , - * ? L #     (1 = Sunday)
 * Year          1970-2199            , - * /
 * </pre>
 *
 * <p>{@code a/n} is every n-th value from a to the field's end ({@code 1/10} minutes: 1, 11, ...,
 * 51), {@code *}{@code /n} the same from the field's start. Exactly one of Day-of-month and
 * Day-of-week is {@code ?}. Day-of-month: {@code L} the month's last day, {@code nW} the weekday
 * nearest day n without leaving the month, {@code LW} the month's last weekday. Day-of-week: {@code L}
 * the week's last day (Saturday), {@code dL} the month's last day d, {@code d#k} its k-th day d. These
 * special forms stand alone in their field (the guide: "3#1,6#3" is invalid).
 *
 * <p>Where the guide is silent this follows the Quartz dialect that EventBridge's syntax comes from:
 * names are case-insensitive, a range may wrap ({@code FRI-MON}, {@code 22-2}) except in Year, an
 * increment may not exceed the field's largest value ({@code *}{@code /60} minutes is refused on AWS,
 * aws/aws-sdk-js#4212), and a Day-of-month that a month lacks ({@code 31}, {@code 30W} in February)
 * skips that month. Empty list items are ignored, because PutRule accepts {@code cron(0/5, 9-18, ?, *,
 * MON-FRI, *)} (aws/aws-sdk#161).
 */
final class CronExpression implements Schedules.Schedule {
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 2199;

    private static final Pattern ITEM = Pattern.compile("(\\*|(\\w+)(?:-(\\w+))?)(?:/(\\d+))?");
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d+)W");
    private static final Pattern LAST_DAY_OF_WEEK = Pattern.compile("(\\w+)L");
    private static final Pattern NTH_DAY_OF_WEEK = Pattern.compile("(\\w+)#(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    private final BitSet minutes;
    private final BitSet hours;
    private final DayRule days;
    private final BitSet months;
    private final BitSet years;

    private CronExpression(BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.years = years;
    }

    /** Parses the six fields inside {@code cron(...)}; refuses anything AWS refuses. */
    static CronExpression parse(String fields) {
        String[] f = fields.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6) {
            throw Schedules.invalid();
        }
        List<String> dayOfMonth = items(f[2]);
        List<String> dayOfWeek = items(f[4]);
        // eb-cron-expressions, Limitations: a value or * in one of the two day fields needs ? in the other.
        boolean anyDayOfMonth = dayOfMonth.equals(List.of("?"));
        boolean anyDayOfWeek = dayOfWeek.equals(List.of("?"));
        if (anyDayOfMonth == anyDayOfWeek) {
            throw Schedules.invalid();
        }
        return new CronExpression(
                values(items(f[0]), Field.MINUTES),
                values(items(f[1]), Field.HOURS),
                anyDayOfWeek ? dayOfMonthRule(dayOfMonth) : dayOfWeekRule(dayOfWeek),
                values(items(f[3]), Field.MONTH),
                values(items(f[5]), Field.YEAR));
    }

    /**
     * The first minute strictly after {@code previous} that the expression selects, or null when none
     * is left before the end of {@value #LAST_YEAR}.
     */
    @Override
    public Instant nextAfter(Instant previous) {
        LocalDateTime t = LocalDateTime.ofInstant(previous, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        if (t.getYear() < FIRST_YEAR) {
            t = LocalDateTime.of(FIRST_YEAR, 1, 1, 0, 0);
        }
        // Each step either returns or moves t forward to the start of the next candidate year, month,
        // day, hour or minute, so the loop ends within LAST_YEAR's bound.
        while (t.getYear() <= LAST_YEAR) {
            int year = years.nextSetBit(t.getYear());
            if (year < 0) {
                return null;
            }
            if (year != t.getYear()) {
                t = LocalDateTime.of(year, 1, 1, 0, 0);
                continue;
            }
            int month = months.nextSetBit(t.getMonthValue());
            if (month < 0) {
                t = LocalDateTime.of(year + 1, 1, 1, 0, 0);
                continue;
            }
            if (month != t.getMonthValue()) {
                t = LocalDateTime.of(year, month, 1, 0, 0);
                continue;
            }
            LocalDate date = t.toLocalDate();
            int hour = hours.nextSetBit(t.getHour());
            if (!days.matches(date) || hour < 0) {
                t = date.plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = date.atTime(hour, 0);
                continue;
            }
            int minute = minutes.nextSetBit(t.getMinute());
            if (minute < 0) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            return t.withMinute(minute).toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    // ---- parsing ----

    private enum Field {
        MINUTES(0, 59, 59, List.of()),
        HOURS(0, 23, 23, List.of()),
        DAY_OF_MONTH(1, 31, 31, List.of()),
        MONTH(1, 12, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
        // No increments in Day-of-week (the guide's wildcard table); maxStep 0 refuses any.
        DAY_OF_WEEK(1, 7, 0, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
        YEAR(FIRST_YEAR, LAST_YEAR, LAST_YEAR - FIRST_YEAR, List.of());

        final int min;
        final int max;
        final int maxStep;
        /** Names of the values min, min + 1, ... */
        final List<String> names;

        Field(int min, int max, int maxStep, List<String> names) {
            this.min = min;
            this.max = max;
            this.maxStep = maxStep;
            this.names = names;
        }

        int value(String token) {
            int value;
            if (NUMBER.matcher(token).matches()) {
                value = Integer.parseInt(token);
            } else if (names.contains(token)) {
                value = min + names.indexOf(token);
            } else {
                throw Schedules.invalid();
            }
            if (value < min || value > max) {
                throw Schedules.invalid();
            }
            return value;
        }
    }

    /** A field's comma-separated items, empty ones dropped; at least one must remain. */
    private static List<String> items(String field) {
        List<String> items = new ArrayList<>();
        for (String item : field.split(",")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            throw Schedules.invalid();
        }
        return items;
    }

    /** The values a list of {@code *}, {@code a}, {@code a-b}, each optionally {@code /n}, selects. */
    private static BitSet values(List<String> items, Field field) {
        BitSet set = new BitSet(field.max + 1);
        for (String item : items) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw Schedules.invalid();
            }
            int step = 1;
            if (m.group(4) != null) {
                step = NUMBER.matcher(m.group(4)).matches() ? Integer.parseInt(m.group(4)) : 0;
                if (step < 1 || step > field.maxStep) {
                    throw Schedules.invalid();
                }
            }
            int from;
            int to;
            if (m.group(2) == null) { // *
                from = field.min;
                to = field.max;
            } else {
                from = field.value(m.group(2));
                // a/n runs to the end of the field; a alone is just a.
                to = m.group(3) != null ? field.value(m.group(3)) : m.group(4) != null ? field.max : from;
            }
            if (to < from && field == Field.YEAR) {
                throw Schedules.invalid(); // a year range cannot wrap
            }
            // A range that wraps (22-2) runs on past the field's end and round from its start.
            int size = field.max - field.min + 1;
            int span = Math.floorMod(to - from, size);
            for (int offset = 0; offset <= span; offset += step) {
                set.set(field.min + Math.floorMod(from - field.min + offset, size));
            }
        }
        return set;
    }

    private static DayRule dayOfMonthRule(List<String> items) {
        if (items.size() == 1) {
            String item = items.getFirst();
            if (item.equals("L")) {
                return new LastDayOfMonth();
            }
            if (item.equals("LW")) {
                return new LastWeekdayOfMonth();
            }
            Matcher w = NEAREST_WEEKDAY.matcher(item);
            if (w.matches()) {
                return new NearestWeekday(Field.DAY_OF_MONTH.value(w.group(1)));
            }
        }
        return new DaysOfMonth(values(items, Field.DAY_OF_MONTH));
    }

    private static DayRule dayOfWeekRule(List<String> items) {
        if (items.size() == 1) {
            String item = items.getFirst();
            if (item.equals("L")) {
                return new DaysOfWeek(values(List.of("SAT"), Field.DAY_OF_WEEK));
            }
            Matcher last = LAST_DAY_OF_WEEK.matcher(item);
            if (last.matches()) {
                return new LastDayOfWeekInMonth(Field.DAY_OF_WEEK.value(last.group(1)));
            }
            Matcher nth = NTH_DAY_OF_WEEK.matcher(item);
            if (nth.matches()) {
                int k = NUMBER.matcher(nth.group(2)).matches() ? Integer.parseInt(nth.group(2)) : 0;
                if (k < 1 || k > 5) {
                    throw Schedules.invalid();
                }
                return new NthDayOfWeekInMonth(Field.DAY_OF_WEEK.value(nth.group(1)), k);
            }
        }
        return new DaysOfWeek(values(items, Field.DAY_OF_WEEK));
    }

    // ---- days ----

    /** Which days of a month a schedule runs on: from Day-of-month or from Day-of-week. */
    private sealed interface DayRule {
        boolean matches(LocalDate date);
    }

    private record DaysOfMonth(BitSet days) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return days.get(date.getDayOfMonth());
        }
    }

    private record LastDayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
    }

    private record LastWeekdayOfMonth() implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == nearestWeekday(date, date.lengthOfMonth());
        }
    }

    private record NearestWeekday(int day) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return day <= date.lengthOfMonth() && date.getDayOfMonth() == nearestWeekday(date, day);
        }
    }

    /** Days of the week in AWS's numbering, 1 = Sunday. */
    private record DaysOfWeek(BitSet days) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return days.get(awsDayOfWeek(date));
        }
    }

    private record LastDayOfWeekInMonth(int dayOfWeek) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return awsDayOfWeek(date) == dayOfWeek && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
    }

    private record NthDayOfWeekInMonth(int dayOfWeek, int nth) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return awsDayOfWeek(date) == dayOfWeek && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
    }

    /** 1 = Sunday ... 7 = Saturday, as the Day-of-week field counts. */
    private static int awsDayOfWeek(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /**
     * The day of {@code date}'s month that is the weekday (Monday to Friday) nearest to {@code day}
     * without leaving the month: a Saturday moves back to Friday unless it is the 1st (then on to
     * Monday the 3rd), a Sunday on to Monday unless it is the last day (then back to Friday).
     */
    private static int nearestWeekday(LocalDate date, int day) {
        LocalDate target = date.withDayOfMonth(day);
        int last = date.lengthOfMonth();
        if (target.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return day == 1 ? 3 : day - 1;
        }
        if (target.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return day == last ? day - 2 : day + 1;
        }
        return day;
    }
}
