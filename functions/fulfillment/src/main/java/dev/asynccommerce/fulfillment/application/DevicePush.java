package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;

/**
 * Sends one message to one store device over its open WebSocket connection.
 *
 * <p>Guarantees: a connection that is closed answers {@link Delivery#GONE}, never an exception.
 * Failure behaviour: anything else (throttling, the endpoint unreachable) is an exception.
 */
public interface DevicePush {

    Delivery push(ConnectionId connection, StoreMessage message);

    enum Delivery {
        DELIVERED,
        /** The device has left; the connection should be forgotten. */
        GONE
    }
}
