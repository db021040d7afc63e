package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.PaymentLedger;

/**
 * The payment ledgers, with the outbox in the same store.
 *
 * <p>An entry is appended only at the sequence right after the last one, atomically with its event:
 * both are written or neither. A writer that decided on an older version of the ledger (a
 * concurrent or redelivered message got there first) writes nothing and learns so from the result.
 */
public interface PaymentLedgers {

    /** The order's ledger, read consistently; empty when the order has no payment history. */
    PaymentLedger load(OrderId orderId);

    AppendResult append(OrderId orderId, LedgerEntry entry, OutboxMessage event);

    sealed interface AppendResult {
        record Appended() implements AppendResult {}

        /** Another entry already holds this sequence; nothing was written. Reload and decide again. */
        record SequenceTaken() implements AppendResult {}
    }
}
