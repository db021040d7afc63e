package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.application.StaffTokens.Verification.Refused;
import dev.asynccommerce.fulfillment.application.StaffTokens.Verification.Verified;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.fulfillment.domain.StaffIdentity;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;

/**
 * A store device opens its WebSocket for a store: the staff token must verify and name that very
 * store; then the connection is recorded, so the store's pushes reach the device. A refused device
 * leaves nothing behind.
 */
public final class ConnectDevice {
    private final StaffTokens tokens;
    private final DeviceConnections connections;
    private final Clock clock;

    public ConnectDevice(StaffTokens tokens, DeviceConnections connections, Clock clock) {
        this.tokens = tokens;
        this.connections = connections;
        this.clock = clock;
    }

    public Outcome execute(StoreId storeId, ConnectionId connectionId, String token) {
        return switch (tokens.verify(token)) {
            case Refused(StaffTokens.Reason reason) -> new Outcome.Unauthenticated(reason);
            case Verified(StaffIdentity staff) when !staff.worksAt(storeId) -> new Outcome.OtherStore();
            case Verified(StaffIdentity staff) -> {
                DeviceConnection connection = DeviceConnection.opened(staff, connectionId, clock.instant());
                connections.record(connection);
                yield new Outcome.Connected(connection);
            }
        };
    }

    public sealed interface Outcome {
        record Connected(DeviceConnection connection) implements Outcome {}

        /** The token is missing its mark: not ours, not current, not an ID token, or no store. */
        record Unauthenticated(StaffTokens.Reason reason) implements Outcome {}

        /** A good token of a member of another store's staff. */
        record OtherStore() implements Outcome {}
    }
}
