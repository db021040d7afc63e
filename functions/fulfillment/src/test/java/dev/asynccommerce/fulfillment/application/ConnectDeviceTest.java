package dev.asynccommerce.fulfillment.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectDeviceTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final ConnectionId CONNECTION = new ConnectionId("Bq3rTd1EjoECI2g=");

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final InMemoryDeviceConnections connections = new InMemoryDeviceConnections(clock);
    private final KnownStaffTokens tokens = new KnownStaffTokens()
            .issue("staff-of-store-001", "store-001")
            .issue("staff-of-store-002", "store-002")
            .refuse("expired-token", StaffTokens.Reason.EXPIRED);
    private final ConnectDevice connectDevice = new ConnectDevice(tokens, connections, clock);

    @Test
    void staffOfTheStoreConnectAndTheStoresPushesReachThem() {
        ConnectDevice.Outcome outcome = connectDevice.execute(STORE, CONNECTION, "staff-of-store-001");

        DeviceConnection expected = new DeviceConnection(
                STORE, CONNECTION, KnownStaffTokens.SUBJECT, Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(outcome).isEqualTo(new ConnectDevice.Outcome.Connected(expected));
        assertThat(connections.connectedTo(STORE)).containsExactly(CONNECTION);
        assertThat(expected.closedBy()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    }

    @Test
    void staffOfAnotherStoreAreRefusedAndNothingIsRecorded() {
        ConnectDevice.Outcome outcome = connectDevice.execute(STORE, CONNECTION, "staff-of-store-002");

        assertThat(outcome).isEqualTo(new ConnectDevice.Outcome.OtherStore());
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void aRefusedTokenIsUnauthenticatedWithItsReasonAndNothingIsRecorded() {
        assertThat(connectDevice.execute(STORE, CONNECTION, "expired-token"))
                .isEqualTo(new ConnectDevice.Outcome.Unauthenticated(StaffTokens.Reason.EXPIRED));
        assertThat(connectDevice.execute(STORE, CONNECTION, "made-up"))
                .isEqualTo(new ConnectDevice.Outcome.Unauthenticated(StaffTokens.Reason.MALFORMED));
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void connectingTheSameConnectionAgainKeepsOneRecord() {
        connectDevice.execute(STORE, CONNECTION, "staff-of-store-001");
        connectDevice.execute(STORE, CONNECTION, "staff-of-store-001");

        assertThat(connections.connectedTo(STORE)).containsExactly(CONNECTION);
    }

    @Test
    void aConnectionIsNoLongerPushedToOnceApiGatewayHasClosedIt() {
        connectDevice.execute(STORE, CONNECTION, "staff-of-store-001");

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(connections.connectedTo(STORE)).containsExactly(CONNECTION);
        clock.advance(Duration.ofSeconds(1));
        assertThat(connections.connectedTo(STORE)).isEmpty();
    }
}
