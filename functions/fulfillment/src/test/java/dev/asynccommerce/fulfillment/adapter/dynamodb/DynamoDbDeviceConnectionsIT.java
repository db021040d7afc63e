package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import dev.asynccommerce.testkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Device connections against AWS's DynamoDB Local, in this JVM, in a table shaped as the stack's. */
class DynamoDbDeviceConnectionsIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final StoreId STORE = new StoreId("store-001");
    private static final StoreId OTHER_STORE = new StoreId("store-002");
    private static final String SUBJECT = "7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13";

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private String table;
    private DynamoDbDeviceConnections connections;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("fulfillment").withSortKey("sk").create(DYNAMO);
        connections = new DynamoDbDeviceConnections(DYNAMO, table, clock);
    }

    private DeviceConnection connection(StoreId store, String id) {
        return new DeviceConnection(store, new ConnectionId(id), SUBJECT, clock.instant());
    }

    private List<Map<String, AttributeValue>> allItems() {
        return DYNAMO.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    @Test
    void aRecordedConnectionIsListedForItsStoreOnly() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));
        connections.record(connection(STORE, "Bq3sA7xQjoECJ1A="));
        connections.record(connection(OTHER_STORE, "Bq3tKp0AjoECK9w="));

        assertThat(connections.connectedTo(STORE))
                .containsExactlyInAnyOrder(new ConnectionId("Bq3rTd1EjoECI2g="), new ConnectionId("Bq3sA7xQjoECJ1A="));
        assertThat(connections.connectedTo(OTHER_STORE)).containsExactly(new ConnectionId("Bq3tKp0AjoECK9w="));
        assertThat(connections.connectedTo(new StoreId("store-003"))).isEmpty();
    }

    @Test
    void recordingWritesTheStoreItemAndTheReverseItemWithTheirExpiry() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));

        long twoHoursOn = Instant.parse("2026-11-21T11:00:00Z").getEpochSecond();
        assertThat(allItems())
                .hasSize(2)
                .anySatisfy(item -> {
                    assertThat(item.get("pk").s()).isEqualTo("STORE#store-001");
                    assertThat(item.get("sk").s()).isEqualTo("CONNECTION#Bq3rTd1EjoECI2g=");
                    assertThat(item.get("connectionId").s()).isEqualTo("Bq3rTd1EjoECI2g=");
                    assertThat(item.get("subject").s()).isEqualTo(SUBJECT);
                    assertThat(item.get("connectedAt").s()).isEqualTo("2026-11-21T09:00:00Z");
                    assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(twoHoursOn);
                })
                .anySatisfy(item -> {
                    assertThat(item.get("pk").s()).isEqualTo("CONNECTION#Bq3rTd1EjoECI2g=");
                    assertThat(item.get("sk").s()).isEqualTo("CONNECTION");
                    assertThat(item.get("storeId").s()).isEqualTo("store-001");
                    assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(twoHoursOn);
                });
    }

    @Test
    void recordingTheSameConnectionAgainLeavesTheSameTwoItems() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));

        assertThat(allItems()).hasSize(2);
        assertThat(connections.connectedTo(STORE)).containsExactly(new ConnectionId("Bq3rTd1EjoECI2g="));
    }

    @Test
    void forgettingRemovesBothItemsAndAnswersTheStore() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));
        connections.record(connection(STORE, "Bq3sA7xQjoECJ1A="));

        assertThat(connections.forget(new ConnectionId("Bq3rTd1EjoECI2g="))).contains(STORE);

        assertThat(connections.connectedTo(STORE)).containsExactly(new ConnectionId("Bq3sA7xQjoECJ1A="));
        assertThat(allItems())
                .extracting(item -> item.get("pk").s() + " " + item.get("sk").s())
                .containsExactlyInAnyOrder(
                        "STORE#store-001 CONNECTION#Bq3sA7xQjoECJ1A=", "CONNECTION#Bq3sA7xQjoECJ1A= CONNECTION");
    }

    @Test
    void forgettingAnUnknownConnectionIsFineAndChangesNothing() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));

        assertThat(connections.forget(new ConnectionId("Zz9zZz9zZz9zZz8="))).isEmpty();
        assertThat(connections.forget(new ConnectionId("Bq3rTd1EjoECI2g="))).contains(STORE);
        assertThat(connections.forget(new ConnectionId("Bq3rTd1EjoECI2g="))).isEmpty();
        assertThat(allItems()).isEmpty();
    }

    @Test
    void aWriteThatFailsLeavesNeitherItem() {
        // The store item carries the subject; too large an item fails the whole transaction.
        DeviceConnection oversized =
                new DeviceConnection(STORE, new ConnectionId("Bq3rTd1EjoECI2g="), "s".repeat(410_000), clock.instant());

        assertThatThrownBy(() -> connections.record(oversized)).isInstanceOf(DynamoDbException.class);
        assertThat(allItems()).isEmpty();
    }

    @Test
    void connectionsApiGatewayHasClosedAreNotListedBeforeTtlRemovesThem() {
        connections.record(connection(STORE, "Bq3rTd1EjoECI2g="));
        clock.advance(Duration.ofMinutes(90));
        connections.record(connection(STORE, "Bq3sA7xQjoECJ1A="));

        clock.advance(Duration.ofMinutes(30));

        assertThat(connections.connectedTo(STORE)).containsExactly(new ConnectionId("Bq3sA7xQjoECJ1A="));
        assertThat(allItems())
                .as("TTL deletes lazily; the items are still there")
                .hasSize(4);
    }

    @Test
    void aBusyStoreListsEveryConnectionAcrossPages() {
        IntStream.range(0, 60).forEach(i -> connections.record(connection(STORE, "conn%012d=".formatted(i))));

        assertThat(connections.connectedTo(STORE)).hasSize(60).doesNotHaveDuplicates();
    }
}
