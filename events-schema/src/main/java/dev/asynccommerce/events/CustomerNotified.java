package dev.asynccommerce.events;

import java.util.Objects;

/**
 * A notification was sent to the customer.
 *
 * <p>Emitted by the notifications context once per notification sent. Neither the address nor the
 * text is in the event. {@code aggregateId} is the order id.
 *
 * <p>Source {@code commerce.notifications}, detail-type {@code CustomerNotified}; the contract is
 * {@code schemas/events/CustomerNotified.v1.schema.json}.
 */
public record CustomerNotified(String orderId, String customerId, String notificationType, String channel)
        implements EventData {

    public CustomerNotified {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(notificationType, "notificationType");
        Objects.requireNonNull(channel, "channel");
    }
}
