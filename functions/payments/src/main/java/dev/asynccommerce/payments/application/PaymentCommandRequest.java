package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.PaymentCommand;
import dev.asynccommerce.payments.domain.PaymentId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The workflow's CAPTURE, VOID or REFUND of an order's payment, checked: build it with {@link #of}.
 *
 * @param paymentId the payment; null only for a VOID, which then releases the order's latest
 *     authorization (the workflow may not know whether anything was authorized)
 * @param refundReason why money goes back (REFUND only; a default when the caller gave none)
 */
public record PaymentCommandRequest(
        PaymentCommand command,
        OrderId orderId,
        String correlationId,
        PaymentId paymentId,
        Money amount,
        String refundReason) {
    static final String DEFAULT_REFUND_REASON = "refund requested by the order workflow";
    private static final Pattern REASON = Pattern.compile("[^\\x00-\\x1F\\x7F]{1,200}");

    public PaymentCommandRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(amount, "amount");
        if (paymentId == null && command != PaymentCommand.VOID) {
            throw new IllegalArgumentException(command + " needs a payment id");
        }
    }

    /**
     * The checked command.
     *
     * @throws InvalidPaymentRequestException naming every field that is missing or wrong
     */
    public static PaymentCommandRequest of(
            String command,
            String orderId,
            String correlationId,
            String paymentId,
            Long amountCents,
            String currency,
            String reason) {
        RequestChecks checks = new RequestChecks();
        PaymentCommand parsed = null;
        for (PaymentCommand candidate : PaymentCommand.values()) {
            if (candidate.name().equals(command)) {
                parsed = candidate;
            }
        }
        if (parsed == null) {
            checks.problem("command", "must be CAPTURE, VOID or REFUND");
        }
        OrderId order = checks.orderId(orderId);
        checks.correlationId(correlationId);
        PaymentId payment = null;
        if (paymentId == null) {
            if (parsed != null && parsed != PaymentCommand.VOID) {
                checks.problem("paymentId", "is required for " + parsed);
            }
        } else if (!PaymentId.isValid(paymentId)) {
            checks.problem("paymentId", "is not a payment id");
        } else {
            payment = new PaymentId(paymentId);
        }
        Money amount = checks.amount(amountCents, currency);
        if (reason != null && !REASON.matcher(reason).matches()) {
            checks.problem("reason", "must be 1 to 200 characters without control characters");
        }
        checks.throwIfAny();
        return new PaymentCommandRequest(
                parsed, order, correlationId, payment, amount, reason == null ? DEFAULT_REFUND_REASON : reason);
    }
}
