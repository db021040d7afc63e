package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The device connections contract in memory: by connection, listed by store, expiring on time. */
public final class InMemoryDeviceConnections implements DeviceConnections {
    private final Map<ConnectionId, DeviceConnection> connections = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryDeviceConnections(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void record(DeviceConnection connection) {
        connections.put(connection.connectionId(), connection);
    }

    @Override
    public synchronized Optional<StoreId> forget(ConnectionId connectionId) {
        return Optional.ofNullable(connections.remove(connectionId)).map(DeviceConnection::storeId);
    }

    @Override
    public synchronized List<ConnectionId> connectedTo(StoreId storeId) {
        return connections.values().stream()
                .filter(c -> c.storeId().equals(storeId) && c.mayBeOpenAt(clock.instant()))
                .map(DeviceConnection::connectionId)
                .toList();
    }

    @Override
    public synchronized Optional<StoreId> storeOf(ConnectionId connectionId) {
        return Optional.ofNullable(connections.get(connectionId))
                .filter(c -> c.mayBeOpenAt(clock.instant()))
                .map(DeviceConnection::storeId);
    }

    /** Everything recorded, expired or not: what a refused connect must not have added to. */
    public synchronized List<DeviceConnection> all() {
        return List.copyOf(connections.values());
    }
}
