package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.Objects;

/**
 * The order is ready at the store and the workflow waits for the customer to collect it with the
 * pickup code. Open until collected or cancelled; a reminder hands the same wait a new token.
 *
 * @param version increases with every change: the store's optimistic concurrency check
 * @param closedAt when it was collected or cancelled; null while awaiting
 */
public record CollectionWait(
        OrderId orderId,
        StoreId storeId,
        PickupCodeDigest code,
        TaskToken token,
        boolean reminded,
        CollectionStatus status,
        String correlationId,
        Instant createdAt,
        long version,
        Instant closedAt) {

    public CollectionWait {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static CollectionWait awaiting(
            OrderId orderId,
            StoreId storeId,
            String pickupCode,
            TaskToken token,
            boolean reminded,
            String correlationId,
            Instant at) {
        return new CollectionWait(
                orderId,
                storeId,
                PickupCodeDigest.of(orderId, pickupCode),
                token,
                reminded,
                CollectionStatus.AWAITING,
                correlationId,
                at,
                1,
                null);
    }

    public boolean isAwaitingAt(StoreId store) {
        return status == CollectionStatus.AWAITING && storeId.equals(store);
    }

    /** The workflow waits again (a retry, or after the reminder): same wait, new token. */
    public CollectionWait withToken(TaskToken newToken, boolean nowReminded) {
        if (status != CollectionStatus.AWAITING) {
            throw new IllegalStateException("only an awaited collection takes a new token");
        }
        boolean reminder = reminded || nowReminded;
        if (newToken.equals(token) && reminder == reminded) {
            return this;
        }
        return new CollectionWait(
                orderId, storeId, code, newToken, reminder, status, correlationId, createdAt, version + 1, null);
    }

    /** The customer shows a code at the store. */
    public CollectionDecision collect(String pickupCode, Instant at) {
        if (status == CollectionStatus.CANCELLED) {
            return new CollectionDecision.NotAwaited();
        }
        if (!code.matches(orderId, pickupCode)) {
            return new CollectionDecision.WrongCode();
        }
        if (status == CollectionStatus.COLLECTED) {
            return new CollectionDecision.AlreadyCollected(this);
        }
        return new CollectionDecision.Collected(new CollectionWait(
                orderId,
                storeId,
                code,
                token,
                reminded,
                CollectionStatus.COLLECTED,
                correlationId,
                createdAt,
                version + 1,
                at));
    }

    /** The order was cancelled: nobody collects it any more. Cancelling again changes nothing. */
    public CollectionWait cancel(Instant at) {
        if (status != CollectionStatus.AWAITING) {
            return this;
        }
        return new CollectionWait(
                orderId,
                storeId,
                code,
                token,
                reminded,
                CollectionStatus.CANCELLED,
                correlationId,
                createdAt,
                version + 1,
                at);
    }
}
