package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.StoreStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;

/**
 * Answers how many units of some SKUs a store could still promise: on hand minus reserved, never
 * below zero, zero for a catalog SKU the store has never stocked. Items come back in the order
 * asked, each SKU once. A SKU the catalog does not list is refused rather than answered with zero:
 * a storefront asking about it has a bug (or a stale page) that "none in stock" would hide.
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

        /** The store is known, but the catalog lists none of these SKUs (in the order first asked). */
        record UnknownSkus(List<Sku> skus) implements Outcome {
            public UnknownSkus {
                skus = List.copyOf(skus);
            }
        }
    }

    private final StockRepository stock;
    private final CatalogSkus catalog;

    public GetAvailability(StockRepository stock, CatalogSkus catalog) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public Outcome execute(StoreId storeId, List<Sku> skus) {
        Objects.requireNonNull(storeId, "storeId");
        SequencedSet<Sku> distinct = new LinkedHashSet<>(skus);
        // The store first: it is the resource the path names, so an unknown store is a 404 whatever
        // the query asks (and costs no catalog read).
        Optional<StoreStock> found = stock.findStock(storeId, distinct);
        if (found.isEmpty()) {
            return new Outcome.StoreNotFound(storeId);
        }
        Set<Sku> listed = catalog.listed(distinct);
        List<Sku> unknown =
                distinct.stream().filter(sku -> !listed.contains(sku)).toList();
        if (!unknown.isEmpty()) {
            return new Outcome.UnknownSkus(unknown);
        }
        return new Outcome.Found(
                storeId,
                distinct.stream()
                        .map(sku -> new SkuAvailability(
                                sku, found.get().levelOf(sku).available()))
                        .toList());
    }
}
