package dev.asynccommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.asynccommerce.inventory.application.GetAvailability;
import dev.asynccommerce.inventory.application.RegisterStore;
import dev.asynccommerce.inventory.application.SkuAvailability;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two shapes of the inventory wiring against DynamoDB Local: the availability function reads the
 * inventory table and the catalog table; every other function needs the inventory table only.
 */
class InventoryWiringIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final StoreId STORE = new StoreId("store-001");

    private String inventoryTable;
    private String catalogTable;

    @BeforeEach
    void createTables() {
        inventoryTable = TestTable.named("inventory").withSortKey("sk").create(DYNAMO);
        catalogTable = TestTable.named("catalog").withSortKey("sk").create(DYNAMO);
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @Test
    void theAvailabilityWiringAnswersFromStockAndRefusesSkusTheCatalogDoesNotList() {
        InventoryWiring.from(new Environment(Map.of("INVENTORY_TABLE_NAME", inventoryTable)), DYNAMO)
                .seedDemoInventory()
                .execute();
        DYNAMO.putItem(b -> b.tableName(catalogTable)
                .item(Map.of(
                        "pk", AttributeValue.fromS("ITEM"),
                        "sk", AttributeValue.fromS("SKU-0001"),
                        "name", AttributeValue.fromS("Espresso beans 1kg"),
                        "priceCents", AttributeValue.fromN("1999"),
                        "currency", AttributeValue.fromS("EUR"))));
        GetAvailability availability = InventoryWiring.forAvailability(
                        new Environment(
                                Map.of("INVENTORY_TABLE_NAME", inventoryTable, "CATALOG_TABLE_NAME", catalogTable)),
                        DYNAMO)
                .getAvailability();

        assertThat(availability.execute(STORE, List.of(new Sku("SKU-0001"))))
                .isEqualTo(new GetAvailability.Outcome.Found(
                        STORE, List.of(new SkuAvailability(new Sku("SKU-0001"), 25))));
        // In stock at the store (the demo seed stocks SKU-0002) but not in this catalog: refused.
        assertThat(availability.execute(STORE, List.of(new Sku("SKU-0002"), new Sku("SKU-0001"))))
                .isEqualTo(new GetAvailability.Outcome.UnknownSkus(List.of(new Sku("SKU-0002"))));
    }

    @Test
    void theAvailabilityWiringRequiresTheCatalogTableVariable() {
        assertThatIllegalStateException()
                .isThrownBy(() -> InventoryWiring.forAvailability(
                        new Environment(Map.of("INVENTORY_TABLE_NAME", inventoryTable)), DYNAMO))
                .withMessageContaining("CATALOG_TABLE_NAME");
    }

    @Test
    void everyOtherFunctionIsWiredWithoutTheCatalogButCannotAnswerAvailability() {
        InventoryWiring wiring =
                InventoryWiring.from(new Environment(Map.of("INVENTORY_TABLE_NAME", inventoryTable)), DYNAMO);

        assertThat(wiring.registerStore().execute(STORE)).isEqualTo(new RegisterStore.Outcome.Registered(STORE));
        assertThatIllegalStateException()
                .isThrownBy(wiring::getAvailability)
                .withMessageContaining("CATALOG_TABLE_NAME");
    }
}
