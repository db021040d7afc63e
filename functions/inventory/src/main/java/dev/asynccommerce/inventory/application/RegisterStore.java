package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/** Makes a store known to inventory, so it can hold stock and answer availability. Idempotent. */
public final class RegisterStore {

    /** What registering did. */
    public sealed interface Outcome {
        record Registered(StoreId storeId) implements Outcome {}

        record AlreadyRegistered(StoreId storeId) implements Outcome {}
    }

    private final StockRepository stock;

    public RegisterStore(StockRepository stock) {
        this.stock = Objects.requireNonNull(stock, "stock");
    }

    public Outcome execute(StoreId storeId) {
        return stock.register(Objects.requireNonNull(storeId, "storeId"))
                ? new Outcome.Registered(storeId)
                : new Outcome.AlreadyRegistered(storeId);
    }
}
