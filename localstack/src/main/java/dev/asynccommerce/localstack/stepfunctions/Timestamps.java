package dev.asynccommerce.localstack.stepfunctions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Timestamps as the States Language and the Step Functions API write them. */
public final class Timestamps {
    private static final DateTimeFormatter CONTEXT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * Parses an RFC 3339 timestamp with the States Language's restrictions (an uppercase T between
     * date and time, an uppercase Z for UTC); null when it is not one.
     */
    public static Instant parse(String text) {
        if (text == null || text.indexOf('T') < 0 || text.indexOf('t') >= 0 || text.indexOf('z') >= 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The context object's format: {@code 2019-03-26T20:14:13.192Z}. */
    public static String context(Instant instant) {
        return CONTEXT_FORMAT.format(instant);
    }

    /** The AWS JSON protocol's timestamp: epoch seconds with millisecond fraction. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.truncatedTo(ChronoUnit.MILLIS).toEpochMilli(), 3);
    }
}
