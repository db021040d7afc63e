package dev.asynccommerce.inventory.adapter.dynamodb;

import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.CONDITIONAL_CHECK_FAILED;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.LOCATION;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.ON_HAND;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.PK;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.RESERVED;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.SK;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.SKU_PREFIX;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.TRANSACTION_CONFLICT;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.VERSION;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.number;

import dev.asynccommerce.inventory.application.OutboxMessage;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.inventory.application.StockRepository;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.inventory.domain.StoreStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Inventory in one DynamoDB table ({@code pk}, {@code sk}): per store, a location item
 * ({@code pk=STORE#<storeId>, sk=LOCATION}) and one stock item per SKU
 * ({@code sk=SKU#<sku>}, with {@code onHand}, {@code reserved}, {@code version}).
 *
 * <p>Availability is one BatchGetItem of the location item and the stock items together
 * ({@link BatchReads}: requests of at most 100 keys, {@code UnprocessedKeys} retried with bounded,
 * jittered backoff). Writes are conditional: the location with {@code attribute_not_exists}, stock
 * on its {@code version}, each stock write in one {@code TransactWriteItems} with its
 * {@code InventoryAdjusted} outbox item. The low-level client is used here rather than the Enhanced
 * Client because these request-level controls are the point: see
 * docs/decisions/2026-11-21-low-level-dynamodb-client-for-request-control.md.
 */
public final class DynamoDbStockRepository implements StockRepository {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final BatchReads reads;

    public DynamoDbStockRepository(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Pause.jittered(Duration.ofMillis(25), Duration.ofMillis(800)));
    }

    DynamoDbStockRepository(DynamoDbClient dynamoDb, String tableName, Pause backoff) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.reads = new BatchReads(dynamoDb, backoff);
    }

    @Override
    public Optional<StoreStock> findStock(StoreId storeId, Set<Sku> skus) {
        // The location rides in the same batch as the stock: one round trip answers both questions.
        List<Map<String, AttributeValue>> keys = new ArrayList<>(skus.size() + 1);
        keys.add(InventoryTable.locationKey(storeId));
        skus.forEach(sku -> keys.add(InventoryTable.stockKey(storeId, sku)));

        boolean known = false;
        Map<Sku, StockLevel> levels = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(keys, false)) {
            String sk = item.get(SK).s();
            if (sk.equals(LOCATION)) {
                known = true;
            } else if (sk.startsWith(SKU_PREFIX)) {
                StockLevel level = toLevel(storeId, item);
                levels.put(level.sku(), level);
            }
        }
        return known ? Optional.of(new StoreStock(storeId, levels)) : Optional.empty();
    }

    @Override
    public boolean isRegistered(StoreId storeId) {
        return dynamoDb.getItem(b -> b.tableName(tableName)
                        .key(InventoryTable.locationKey(storeId))
                        .consistentRead(true)
                        .projectionExpression("#pk")
                        .expressionAttributeNames(Map.of("#pk", PK)))
                .hasItem();
    }

    @Override
    public boolean register(StoreId storeId) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(InventoryTable.locationKey(storeId))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    @Override
    public StockLevel load(StoreId storeId, Sku sku) {
        var response = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(InventoryTable.stockKey(storeId, sku))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? toLevel(storeId, response.item())
                : StockLevel.none(storeId, sku);
    }

    @Override
    public Map<Sku, StockLevel> loadAll(StoreId storeId, Set<Sku> skus) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(skus.size());
        skus.forEach(sku -> keys.add(InventoryTable.stockKey(storeId, sku)));
        Map<Sku, StockLevel> levels = new HashMap<>();
        skus.forEach(sku -> levels.put(sku, StockLevel.none(storeId, sku)));
        for (Map<String, AttributeValue> item : batchGet(keys, true)) {
            StockLevel level = toLevel(storeId, item);
            levels.put(level.sku(), level);
        }
        return levels;
    }

    @Override
    public SaveResult save(StockLevel level, OutboxMessage adjusted) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder()
                            .update(stockUpdate(tableName, level))
                            .build(),
                    OutboxItems.put(tableName, adjusted)));
            return new SaveResult.Saved(new StockLevel(
                    level.storeId(), level.sku(), level.onHand(), level.reserved(), level.version() + 1));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            String stockReason = reasons.isEmpty() ? null : reasons.get(0).code();
            if (CONDITIONAL_CHECK_FAILED.equals(stockReason) || TRANSACTION_CONFLICT.equals(stockReason)) {
                return new SaveResult.VersionConflict();
            }
            throw e;
        }
    }

    /**
     * The conditional write of one stock row: over the version it was read at (or only if absent, for
     * version 0), moving the version on. UpdateItem rather than PutItem: attributes other writers
     * add to the row survive.
     */
    static Update stockUpdate(String tableName, StockLevel level) {
        Map<String, String> names =
                new HashMap<>(Map.of("#onHand", ON_HAND, "#reserved", RESERVED, "#version", VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":onHand", number(level.onHand()),
                ":reserved", number(level.reserved()),
                ":next", number(level.version() + 1)));
        String condition;
        if (level.isStored()) {
            condition = "#version = :expected";
            values.put(":expected", number(level.version()));
        } else {
            condition = "attribute_not_exists(#pk)";
            names.put("#pk", PK);
        }
        return Update.builder()
                .tableName(tableName)
                .key(InventoryTable.stockKey(level.storeId(), level.sku()))
                .updateExpression("SET #onHand = :onHand, #reserved = :reserved, #version = :next")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** Every item found under the keys; keys without an item are simply absent. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
        return reads.get(
                tableName,
                keys,
                KeysAndAttributes.builder().consistentRead(consistent).build());
    }

    private static StockLevel toLevel(StoreId storeId, Map<String, AttributeValue> item) {
        Sku sku = new Sku(item.get(SK).s().substring(SKU_PREFIX.length()));
        return new StockLevel(
                storeId,
                sku,
                Math.toIntExact(longOf(item, ON_HAND)),
                Math.toIntExact(longOf(item, RESERVED)),
                longOf(item, VERSION));
    }

    private static long longOf(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.n() == null) {
            throw new IllegalStateException(
                    "stock item " + item.get(SK).s() + " has no number " + attribute + " attribute");
        }
        return Long.parseLong(value.n());
    }
}
