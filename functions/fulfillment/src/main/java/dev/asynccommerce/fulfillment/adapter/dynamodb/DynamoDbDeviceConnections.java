package dev.asynccommerce.fulfillment.adapter.dynamodb;

import dev.asynccommerce.fulfillment.application.DeviceConnections;
import dev.asynccommerce.fulfillment.domain.ConnectionId;
import dev.asynccommerce.fulfillment.domain.DeviceConnection;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Device connections in the fulfillment table (key {@code pk} + {@code sk}, TTL on {@code
 * expiresAt}), through the low-level client: two small fixed items need no mapping layer, and the
 * keys read here as they are stored.
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>pk</th><th>sk</th><th>for</th></tr>
 *   <tr><td>{@code STORE#<storeId>}</td><td>{@code CONNECTION#<connectionId>}</td>
 *       <td>a store's connections, one Query: where pushes go</td></tr>
 *   <tr><td>{@code CONNECTION#<connectionId>}</td><td>{@code CONNECTION}</td>
 *       <td>the store of a connection: {@code $disconnect} knows only the connection id</td></tr>
 * </table>
 *
 * <p>Both items are put in one {@code TransactWriteItems} and deleted in another, so neither is
 * ever left without the other. Both expire at {@link DeviceConnection#closedBy()}: TTL removes
 * connections whose {@code $disconnect} never came, and since TTL deletes lazily (within days),
 * reads skip expired items themselves.
 *
 * <p>Failure behaviour: every storage failure (throttling after the SDK's retries, a network
 * failure) is an exception, for the platform to retry.
 */
public final class DynamoDbDeviceConnections implements DeviceConnections {
    static final String STORE_PREFIX = "STORE#";
    static final String CONNECTION_PREFIX = "CONNECTION#";
    static final String CONNECTION_SK = "CONNECTION";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    public DynamoDbDeviceConnections(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
    }

    /**
     * Puts both items unconditionally: a connection id is API Gateway's and never reused, so writing
     * the same connection again can only write the same items.
     */
    @Override
    public void record(DeviceConnection connection) {
        AttributeValue expiresAt = epochSeconds(connection.closedBy().getEpochSecond());
        AttributeValue connectedAt =
                AttributeValue.fromS(connection.connectedAt().toString());
        Map<String, AttributeValue> byStore = Map.of(
                "pk", storeKey(connection.storeId()),
                "sk",
                        AttributeValue.fromS(
                                CONNECTION_PREFIX + connection.connectionId().value()),
                "connectionId", AttributeValue.fromS(connection.connectionId().value()),
                "subject", AttributeValue.fromS(connection.subject()),
                "connectedAt", connectedAt,
                "expiresAt", expiresAt);
        Map<String, AttributeValue> byConnection = Map.of(
                "pk", connectionKey(connection.connectionId()),
                "sk", AttributeValue.fromS(CONNECTION_SK),
                "storeId", AttributeValue.fromS(connection.storeId().value()),
                "connectedAt", connectedAt,
                "expiresAt", expiresAt);
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(byStore))
                        .build(),
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(byConnection))
                        .build()));
    }

    /**
     * Reads the connection's store, then deletes both items in one transaction. Read and delete are
     * two calls, which is safe here: deleting is idempotent and a connection id is never recorded
     * again, so a concurrent {@code $disconnect} can only delete the same two items.
     */
    @Override
    public Optional<StoreId> forget(ConnectionId connectionId) {
        Map<String, AttributeValue> reverseKey =
                Map.of("pk", connectionKey(connectionId), "sk", AttributeValue.fromS(CONNECTION_SK));
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(tableName).key(reverseKey).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        StoreId storeId = new StoreId(item.get("storeId").s());
        Map<String, AttributeValue> storeKey =
                Map.of("pk", storeKey(storeId), "sk", AttributeValue.fromS(CONNECTION_PREFIX + connectionId.value()));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .delete(d -> d.tableName(tableName).key(storeKey))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName(tableName).key(reverseKey))
                        .build()));
        return Optional.of(storeId);
    }

    /**
     * Strongly consistent, so a device that connected a moment ago gets the push that follows; a
     * paginated Query, however many devices a store has.
     */
    @Override
    public List<ConnectionId> connectedTo(StoreId storeId) {
        return dynamo
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .filterExpression("expiresAt > :now")
                        .expressionAttributeValues(Map.of(
                                ":pk", storeKey(storeId),
                                ":prefix", AttributeValue.fromS(CONNECTION_PREFIX),
                                ":now", epochSeconds(clock.instant().getEpochSecond())))
                        .projectionExpression("connectionId")
                        .consistentRead(true))
                .items()
                .stream()
                .map(item -> new ConnectionId(item.get("connectionId").s()))
                .toList();
    }

    /** Strongly consistent, skipping a connection that cannot be open any more (TTL deletes late). */
    @Override
    public Optional<StoreId> storeOf(ConnectionId connectionId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName)
                        .key(Map.of("pk", connectionKey(connectionId), "sk", AttributeValue.fromS(CONNECTION_SK)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        if (expiresAt <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new StoreId(item.get("storeId").s()));
    }

    private static AttributeValue storeKey(StoreId storeId) {
        return AttributeValue.fromS(STORE_PREFIX + storeId.value());
    }

    private static AttributeValue connectionKey(ConnectionId connectionId) {
        return AttributeValue.fromS(CONNECTION_PREFIX + connectionId.value());
    }

    private static AttributeValue epochSeconds(long seconds) {
        return AttributeValue.fromN(Long.toString(seconds));
    }
}
