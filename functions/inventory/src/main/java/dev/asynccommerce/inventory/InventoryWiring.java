package dev.asynccommerce.inventory;

import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbChannelProjection;
import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbReservationStore;
import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbStockRepository;
import dev.asynccommerce.inventory.application.AdjustStock;
import dev.asynccommerce.inventory.application.ApplyChannelAdjustment;
import dev.asynccommerce.inventory.application.ChannelProjection;
import dev.asynccommerce.inventory.application.CommitReservation;
import dev.asynccommerce.inventory.application.GetAvailability;
import dev.asynccommerce.inventory.application.InventoryMessages;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.inventory.application.ReceiveStock;
import dev.asynccommerce.inventory.application.RegisterStore;
import dev.asynccommerce.inventory.application.ReleaseReservation;
import dev.asynccommerce.inventory.application.ReservationStore;
import dev.asynccommerce.inventory.application.ReserveStock;
import dev.asynccommerce.inventory.application.SeedDemoInventory;
import dev.asynccommerce.inventory.application.StockRepository;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The inventory context's composition root: reads the environment once, builds the DynamoDB
 * adapters and the use cases. Handlers take one of these; so do the local stack (which passes its
 * own client, and seeds through {@link #seedDemoInventory()}) and tests (in-memory ports, a fixed
 * clock, predictable event ids).
 */
public final class InventoryWiring {
    /** Name of the inventory table (see the module README for its layout); the only variable read. */
    public static final String TABLE_NAME_VARIABLE = "INVENTORY_TABLE_NAME";

    private final GetAvailability getAvailability;
    private final RegisterStore registerStore;
    private final ReceiveStock receiveStock;
    private final SeedDemoInventory seedDemoInventory;
    private final AdjustStock adjustStock;
    private final ReserveStock reserveStock;
    private final ReleaseReservation releaseReservation;
    private final CommitReservation commitReservation;
    private final ApplyChannelAdjustment applyChannelAdjustment;

    public InventoryWiring(
            StockRepository stock,
            ReservationStore reservations,
            ChannelProjection channel,
            Supplier<String> eventIds,
            Clock clock,
            Pause pause) {
        Objects.requireNonNull(stock, "stock");
        InventoryMessages messages = new InventoryMessages(eventIds, clock);
        this.getAvailability = new GetAvailability(stock);
        this.registerStore = new RegisterStore(stock);
        this.receiveStock = new ReceiveStock(stock, messages);
        this.seedDemoInventory = new SeedDemoInventory(stock, messages);
        this.adjustStock = new AdjustStock(stock, messages);
        this.reserveStock = new ReserveStock(stock, reservations, messages, pause);
        this.releaseReservation = new ReleaseReservation(stock, reservations, messages, pause);
        this.commitReservation = new CommitReservation(stock, reservations, messages, pause);
        this.applyChannelAdjustment = new ApplyChannelAdjustment(channel);
    }

    /** The wiring of a deployed function: this process's environment, the platform's client. */
    public static InventoryWiring fromEnvironment() {
        return from(Environment.system(), AwsClients.dynamoDb());
    }

    /** The wiring for a given environment and DynamoDB client, e.g. the local stack's. */
    public static InventoryWiring from(Environment environment, DynamoDbClient dynamoDb) {
        String table = environment.require(TABLE_NAME_VARIABLE);
        return new InventoryWiring(
                new DynamoDbStockRepository(dynamoDb, table),
                new DynamoDbReservationStore(dynamoDb, table),
                new DynamoDbChannelProjection(dynamoDb, table),
                () -> UUID.randomUUID().toString(),
                Clock.systemUTC(),
                Pause.jittered(Duration.ofMillis(10), Duration.ofMillis(400)));
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

    public AdjustStock adjustStock() {
        return adjustStock;
    }

    public ReserveStock reserveStock() {
        return reserveStock;
    }

    public ReleaseReservation releaseReservation() {
        return releaseReservation;
    }

    public CommitReservation commitReservation() {
        return commitReservation;
    }

    public ApplyChannelAdjustment applyChannelAdjustment() {
        return applyChannelAdjustment;
    }
}
