package dev.asynccommerce.events;

/**
 * The {@code data} of a commerce event: one record per event type, each the Java side of its JSON
 * Schema in {@code schemas/events/}.
 *
 * <p>Sealed, so that a consumer's {@code switch} over events is checked for completeness and every
 * event type is known to {@link EventType}. Records carry no validation beyond non-null; values are
 * checked against the schema when {@link EventJson} writes or reads them.
 */
public sealed interface EventData
        permits OrderPlaced,
                OrderConfirmed,
                OrderPickingStarted,
                OrderReadyForPickup,
                OrderCollected,
                OrderCancelled,
                OrderExpired,
                OrderPaymentFailed,
                OrderPaymentMethodsUpdated,
                PaymentAuthorized,
                PaymentDeclined,
                PaymentFailed,
                PaymentCaptured,
                PaymentVoided,
                PaymentRefunded,
                InventoryReserved,
                InventoryReservationFailed,
                InventoryReleased,
                InventoryAdjusted,
                PickTaskCreated,
                OrderPicked,
                OrderShortPicked,
                CustomerNotified {}
