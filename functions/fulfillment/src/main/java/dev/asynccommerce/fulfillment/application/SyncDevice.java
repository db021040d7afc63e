package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;
import java.util.Optional;

/**
 * A device asks to catch up (WebSocket message {@code {"action": "sync"}}), typically right after it
 * connected: pushes made before it connected never reached it. It gets the open tasks of the store
 * its connection was opened for, as one {@code PickTasks} message, and nothing of another store.
 */
public final class SyncDevice {
    private final DeviceConnections connections;
    private final PickTasks tasks;
    private final StoreDevices devices;

    public SyncDevice(DeviceConnections connections, PickTasks tasks, StoreDevices devices) {
        this.connections = connections;
        this.tasks = tasks;
        this.devices = devices;
    }

    public sealed interface Outcome {
        record Synced(StoreId storeId, int openTasks) implements Outcome {}

        /** The connection is not recorded (refused, expired or gone): nothing is sent. */
        record NotConnected() implements Outcome {}
    }

    public Outcome execute(ConnectionId connection) {
        Optional<StoreId> store = connections.storeOf(connection);
        if (store.isEmpty()) {
            return new Outcome.NotConnected();
        }
        StoreMessage.PickTasks message = new StoreMessage.PickTasks(store.get(), tasks.openAt(store.get()));
        if (!devices.pushTo(connection, message)) {
            return new Outcome.NotConnected();
        }
        return new Outcome.Synced(store.get(), message.tasks().size());
    }
}
