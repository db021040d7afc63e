package dev.asynccommerce.fulfillment.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class DisconnectDeviceTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final ConnectionId FIRST = new ConnectionId("Bq3rTd1EjoECI2g=");
    private static final ConnectionId SECOND = new ConnectionId("Bq3sA7xQjoECJ1A=");

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final InMemoryDeviceConnections connections = new InMemoryDeviceConnections(clock);
    private final ConnectDevice connectDevice =
            new ConnectDevice(new KnownStaffTokens().issue("staff", "store-001"), connections, clock);
    private final DisconnectDevice disconnectDevice = new DisconnectDevice(connections);

    @Test
    void aClosedConnectionIsForgottenAndTheStoresOtherDevicesStay() {
        connectDevice.execute(STORE, FIRST, "staff");
        connectDevice.execute(STORE, SECOND, "staff");

        DisconnectDevice.Outcome outcome = disconnectDevice.execute(FIRST);

        assertThat(outcome).isEqualTo(new DisconnectDevice.Outcome.Disconnected(STORE));
        assertThat(connections.connectedTo(STORE)).containsExactly(SECOND);
    }

    @Test
    void closingAnUnknownConnectionIsFine() {
        assertThat(disconnectDevice.execute(FIRST)).isEqualTo(new DisconnectDevice.Outcome.NotConnected());
    }

    @Test
    void closingTwiceForgetsOnce() {
        connectDevice.execute(STORE, FIRST, "staff");

        disconnectDevice.execute(FIRST);
        DisconnectDevice.Outcome again = disconnectDevice.execute(FIRST);

        assertThat(again).isEqualTo(new DisconnectDevice.Outcome.NotConnected());
        assertThat(connections.all()).isEmpty();
    }
}
