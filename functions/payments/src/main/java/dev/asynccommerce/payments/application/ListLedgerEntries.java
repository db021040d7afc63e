package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.LedgerEntry;
import java.util.List;

/** An order's payment ledger, oldest entry first, for operators (a read route to come). */
public final class ListLedgerEntries {
    private final PaymentLedgers ledgers;

    public ListLedgerEntries(PaymentLedgers ledgers) {
        this.ledgers = ledgers;
    }

    /**
     * @throws InvalidPaymentRequestException when {@code orderId} is not an order id
     */
    public List<LedgerEntry> execute(String orderId) {
        if (!OrderId.isValid(orderId)) {
            throw new InvalidPaymentRequestException(
                    List.of("orderId: must be ord_ followed by 26 lower-case letters or digits"));
        }
        return ledgers.load(new OrderId(orderId)).entries();
    }
}
