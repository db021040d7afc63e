package dev.asynccommerce.payments.domain;

import dev.asynccommerce.kernel.OrderId;
import java.util.Locale;

/**
 * The idempotency keys sent to the payment provider. They are derived from what identifies the
 * business operation, never from a delivery, so every redelivery of the same operation carries the
 * same key and the provider answers it once.
 */
public final class IdempotencyKeys {
    private IdempotencyKeys() {}

    /** One key per order, attempt and method: a redelivered attempt never authorizes twice. */
    public static String authorize(OrderId orderId, int attempt, int methodIndex) {
        return orderId.value() + ":authorize:" + attempt + ":" + methodIndex;
    }

    /** One key per order, payment and command: a repeated capture, void or refund reaches the provider once. */
    public static String command(OrderId orderId, PaymentId paymentId, PaymentCommand command) {
        return orderId.value() + ":" + paymentId.value() + ":" + command.name().toLowerCase(Locale.ROOT);
    }
}
