package dev.asynccommerce.payments.domain;

import dev.asynccommerce.kernel.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an order's payment ledger: a provider call and what came of it. Entries are never
 * changed; the ledger only grows, and {@link #sequence()} is the entry's place in it (from 1).
 *
 * <p>No entry holds a payment token: the method type and index say which method was used.
 */
public sealed interface LedgerEntry {

    long sequence();

    Instant at();

    /** The amount asked for, authorized, captured, released or returned. */
    Money amount();

    /** The idempotency key the provider was called with. */
    String idempotencyKey();

    record Authorized(
            long sequence,
            Instant at,
            int attempt,
            int methodIndex,
            MethodType methodType,
            PaymentId paymentId,
            Money amount,
            String idempotencyKey)
            implements LedgerEntry {
        public Authorized {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(methodType, "methodType");
            Objects.requireNonNull(paymentId, "paymentId");
        }
    }

    record Declined(
            long sequence,
            Instant at,
            int attempt,
            int methodIndex,
            MethodType methodType,
            DeclineKind declineKind,
            String reasonCode,
            Money amount,
            String idempotencyKey)
            implements LedgerEntry {
        public Declined {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(methodType, "methodType");
            Objects.requireNonNull(declineKind, "declineKind");
            Objects.requireNonNull(reasonCode, "reasonCode");
        }
    }

    /** The provider stayed unavailable for every delivery of the attempt; nothing was decided. */
    record Failed(long sequence, Instant at, int attempt, String reason, Money amount, String idempotencyKey)
            implements LedgerEntry {
        public Failed {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Captured(long sequence, Instant at, PaymentId paymentId, Money amount, String idempotencyKey)
            implements LedgerEntry {
        public Captured {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(paymentId, "paymentId");
        }
    }

    record Voided(long sequence, Instant at, PaymentId paymentId, Money amount, String idempotencyKey)
            implements LedgerEntry {
        public Voided {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(paymentId, "paymentId");
        }
    }

    record Refunded(
            long sequence,
            Instant at,
            PaymentId paymentId,
            String refundId,
            String reason,
            Money amount,
            String idempotencyKey)
            implements LedgerEntry {
        public Refunded {
            requireCommon(sequence, at, amount, idempotencyKey);
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireCommon(long sequence, Instant at, Money amount, String idempotencyKey) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a ledger sequence starts at 1");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a ledger amount is never negative");
        }
    }
}
