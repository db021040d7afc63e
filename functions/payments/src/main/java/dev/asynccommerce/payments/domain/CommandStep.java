package dev.asynccommerce.payments.domain;

import dev.asynccommerce.kernel.Money;
import java.util.Objects;

/** What to do with a capture, void or refund, given the ledger. */
public sealed interface CommandStep {

    /** The ledger already holds this very change: answer it again, call no provider. */
    record Repeat(CommandOutcome outcome) implements CommandStep {}

    /** Not possible in the payment's state: answer the refusal, change nothing. */
    record Refuse(CommandOutcome outcome) implements CommandStep {}

    /**
     * Call the provider with this key for this payment and amount.
     *
     * @param amount what the provider moves: for a void, the whole authorized amount
     */
    record CallProvider(PaymentId paymentId, Money amount, String idempotencyKey) implements CommandStep {
        public CallProvider {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }
    }
}
