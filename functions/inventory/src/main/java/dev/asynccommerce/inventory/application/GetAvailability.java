package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;

/**
 * Answers how many units of some SKUs a store could still promise: on hand minus reserved, never
 * below zero, zero for a SKU the store has never stocked. Items come back in the order asked, each
 * SKU once.
 */
public final class GetAvailability {

    /** What asking for availability gave. */
    public sealed interface Outcome {
        record Found(StoreId storeId, List<SkuAvailability> items) implements Outcome {
            public Found {
                items = List.copyOf(items);
            }
        }

        /** Inventory does not know the store. */
        record StoreNotFound(StoreId storeId) implements Outcome {}
    }

    private final StockRepository stock;

    public GetAvailability(StockRepository stock) {
        this.stock = Objects.requireNonNull(stock, "stock");
    }

    public Outcome execute(StoreId storeId, List<Sku> skus) {
        Objects.requireNonNull(storeId, "storeId");
        SequencedSet<Sku> distinct = new LinkedHashSet<>(skus);
        return stock.findStock(storeId, distinct)
                .<Outcome>map(found -> new Outcome.Found(
                        storeId,
                        distinct.stream()
                                .map(sku -> new SkuAvailability(
                                        sku, found.levelOf(sku).available()))
                                .toList()))
                .orElseGet(() -> new Outcome.StoreNotFound(storeId));
    }
}
