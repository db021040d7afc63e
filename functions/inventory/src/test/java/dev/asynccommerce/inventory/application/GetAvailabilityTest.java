package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetAvailabilityTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku A = new Sku("SKU-0001");
    private static final Sku B = new Sku("SKU-0002");
    private static final Sku C = new Sku("SKU-0003");
    private static final Sku UNLISTED = new Sku("SKU-9998");
    private static final Sku ALSO_UNLISTED = new Sku("SKU-9999");

    private final InMemoryStockRepository stock = new InMemoryStockRepository().withStore(STORE);
    private final InMemoryCatalogSkus catalog = InMemoryCatalogSkus.listing("SKU-0001", "SKU-0002", "SKU-0003");
    private final GetAvailability getAvailability = new GetAvailability(stock, catalog);

    @Test
    void answersOnHandLessReservedPerSkuInTheOrderAsked() {
        stock.withStock(new StockLevel(STORE, A, 25, 5, 1)).withStock(new StockLevel(STORE, B, 3, 0, 1));

        assertThat(getAvailability.execute(STORE, List.of(B, A)))
                .isEqualTo(new GetAvailability.Outcome.Found(
                        STORE, List.of(new SkuAvailability(B, 3), new SkuAvailability(A, 20))));
    }

    @Test
    void aCatalogSkuWithoutAStockRowIsZeroAvailable() {
        stock.withStock(new StockLevel(STORE, A, 25, 0, 1));

        assertThat(getAvailability.execute(STORE, List.of(C, A)))
                .isEqualTo(new GetAvailability.Outcome.Found(
                        STORE, List.of(new SkuAvailability(C, 0), new SkuAvailability(A, 25))));
    }

    @Test
    void overReservedStockIsZeroAvailableNotNegative() {
        stock.withStock(new StockLevel(STORE, A, 2, 7, 4));

        assertThat(getAvailability.execute(STORE, List.of(A)))
                .isEqualTo(new GetAvailability.Outcome.Found(STORE, List.of(new SkuAvailability(A, 0))));
    }

    @Test
    void aRepeatedSkuIsAnsweredOnceWhereItFirstAppears() {
        stock.withStock(new StockLevel(STORE, A, 1, 0, 1));

        assertThat(getAvailability.execute(STORE, List.of(B, A, B, A)))
                .isEqualTo(new GetAvailability.Outcome.Found(
                        STORE, List.of(new SkuAvailability(B, 0), new SkuAvailability(A, 1))));
    }

    @Test
    void aStoreInventoryDoesNotKnowIsNotFound() {
        StoreId unknown = new StoreId("store-999");
        stock.withStock(new StockLevel(unknown, A, 25, 0, 1));

        assertThat(getAvailability.execute(unknown, List.of(A)))
                .isEqualTo(new GetAvailability.Outcome.StoreNotFound(unknown));
    }

    @Test
    void skusTheCatalogDoesNotListAreNamedOnceEachInTheOrderAsked() {
        stock.withStock(new StockLevel(STORE, A, 25, 0, 1));

        assertThat(getAvailability.execute(STORE, List.of(ALSO_UNLISTED, A, UNLISTED, ALSO_UNLISTED)))
                .isEqualTo(new GetAvailability.Outcome.UnknownSkus(List.of(ALSO_UNLISTED, UNLISTED)));
    }

    @Test
    void anUnknownStoreIsNotFoundWhateverTheSkusWithoutAskingTheCatalog() {
        StoreId unknown = new StoreId("store-999");

        assertThat(getAvailability.execute(unknown, List.of(UNLISTED, A)))
                .isEqualTo(new GetAvailability.Outcome.StoreNotFound(unknown));
        assertThat(catalog.reads()).isZero();
    }
}
