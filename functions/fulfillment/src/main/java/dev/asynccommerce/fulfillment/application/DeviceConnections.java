package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * The open WebSocket connections of store devices, by store and by connection.
 *
 * <p>Guarantees: a connection is recorded under its store and under its own id together or not at
 * all, and forgotten the same way; recording or forgetting it again changes nothing. A recorded
 * connection is dropped on its own once it cannot be open any more ({@link
 * DeviceConnection#closedBy()}), since API Gateway does not promise every {@code $disconnect}.
 * Failure behaviour: storage failures are exceptions, for the platform to retry.
 */
public interface DeviceConnections {

    void record(DeviceConnection connection);

    /** Forgets the connection and answers the store it was open at; empty if it was not known. */
    Optional<StoreId> forget(ConnectionId connectionId);

    /** The connections of the store that may still be open now: where its pushes go. */
    List<ConnectionId> connectedTo(StoreId storeId);

    /** The store a connection was opened for, while it may still be open; empty if not known. */
    Optional<StoreId> storeOf(ConnectionId connectionId);
}
