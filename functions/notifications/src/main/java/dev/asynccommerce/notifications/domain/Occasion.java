package dev.asynccommerce.notifications.domain;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.Objects;

/** Something that happened to an order that the customer is told about: one kind per notification type. */
public sealed interface Occasion {
    OrderId orderId();

    NotificationType type();

    record OrderConfirmed(OrderId orderId, StoreId storeId) implements Occasion {
        public OrderConfirmed {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(storeId, "storeId");
        }

        @Override
        public NotificationType type() {
            return NotificationType.ORDER_CONFIRMED;
        }
    }

    record ReadyForPickup(OrderId orderId, StoreId storeId, PickupCode pickupCode) implements Occasion {
        public ReadyForPickup {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(pickupCode, "pickupCode");
        }

        @Override
        public NotificationType type() {
            return NotificationType.READY_FOR_PICKUP;
        }
    }

    /** The pickup window ends at {@code expiresAt}; the customer is reminded once before it does. */
    record PickupReminder(OrderId orderId, StoreId storeId, Instant expiresAt) implements Occasion {
        public PickupReminder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public NotificationType type() {
            return NotificationType.PICKUP_REMINDER;
        }
    }

    /** {@code awaitingPayment}: the order expired while waiting for a new payment method, not for pickup. */
    record Expired(OrderId orderId, StoreId storeId, boolean awaitingPayment) implements Occasion {
        public Expired {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(storeId, "storeId");
        }

        @Override
        public NotificationType type() {
            return NotificationType.ORDER_EXPIRED;
        }
    }

    record Cancelled(OrderId orderId, StoreId storeId, CancellationReason reason) implements Occasion {
        public Cancelled {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public NotificationType type() {
            return NotificationType.ORDER_CANCELLED;
        }
    }

    record PaymentFailed(OrderId orderId) implements Occasion {
        public PaymentFailed {
            Objects.requireNonNull(orderId, "orderId");
        }

        @Override
        public NotificationType type() {
            return NotificationType.PAYMENT_FAILED;
        }
    }
}
