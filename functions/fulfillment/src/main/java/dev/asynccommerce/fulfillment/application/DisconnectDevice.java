package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;

/**
 * A store device's WebSocket closed: its connection is forgotten and gets no more pushes. Closing
 * a connection that was never recorded (refused at connect, forgotten already, or expired) is
 * fine: API Gateway sends {@code $disconnect} for those too, and may send it more than once.
 */
public final class DisconnectDevice {
    private final DeviceConnections connections;

    public DisconnectDevice(DeviceConnections connections) {
        this.connections = connections;
    }

    public Outcome execute(ConnectionId connectionId) {
        return connections
                .forget(connectionId)
                .<Outcome>map(Outcome.Disconnected::new)
                .orElseGet(Outcome.NotConnected::new);
    }

    public sealed interface Outcome {
        record Disconnected(StoreId storeId) implements Outcome {}

        record NotConnected() implements Outcome {}
    }
}
