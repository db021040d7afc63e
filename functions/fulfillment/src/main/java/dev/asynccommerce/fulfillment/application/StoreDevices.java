package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;

/**
 * Pushes messages to a store's devices: every connection recorded for that store and no other.
 * Connections that turn out closed are forgotten on the way.
 *
 * <p>Failure behaviour: a push that fails for a technical reason does not stop the pushes to the
 * other devices; once all were tried, {@link PushFailedException} reports the failures, so that the
 * caller's retry pushes again (devices recognise a message they already had).
 */
public final class StoreDevices {
    private final DeviceConnections connections;
    private final DevicePush push;

    public StoreDevices(DeviceConnections connections, DevicePush push) {
        this.connections = connections;
        this.push = push;
    }

    /** Pushes to every device connected for the message's store. */
    public Report pushToStore(StoreMessage message) {
        return pushToStore(message.storeId(), message);
    }

    private Report pushToStore(StoreId store, StoreMessage message) {
        int delivered = 0;
        int gone = 0;
        RuntimeException firstFailure = null;
        int failed = 0;
        for (ConnectionId connection : connections.connectedTo(store)) {
            try {
                if (pushTo(connection, message)) {
                    delivered++;
                } else {
                    gone++;
                }
            } catch (RuntimeException e) {
                failed++;
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw new PushFailedException(failed, delivered, firstFailure);
        }
        return new Report(delivered, gone);
    }

    /** Pushes to one connection: true if delivered, false if it was gone (and is now forgotten). */
    public boolean pushTo(ConnectionId connection, StoreMessage message) {
        return switch (push.push(connection, message)) {
            case DELIVERED -> true;
            case GONE -> {
                connections.forget(connection);
                yield false;
            }
        };
    }

    /** How many devices got the message, and how many had left. */
    public record Report(int delivered, int gone) {}

    /** Some devices could not be reached for a reason that may pass; the first cause is attached. */
    public static final class PushFailedException extends RuntimeException {
        public PushFailedException(int failed, int delivered, RuntimeException cause) {
            super("push failed for " + failed + " device(s), delivered to " + delivered, cause);
        }
    }
}
