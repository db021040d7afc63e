package dev.asynccommerce.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class ListCatalogItemsTest {

    @Test
    void listsEveryItemInSkuOrderWithItsPrice() {
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository()
                .with(
                        new CatalogItem(new Sku("SKU-0002"), "Bottle", Money.of(1999, "EUR")),
                        new CatalogItem(new Sku("SKU-0001"), "Cups", Money.of(1299, "EUR")));

        assertThat(new ListCatalogItems(catalog).execute())
                .containsExactly(
                        new CatalogItemView(new Sku("SKU-0001"), "Cups", Money.of(1299, "EUR")),
                        new CatalogItemView(new Sku("SKU-0002"), "Bottle", Money.of(1999, "EUR")));
    }

    @Test
    void anEmptyCatalogListsNothing() {
        assertThat(new ListCatalogItems(new InMemoryCatalogRepository()).execute())
                .isEmpty();
    }

    @Test
    void listsStoresInIdOrder() {
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository()
                .with(
                        new Store(new StoreId("store-002"), "Rotterdam"),
                        new Store(new StoreId("store-001"), "Amsterdam"));

        assertThat(new ListStores(catalog).execute())
                .containsExactly(
                        new StoreView(new StoreId("store-001"), "Amsterdam"),
                        new StoreView(new StoreId("store-002"), "Rotterdam"));
    }
}
