package dev.asynccommerce.payments.domain;

import dev.asynccommerce.kernel.OrderId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The payments context's id for one authorization.
 *
 * <p>Derived from the order, the attempt and the method index rather than drawn at random: a
 * redelivered message that authorizes again (same provider idempotency key, same provider answer)
 * also names the same payment, so no second id can ever appear for one authorization.
 */
public record PaymentId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final String ORDER_PREFIX = "ord_";

    public PaymentId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a payment id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static PaymentId forAuthorization(OrderId orderId, int attempt, int methodIndex) {
        return new PaymentId(
                "pay_" + orderId.value().substring(ORDER_PREFIX.length()) + "-" + attempt + "-" + methodIndex);
    }

    /** The id of the (single) refund of this payment: {@code ref_} in place of {@code pay_}. */
    public String refundId() {
        return "ref_" + (value.startsWith("pay_") ? value.substring(4) : value);
    }

    @Override
    public String toString() {
        return value;
    }
}
