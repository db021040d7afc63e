package dev.asynccommerce.inventory.domain;

import dev.asynccommerce.kernel.OrderId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reservation: {@code <orderId>#<attempt>} (docs/bopis-workflow.md), one per payment attempt of
 * an order, so a new attempt after a failed payment reserves afresh.
 */
public record ReservationId(OrderId orderId, int attempt) {
    /** Attempts are counted by the workflow; far fewer than this ever happen. */
    public static final int MAX_ATTEMPT = 9999;

    private static final Pattern FORMAT = Pattern.compile("(ord_[0-9a-z]{26})#([1-9][0-9]{0,3})");

    public ReservationId {
        Objects.requireNonNull(orderId, "orderId");
        if (attempt < 1 || attempt > MAX_ATTEMPT) {
            throw new IllegalArgumentException("an attempt is 1 to " + MAX_ATTEMPT);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /**
     * @throws IllegalArgumentException if {@code value} is not {@code <orderId>#<attempt>}
     */
    public static ReservationId parse(String value) {
        Matcher matcher = FORMAT.matcher(value == null ? "" : value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a reservation id is <orderId>#<attempt>, e.g. ord_...#1");
        }
        return new ReservationId(new OrderId(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public String value() {
        return orderId.value() + "#" + attempt;
    }

    @Override
    public String toString() {
        return value();
    }
}
