package dev.asynccommerce.inventory.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.asynccommerce.inventory.application.GetAvailability;
import dev.asynccommerce.inventory.application.OutboxMessage;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.inventory.application.ReceiveStock;
import dev.asynccommerce.inventory.application.SeedDemoInventory;
import dev.asynccommerce.inventory.application.SkuAvailability;
import dev.asynccommerce.inventory.application.StockRepository.SaveResult;
import dev.asynccommerce.inventory.application.TestMessages;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.inventory.domain.StoreStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.DynamoDbLocal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbStockRepositoryIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    private String table;
    private DynamoDbStockRepository stock;

    @BeforeEach
    void createTable() {
        table = InventoryTables.create(DYNAMO);
        stock = new DynamoDbStockRepository(DYNAMO, table, Pause.none());
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @Test
    void writesLocationAndStockInTheDocumentedLayout() {
        stock.register(STORE);
        save(new StockLevel(STORE, SKU, 25, 4, 0));

        assertThat(rawItem("STORE#store-001", "LOCATION"))
                .containsOnly(Map.entry("pk", s("STORE#store-001")), Map.entry("sk", s("LOCATION")));
        assertThat(rawItem("STORE#store-001", "SKU#SKU-0001"))
                .containsOnly(
                        Map.entry("pk", s("STORE#store-001")),
                        Map.entry("sk", s("SKU#SKU-0001")),
                        Map.entry("onHand", n(25)),
                        Map.entry("reserved", n(4)),
                        Map.entry("version", n(1)));
    }

    @Test
    void registeringIsIdempotent() {
        assertThat(stock.isRegistered(STORE)).isFalse();

        assertThat(stock.register(STORE)).isTrue();
        assertThat(stock.register(STORE)).isFalse();
        assertThat(stock.isRegistered(STORE)).isTrue();
    }

    @Test
    void savesOnlyOverTheVersionItWasReadAt() {
        SaveResult first = save(new StockLevel(STORE, SKU, 10, 0, 0));
        assertThat(first).isEqualTo(new SaveResult.Saved(new StockLevel(STORE, SKU, 10, 0, 1)));

        // A second creator, and a writer still holding version 0, both lose.
        assertThat(save(new StockLevel(STORE, SKU, 99, 0, 0))).isEqualTo(new SaveResult.VersionConflict());
        assertThat(save(new StockLevel(STORE, SKU, 12, 0, 1)))
                .isEqualTo(new SaveResult.Saved(new StockLevel(STORE, SKU, 12, 0, 2)));
        assertThat(save(new StockLevel(STORE, SKU, 50, 0, 1))).isEqualTo(new SaveResult.VersionConflict());

        assertThat(stock.load(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 12, 0, 2));
    }

    @Test
    void aSaveKeepsAttributesItDoesNotOwn() {
        save(new StockLevel(STORE, SKU, 10, 0, 0));
        DYNAMO.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", s("STORE#store-001"), "sk", s("SKU#SKU-0001")))
                .updateExpression("SET lastCountedBy = :who")
                .expressionAttributeValues(Map.of(":who", s("device-7"))));

        save(new StockLevel(STORE, SKU, 11, 0, 1));

        assertThat(rawItem("STORE#store-001", "SKU#SKU-0001"))
                .containsEntry("lastCountedBy", s("device-7"))
                .containsEntry("onHand", n(11));
    }

    @Test
    void loadsNothingForASkuNeverStocked() {
        assertThat(stock.load(STORE, SKU)).isEqualTo(StockLevel.none(STORE, SKU));
    }

    @Test
    void findsNoStockForAStoreWithoutALocationEvenIfStockRowsExist() {
        save(new StockLevel(STORE, SKU, 10, 0, 0));

        assertThat(stock.findStock(STORE, Set.of(SKU))).isEmpty();
    }

    @Test
    void findsTheStockOfARegisteredStoreLeavingUnstockedSkusOut() {
        stock.register(STORE);
        save(new StockLevel(STORE, SKU, 10, 3, 0));
        stock.register(new StoreId("store-002"));
        save(new StockLevel(new StoreId("store-002"), new Sku("SKU-0002"), 7, 0, 0));

        Optional<StoreStock> found = stock.findStock(STORE, Set.of(SKU, new Sku("SKU-0002")));

        assertThat(found).contains(new StoreStock(STORE, Map.of(SKU, new StockLevel(STORE, SKU, 10, 3, 1))));
    }

    @Test
    void readsMoreThanAHundredSkusInBatchesOfAtMostAHundredKeys() {
        stock.register(STORE);
        List<Sku> skus = skus(250);
        skus.subList(0, 150).forEach(sku -> save(new StockLevel(STORE, sku, 9, 2, 0)));
        ThrottlingDynamoDbClient recording = ThrottlingDynamoDbClient.halving(DYNAMO, 0);
        var reader = new DynamoDbStockRepository(recording, table, Pause.none());

        StoreStock found = reader.findStock(STORE, new LinkedHashSet<>(skus)).orElseThrow();

        assertThat(found.levels()).hasSize(150);
        assertThat(found.levelOf(skus.get(0)).available()).isEqualTo(7);
        assertThat(found.levelOf(skus.get(149)).available()).isEqualTo(7);
        assertThat(found.levelOf(skus.get(150)).available()).isZero();
        // 251 keys (the location and 250 SKUs): three requests, none over DynamoDB's limit.
        assertThat(recording.keysPerCall()).containsExactly(100, 100, 51);
    }

    @Test
    void retriesUnprocessedKeysUntilEveryKeyIsRead() {
        stock.register(STORE);
        List<Sku> skus = skus(40);
        skus.forEach(sku -> save(new StockLevel(STORE, sku, 5, 0, 0)));
        ThrottlingDynamoDbClient throttled = ThrottlingDynamoDbClient.halving(DYNAMO, 3);
        var reader = new DynamoDbStockRepository(throttled, table, Pause.none());

        StoreStock found = reader.findStock(STORE, new LinkedHashSet<>(skus)).orElseThrow();

        assertThat(found.levels()).hasSize(40);
        // 41 keys: 20 served, then 10 of 21, then 5 of 11, then the last 6 once throttling ends.
        assertThat(throttled.keysPerCall()).containsExactly(41, 21, 11, 6);
    }

    @Test
    void givesUpWhenATableStaysThrottled() {
        stock.register(STORE);
        var reader = new DynamoDbStockRepository(ThrottlingDynamoDbClient.oneKeyPerCall(DYNAMO), table, Pause.none());

        assertThatIllegalStateException()
                .isThrownBy(() -> reader.findStock(STORE, new LinkedHashSet<>(skus(20))))
                .withMessageContaining("unprocessed");
    }

    @Test
    void answersAvailabilityThroughTheUseCase() {
        stock.register(STORE);
        new ReceiveStock(stock, TestMessages.random()).execute(new ReceiveStock.Command(STORE, SKU, 8));
        new ReceiveStock(stock, TestMessages.random()).execute(new ReceiveStock.Command(STORE, SKU, 4));

        // Every SKU listed: the catalog has its own component test (DynamoDbCatalogSkusIT).
        assertThat(new GetAvailability(stock, skus -> skus).execute(STORE, List.of(new Sku("SKU-0009"), SKU)))
                .isEqualTo(new GetAvailability.Outcome.Found(
                        STORE, List.of(new SkuAvailability(new Sku("SKU-0009"), 0), new SkuAvailability(SKU, 12))));
        assertThat(stock.load(STORE, SKU).version()).isEqualTo(2);
    }

    @Test
    void seedingTwiceWritesOnceAndSetsRatherThanAdds() {
        SeedDemoInventory seed = new SeedDemoInventory(stock, TestMessages.random());

        assertThat(seed.execute()).isEqualTo(new SeedDemoInventory.Result(3, 60));
        assertThat(seed.execute()).isEqualTo(new SeedDemoInventory.Result(0, 0));

        for (StoreId store : SeedDemoInventory.DEMO_STORES) {
            StoreStock found = stock.findStock(store, Set.copyOf(SeedDemoInventory.DEMO_SKUS))
                    .orElseThrow();
            assertThat(found.levels().values())
                    .hasSize(20)
                    .allSatisfy(level -> assertThat(level)
                            .extracting(StockLevel::onHand, StockLevel::reserved, StockLevel::version)
                            .containsExactly(25, 0, 1L));
        }
        var items = DYNAMO.scan(b -> b.tableName(table)).items();
        assertThat(items.stream().filter(item -> !item.get("pk").s().startsWith("OUTBOX#")))
                .hasSize(63);
        // Each stock level written came with its InventoryAdjusted, in the same transaction.
        assertThat(items.stream().filter(item -> item.get("pk").s().startsWith("OUTBOX#")))
                .hasSize(60)
                .allSatisfy(item -> assertThat(item.get("detailType").s()).isEqualTo("InventoryAdjusted"));

        new ReceiveStock(stock, TestMessages.random()).execute(new ReceiveStock.Command(STORE, SKU, 10));
        seed.execute();
        assertThat(stock.load(STORE, SKU).onHand()).isEqualTo(25);
    }

    /** A save with a stand-in event: these tests are about the stock row, not the event's content. */
    private SaveResult save(StockLevel level) {
        return stock.save(
                level,
                new OutboxMessage(
                        UUID.randomUUID().toString(),
                        "commerce.inventory",
                        "InventoryAdjusted",
                        "{}",
                        level.storeId() + "#" + level.sku(),
                        Instant.parse("2026-11-21T08:00:00Z"),
                        null));
    }

    private Map<String, AttributeValue> rawItem(String pk, String sk) {
        return DYNAMO.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk), "sk", s(sk))))
                .item();
    }

    private static List<Sku> skus(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new Sku("SKU-%04d".formatted(n)))
                .toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
