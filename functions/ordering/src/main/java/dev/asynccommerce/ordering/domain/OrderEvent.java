package dev.asynccommerce.ordering.domain;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * What happened to an order, as the domain says it. The application layer turns each into its
 * published event (events-schema), leaving out anything personal.
 */
public sealed interface OrderEvent {
    OrderId orderId();

    Instant occurredAt();

    /** The published name of the event (the EventBridge detail-type). */
    String name();

    record Placed(
            OrderId orderId,
            CustomerId customerId,
            StoreId storeId,
            List<OrderLine> lines,
            Money total,
            List<PaymentMethod> paymentMethods,
            Instant occurredAt)
            implements OrderEvent {
        public String name() {
            return "OrderPlaced";
        }
    }

    record Confirmed(OrderId orderId, StoreId storeId, Instant occurredAt) implements OrderEvent {
        public String name() {
            return "OrderConfirmed";
        }
    }

    record PickingStarted(OrderId orderId, StoreId storeId, Instant occurredAt) implements OrderEvent {
        public String name() {
            return "OrderPickingStarted";
        }
    }

    record ReadyForPickup(OrderId orderId, StoreId storeId, PickupCode pickupCode, Instant occurredAt)
            implements OrderEvent {
        public String name() {
            return "OrderReadyForPickup";
        }
    }

    record Collected(OrderId orderId, StoreId storeId, Instant occurredAt) implements OrderEvent {
        public String name() {
            return "OrderCollected";
        }
    }

    record Cancelled(
            OrderId orderId, StoreId storeId, CancellationReason reason, OrderStatus previousStatus, Instant occurredAt)
            implements OrderEvent {
        public String name() {
            return "OrderCancelled";
        }
    }

    record Expired(OrderId orderId, StoreId storeId, OrderStatus previousStatus, Instant occurredAt)
            implements OrderEvent {
        public String name() {
            return "OrderExpired";
        }
    }

    record PaymentFailed(OrderId orderId, String reason, Instant occurredAt) implements OrderEvent {
        public String name() {
            return "OrderPaymentFailed";
        }
    }

    record PaymentMethodsUpdated(OrderId orderId, List<PaymentMethod> paymentMethods, int attempt, Instant occurredAt)
            implements OrderEvent {
        public String name() {
            return "OrderPaymentMethodsUpdated";
        }
    }
}
