package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Devices as pushes see them: records what each got; some have left (Gone), some fail. */
public final class RecordingDevicePush implements DevicePush {
    public record Push(ConnectionId connection, StoreMessage message) {}

    private final List<Push> pushes = new ArrayList<>();
    private final Set<ConnectionId> gone = new HashSet<>();
    private final Set<ConnectionId> failing = new HashSet<>();

    @Override
    public synchronized Delivery push(ConnectionId connection, StoreMessage message) {
        if (failing.contains(connection)) {
            throw new IllegalStateException("throttled");
        }
        if (gone.contains(connection)) {
            return Delivery.GONE;
        }
        pushes.add(new Push(connection, message));
        return Delivery.DELIVERED;
    }

    public synchronized void leave(ConnectionId connection) {
        gone.add(connection);
    }

    public synchronized void failFor(ConnectionId connection, boolean fail) {
        if (fail) {
            failing.add(connection);
        } else {
            failing.remove(connection);
        }
    }

    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    public synchronized List<Push> pushesTo(ConnectionId connection) {
        return pushes.stream().filter(p -> p.connection().equals(connection)).toList();
    }
}
