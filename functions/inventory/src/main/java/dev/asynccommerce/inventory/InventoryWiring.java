package dev.asynccommerce.inventory;

import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbStockRepository;
import dev.asynccommerce.inventory.application.GetAvailability;
import dev.asynccommerce.inventory.application.ReceiveStock;
import dev.asynccommerce.inventory.application.RegisterStore;
import dev.asynccommerce.inventory.application.SeedDemoInventory;
import dev.asynccommerce.inventory.application.StockRepository;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The inventory context's composition root: reads the environment once, builds the DynamoDB
 * adapter and the use cases. Handlers take one of these; so do the local stack (which passes its
 * own client, and seeds through {@link #seedDemoInventory()}) and tests (in-memory repository).
 */
public final class InventoryWiring {
    /** Name of the inventory table (see the module README for its layout). */
    public static final String TABLE_NAME_VARIABLE = "INVENTORY_TABLE_NAME";

    private final GetAvailability getAvailability;
    private final RegisterStore registerStore;
    private final ReceiveStock receiveStock;
    private final SeedDemoInventory seedDemoInventory;

    public InventoryWiring(StockRepository stock) {
        Objects.requireNonNull(stock, "stock");
        this.getAvailability = new GetAvailability(stock);
        this.registerStore = new RegisterStore(stock);
        this.receiveStock = new ReceiveStock(stock);
        this.seedDemoInventory = new SeedDemoInventory(stock);
    }

    /** The wiring of a deployed function: this process's environment, the platform's client. */
    public static InventoryWiring fromEnvironment() {
        return from(Environment.system(), AwsClients.dynamoDb());
    }

    /** The wiring for a given environment and DynamoDB client, e.g. the local stack's. */
    public static InventoryWiring from(Environment environment, DynamoDbClient dynamoDb) {
        return new InventoryWiring(new DynamoDbStockRepository(dynamoDb, environment.require(TABLE_NAME_VARIABLE)));
    }

    public GetAvailability getAvailability() {
        return getAvailability;
    }

    public RegisterStore registerStore() {
        return registerStore;
    }

    public ReceiveStock receiveStock() {
        return receiveStock;
    }

    public SeedDemoInventory seedDemoInventory() {
        return seedDemoInventory;
    }
}
