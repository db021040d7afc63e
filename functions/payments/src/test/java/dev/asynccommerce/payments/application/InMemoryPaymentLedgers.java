package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.PaymentLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ledgers in memory with the store's one rule: an entry only at the next sequence, with its event. */
public class InMemoryPaymentLedgers implements PaymentLedgers {
    private final Map<OrderId, List<LedgerEntry>> ledgers = new HashMap<>();
    public final List<OutboxMessage> outbox = new ArrayList<>();
    private Runnable beforeNextAppend;

    @Override
    public synchronized PaymentLedger load(OrderId orderId) {
        return new PaymentLedger(orderId, ledgers.getOrDefault(orderId, List.of()));
    }

    @Override
    public synchronized AppendResult append(OrderId orderId, LedgerEntry entry, OutboxMessage event) {
        if (beforeNextAppend != null) {
            Runnable interloper = beforeNextAppend;
            beforeNextAppend = null;
            interloper.run();
        }
        List<LedgerEntry> entries = ledgers.computeIfAbsent(orderId, id -> new ArrayList<>());
        if (entry.sequence() != entries.size() + 1) {
            return new AppendResult.SequenceTaken();
        }
        entries.add(entry);
        outbox.add(event);
        return new AppendResult.Appended();
    }

    /** Lets a test play a concurrent writer that gets in just before the next append. */
    public synchronized void beforeNextAppend(Runnable interloper) {
        this.beforeNextAppend = interloper;
    }

    public List<LedgerEntry> entries(OrderId orderId) {
        return load(orderId).entries();
    }
}
