package dev.asynccommerce.inventory;

import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbCatalogSkus;
import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbChannelProjection;
import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbReservationStore;
import dev.asynccommerce.inventory.adapter.dynamodb.DynamoDbStockRepository;
import dev.asynccommerce.inventory.application.AdjustStock;
import dev.asynccommerce.inventory.application.ApplyChannelAdjustment;
import dev.asynccommerce.inventory.application.CatalogSkus;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The inventory context's composition root: reads the environment once, builds the DynamoDB
 * adapters and the use cases. Handlers take one of these; so do the local stack (which passes its
 * own client, and seeds through {@link #seedDemoInventory()}) and tests (in-memory ports, a fixed
 * clock, predictable event ids).
 *
 * <p>Two shapes, so that each function is configured with, and granted, only what it uses: {@link
 * #fromEnvironment()} (every inventory function but availability: the inventory table only) and
 * {@link #availabilityFromEnvironment()} (the availability function: the inventory table and the
 * catalog table, to refuse SKUs the catalog does not list). Only the second answers {@link
 * #getAvailability()}.
 */
public final class InventoryWiring {
    /** Name of the inventory table (see the module README for its layout); read by every function. */
    public static final String TABLE_NAME_VARIABLE = "INVENTORY_TABLE_NAME";

    /**
     * Name of the catalog context's table, read-only; read by the availability function only. The
     * same variable as the ordering and catalog functions use for that table.
     */
    public static final String CATALOG_TABLE_NAME_VARIABLE = "CATALOG_TABLE_NAME";

    /** Null when built without the catalog: see {@link #getAvailability()}. */
    private final GetAvailability getAvailability;

    private final RegisterStore registerStore;
    private final ReceiveStock receiveStock;
    private final SeedDemoInventory seedDemoInventory;
    private final AdjustStock adjustStock;
    private final ReserveStock reserveStock;
    private final ReleaseReservation releaseReservation;
    private final CommitReservation commitReservation;
    private final ApplyChannelAdjustment applyChannelAdjustment;

    /** Every use case but availability, which needs the catalog. */
    public InventoryWiring(
            StockRepository stock,
            ReservationStore reservations,
            ChannelProjection channel,
            Supplier<String> eventIds,
            Clock clock,
            Pause pause) {
        this(stock, reservations, channel, Optional.<CatalogSkus>empty(), eventIds, clock, pause);
    }

    /** Every use case, availability included. */
    public InventoryWiring(
            StockRepository stock,
            ReservationStore reservations,
            ChannelProjection channel,
            CatalogSkus catalog,
            Supplier<String> eventIds,
            Clock clock,
            Pause pause) {
        this(
                stock,
                reservations,
                channel,
                Optional.of(Objects.requireNonNull(catalog, "catalog")),
                eventIds,
                clock,
                pause);
    }

    private InventoryWiring(
            StockRepository stock,
            ReservationStore reservations,
            ChannelProjection channel,
            Optional<CatalogSkus> catalog,
            Supplier<String> eventIds,
            Clock clock,
            Pause pause) {
        Objects.requireNonNull(stock, "stock");
        InventoryMessages messages = new InventoryMessages(eventIds, clock);
        this.getAvailability =
                catalog.map(skus -> new GetAvailability(stock, skus)).orElse(null);
        this.registerStore = new RegisterStore(stock);
        this.receiveStock = new ReceiveStock(stock, messages);
        this.seedDemoInventory = new SeedDemoInventory(stock, messages);
        this.adjustStock = new AdjustStock(stock, messages);
        this.reserveStock = new ReserveStock(stock, reservations, messages, pause);
        this.releaseReservation = new ReleaseReservation(stock, reservations, messages, pause);
        this.commitReservation = new CommitReservation(stock, reservations, messages, pause);
        this.applyChannelAdjustment = new ApplyChannelAdjustment(channel);
    }

    /**
     * The wiring of a deployed inventory function other than availability: this process's
     * environment ({@value #TABLE_NAME_VARIABLE}), the platform's client.
     */
    public static InventoryWiring fromEnvironment() {
        return from(Environment.system(), AwsClients.dynamoDb());
    }

    /**
     * The wiring of the deployed availability function: {@value #TABLE_NAME_VARIABLE} and {@value
     * #CATALOG_TABLE_NAME_VARIABLE}, the platform's client.
     */
    public static InventoryWiring availabilityFromEnvironment() {
        return forAvailability(Environment.system(), AwsClients.dynamoDb());
    }

    /**
     * The wiring for a given environment and DynamoDB client, e.g. the local stack's; without the
     * catalog, so without {@link #getAvailability()}.
     */
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

    /**
     * The availability function's wiring for a given environment and DynamoDB client: also reads the
     * catalog table named by {@value #CATALOG_TABLE_NAME_VARIABLE}, which must be set.
     */
    public static InventoryWiring forAvailability(Environment environment, DynamoDbClient dynamoDb) {
        String table = environment.require(TABLE_NAME_VARIABLE);
        String catalogTable = environment.require(CATALOG_TABLE_NAME_VARIABLE);
        return new InventoryWiring(
                new DynamoDbStockRepository(dynamoDb, table),
                new DynamoDbReservationStore(dynamoDb, table),
                new DynamoDbChannelProjection(dynamoDb, table),
                new DynamoDbCatalogSkus(dynamoDb, catalogTable),
                () -> UUID.randomUUID().toString(),
                Clock.systemUTC(),
                Pause.jittered(Duration.ofMillis(10), Duration.ofMillis(400)));
    }

    /**
     * The availability use case, in a wiring built with the catalog ({@link
     * #availabilityFromEnvironment()}, {@link #forAvailability}); the handler asks for it when it is
     * built, so a function deployed with the wrong wiring fails at its cold start, not per request.
     *
     * @throws IllegalStateException if this wiring was built without the catalog
     */
    public GetAvailability getAvailability() {
        if (getAvailability == null) {
            throw new IllegalStateException("this inventory wiring has no catalog: availability needs "
                    + CATALOG_TABLE_NAME_VARIABLE + " (InventoryWiring.availabilityFromEnvironment)");
        }
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
