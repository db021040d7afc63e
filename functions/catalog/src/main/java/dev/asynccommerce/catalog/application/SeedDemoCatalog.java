package dev.asynccommerce.catalog.application;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.Objects;

/**
 * Puts the demo catalog in place: 20 SKUs ({@code SKU-0001}..{@code SKU-0020}) priced in EUR and
 * three stores ({@code store-001}..{@code store-003}). The local stack runs it after deploying.
 *
 * <p>Idempotent: every entry is a put of fixed values, so running it again leaves the same
 * catalog; it does not remove items or stores added by other means. The SKUs and store ids are
 * the ones inventory's demo seed stocks.
 */
public final class SeedDemoCatalog {

    /** What a seeding wrote. */
    public record Result(int items, int stores) {}

    public static final List<CatalogItem> DEMO_ITEMS = List.of(
            item(1, "Espresso Cup Set (4 pieces)", 1299),
            item(2, "Insulated Water Bottle 750 ml", 1999),
            item(3, "Cotton Tea Towel", 399),
            item(4, "Chef's Knife 20 cm", 4999),
            item(5, "Bamboo Cutting Board", 2499),
            item(6, "French Press 1 l", 2999),
            item(7, "Ceramic Mixing Bowl", 1799),
            item(8, "Cast Iron Skillet 26 cm", 3999),
            item(9, "Glass Food Container Set", 2199),
            item(10, "Wooden Spoon Set", 999),
            item(11, "Electric Kettle 1.7 l", 3499),
            item(12, "Pepper Mill", 1599),
            item(13, "Linen Napkins (set of 4)", 1899),
            item(14, "Non-stick Frying Pan 28 cm", 3299),
            item(15, "Digital Kitchen Scale", 1999),
            item(16, "Silicone Baking Mat", 899),
            item(17, "Stoneware Dinner Plate", 799),
            item(18, "Insulated Lunch Box", 1499),
            item(19, "Herb Scissors", 699),
            item(20, "Espresso Coffee Beans 1 kg", 2299));

    public static final List<Store> DEMO_STORES = List.of(
            new Store(new StoreId("store-001"), "Amsterdam Centraal"),
            new Store(new StoreId("store-002"), "Rotterdam Lijnbaan"),
            new Store(new StoreId("store-003"), "Utrecht Hoog Catharijne"));

    private final CatalogRepository catalog;

    public SeedDemoCatalog(CatalogRepository catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public Result execute() {
        DEMO_ITEMS.forEach(catalog::saveItem);
        DEMO_STORES.forEach(catalog::saveStore);
        return new Result(DEMO_ITEMS.size(), DEMO_STORES.size());
    }

    private static CatalogItem item(int number, String name, long euroCents) {
        return new CatalogItem(new Sku("SKU-%04d".formatted(number)), name, Money.of(euroCents, "EUR"));
    }
}
