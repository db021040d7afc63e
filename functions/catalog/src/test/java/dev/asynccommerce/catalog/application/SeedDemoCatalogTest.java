package dev.asynccommerce.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeedDemoCatalogTest {

    @Test
    void seedsTwentySkusPricedInEuroAndThreeStores() {
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();

        SeedDemoCatalog.Result result = new SeedDemoCatalog(catalog).execute();

        assertThat(result).isEqualTo(new SeedDemoCatalog.Result(20, 3));
        assertThat(new ListCatalogItems(catalog).execute())
                .extracting(item -> item.sku().value())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20)
                        .mapToObj("SKU-%04d"::formatted)
                        .toList());
        assertThat(new ListCatalogItems(catalog).execute()).allSatisfy(item -> {
            assertThat(item.price().currencyCode()).isEqualTo("EUR");
            assertThat(item.price().minorUnits()).isBetween(100L, 100_000L);
            assertThat(item.name()).isNotBlank();
        });
        assertThat(new ListStores(catalog).execute())
                .extracting(store -> store.storeId().value())
                .containsExactly("store-001", "store-002", "store-003");
    }

    @Test
    void seedingTwiceLeavesTheSameCatalog() {
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
        SeedDemoCatalog seed = new SeedDemoCatalog(catalog);
        seed.execute();
        var itemsAfterFirst = new ListCatalogItems(catalog).execute();
        var storesAfterFirst = new ListStores(catalog).execute();

        seed.execute();

        assertThat(new ListCatalogItems(catalog).execute()).isEqualTo(itemsAfterFirst);
        assertThat(new ListStores(catalog).execute()).isEqualTo(storesAfterFirst);
    }

    @Test
    void seedingKeepsItemsItDoesNotOwnAndRestoresDemoPrices() {
        Sku extra = new Sku("SKU-9999");
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository()
                .with(
                        new CatalogItem(extra, "Gift Card", Money.of(2500, "EUR")),
                        new CatalogItem(new Sku("SKU-0001"), "Espresso Cup Set (4 pieces)", Money.of(1, "EUR")));

        new SeedDemoCatalog(catalog).execute();

        assertThat(catalog.item(extra).name()).isEqualTo("Gift Card");
        assertThat(catalog.item(new Sku("SKU-0001")).price()).isEqualTo(Money.of(1299, "EUR"));
        assertThat(catalog.store(new StoreId("store-003")).name()).isEqualTo("Utrecht Hoog Catharijne");
    }
}
