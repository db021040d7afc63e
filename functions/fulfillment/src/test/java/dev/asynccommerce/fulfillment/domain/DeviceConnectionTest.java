package dev.asynccommerce.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceConnectionTest {
    private static final StaffIdentity STAFF =
            new StaffIdentity("7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13", new StoreId("store-001"));
    private static final Instant NINE = Instant.parse("2026-11-21T09:00:00Z");

    @Test
    void aConnectionIsOpenedAtTheStaffMembersOwnStore() {
        DeviceConnection connection = DeviceConnection.opened(STAFF, new ConnectionId("Bq3rTd1EjoECI2g="), NINE);

        assertThat(connection.storeId()).isEqualTo(new StoreId("store-001"));
        assertThat(connection.subject()).isEqualTo(STAFF.subject());
    }

    @Test
    void apiGatewayHasClosedEveryConnectionAfterTwoHours() {
        DeviceConnection connection = DeviceConnection.opened(STAFF, new ConnectionId("Bq3rTd1EjoECI2g="), NINE);

        assertThat(connection.closedBy()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        assertThat(connection.mayBeOpenAt(Instant.parse("2026-11-21T10:59:59Z")))
                .isTrue();
        assertThat(connection.mayBeOpenAt(Instant.parse("2026-11-21T11:00:00Z")))
                .isFalse();
    }

    @Test
    void staffWorkAtTheirOwnStoreOnly() {
        assertThat(STAFF.worksAt(new StoreId("store-001"))).isTrue();
        assertThat(STAFF.worksAt(new StoreId("store-002"))).isFalse();
    }

    @Test
    void theSubjectStaysOutOfLogLines() {
        DeviceConnection connection = DeviceConnection.opened(STAFF, new ConnectionId("Bq3rTd1EjoECI2g="), NINE);

        assertThat(STAFF.toString()).doesNotContain(STAFF.subject()).contains("store-001");
        assertThat(connection.toString()).doesNotContain(STAFF.subject()).contains("Bq3rTd1EjoECI2g=");
    }

    @Test
    void connectionIdsAreBoundedAndPlain() {
        assertThat(ConnectionId.isValid("L0SM9cOFvHcCIhw=")).isTrue();
        assertThat(ConnectionId.isValid("")).isFalse();
        assertThat(ConnectionId.isValid("a b")).isFalse();
        assertThat(ConnectionId.isValid("x".repeat(129))).isFalse();
        assertThat(ConnectionId.isValid("abc\ninjected")).isFalse();
        assertThatThrownBy(() -> new ConnectionId("abc#def")).isInstanceOf(IllegalArgumentException.class);
    }
}
