package dev.asynccommerce.inventory.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Inventory's read of the catalog context's table, against DynamoDB Local, with items written in
 * the layout the catalog publishes as its contract (functions/catalog/README.md).
 */
class DynamoDbCatalogSkusIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();

    private String catalogTable;
    private DynamoDbCatalogSkus catalog;

    @BeforeEach
    void createCatalogTable() {
        catalogTable = TestTable.named("catalog").withSortKey("sk").create(DYNAMO);
        catalog = new DynamoDbCatalogSkus(DYNAMO, catalogTable, Pause.none());
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @Test
    void listsTheSkusThatHaveACatalogItemAndNothingElse() {
        putItem("SKU-0001");
        putItem("SKU-0002");
        // A store shares the table under another partition; it is never taken for a SKU.
        DYNAMO.putItem(b -> b.tableName(catalogTable)
                .item(Map.of("pk", s("STORE"), "sk", s("store-001"), "name", s("Amsterdam Centraal"))));

        assertThat(catalog.listed(Set.of(sku("SKU-0001"), sku("SKU-0002"), sku("SKU-0404"))))
                .containsExactlyInAnyOrder(sku("SKU-0001"), sku("SKU-0002"));
        assertThat(catalog.listed(Set.of(sku("SKU-0404")))).isEmpty();
    }

    @Test
    void readsTheKeysOnlyEventuallyConsistent() {
        putItem("SKU-0001");
        ThrottlingDynamoDbClient recording = ThrottlingDynamoDbClient.halving(DYNAMO, 0);

        assertThat(new DynamoDbCatalogSkus(recording, catalogTable, Pause.none()).listed(Set.of(sku("SKU-0001"))))
                .containsExactly(sku("SKU-0001"));

        KeysAndAttributes sent = recording.requests().getFirst().requestItems().get(catalogTable);
        assertThat(sent.keys()).containsExactly(Map.of("pk", s("ITEM"), "sk", s("SKU-0001")));
        assertThat(sent.projectionExpression()).isEqualTo("#sk");
        assertThat(sent.expressionAttributeNames()).isEqualTo(Map.of("#sk", "sk"));
        assertThat(sent.consistentRead()).isFalse();
    }

    @Test
    void readsMoreThanAHundredSkusInBatchesOfAtMostAHundredKeys() {
        List<Sku> skus = skus(250);
        skus.subList(0, 150).forEach(sku -> putItem(sku.value()));
        ThrottlingDynamoDbClient recording = ThrottlingDynamoDbClient.halving(DYNAMO, 0);

        Set<Sku> listed =
                new DynamoDbCatalogSkus(recording, catalogTable, Pause.none()).listed(new LinkedHashSet<>(skus));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(skus.subList(0, 150));
        assertThat(recording.keysPerCall()).containsExactly(100, 100, 50);
    }

    @Test
    void retriesUnprocessedKeysUntilEveryKeyIsRead() {
        List<Sku> skus = skus(40);
        skus.forEach(sku -> putItem(sku.value()));
        ThrottlingDynamoDbClient throttled = ThrottlingDynamoDbClient.halving(DYNAMO, 3);

        Set<Sku> listed =
                new DynamoDbCatalogSkus(throttled, catalogTable, Pause.none()).listed(new LinkedHashSet<>(skus));

        assertThat(listed).hasSize(40);
        // 20 of 40 served, then 10 of 20, then 5 of 10, then the last 5 once throttling ends.
        assertThat(throttled.keysPerCall()).containsExactly(40, 20, 10, 5);
    }

    @Test
    void givesUpWhenTheCatalogTableStaysThrottled() {
        skus(20).forEach(sku -> putItem(sku.value()));
        var reader =
                new DynamoDbCatalogSkus(ThrottlingDynamoDbClient.oneKeyPerCall(DYNAMO), catalogTable, Pause.none());

        assertThatIllegalStateException()
                .isThrownBy(() -> reader.listed(new LinkedHashSet<>(skus(20))))
                .withMessageContaining("unprocessed");
    }

    /** A catalog item as the catalog context writes it: name, price in minor units, currency. */
    private void putItem(String sku) {
        DYNAMO.putItem(b -> b.tableName(catalogTable)
                .item(Map.of(
                        "pk", s("ITEM"),
                        "sk", s(sku),
                        "name", s("Item " + sku),
                        "priceCents", AttributeValue.fromN("1999"),
                        "currency", s("EUR"))));
    }

    private static List<Sku> skus(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> sku("SKU-%04d".formatted(i)))
                .toList();
    }

    private static Sku sku(String value) {
        return new Sku(value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
