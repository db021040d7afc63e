package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.StoreId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A store device's open WebSocket connection: which store it listens for, who signed in on it, and
 * since when. Pushes for a store go to every connection recorded for it.
 */
public record DeviceConnection(StoreId storeId, ConnectionId connectionId, String subject, Instant connectedAt) {

    /**
     * API Gateway closes every WebSocket connection after two hours at the most ("Connection duration
     * for WebSocket API: 2 hours", not adjustable: API Gateway developer guide, "Quotas for
     * configuring and running a WebSocket API"). A connection older than that is certainly gone,
     * even if its {@code $disconnect} never reached us.
     */
    public static final Duration LONGEST_LIFETIME = Duration.ofHours(2);

    public DeviceConnection {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a device connection needs the subject who opened it");
        }
    }

    /** The staff member's connection at their own store. */
    public static DeviceConnection opened(StaffIdentity staff, ConnectionId connectionId, Instant at) {
        return new DeviceConnection(staff.storeId(), connectionId, staff.subject(), at);
    }

    /** The moment API Gateway will have closed this connection at the latest. */
    public Instant closedBy() {
        return connectedAt.plus(LONGEST_LIFETIME);
    }

    public boolean mayBeOpenAt(Instant instant) {
        return instant.isBefore(closedBy());
    }

    /** Leaves the subject out: it identifies a person, and toString ends up in logs. */
    @Override
    public String toString() {
        return "DeviceConnection[storeId=" + storeId + ", connectionId=" + connectionId + ", connectedAt=" + connectedAt
                + "]";
    }
}
