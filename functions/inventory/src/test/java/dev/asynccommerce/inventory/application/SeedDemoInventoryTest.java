package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeedDemoInventoryTest {
    private static final StoreId STORE_1 = new StoreId("store-001");
    private static final Sku SKU_1 = new Sku("SKU-0001");

    private final InMemoryStockRepository stock = new InMemoryStockRepository();
    private final SeedDemoInventory seed = new SeedDemoInventory(stock, TestMessages.create());

    @Test
    void stocksTwentyFiveOfEachDemoSkuAtEachDemoStore() {
        SeedDemoInventory.Result result = seed.execute();

        assertThat(result).isEqualTo(new SeedDemoInventory.Result(3, 60));
        List<Sku> skus = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> new Sku("SKU-%04d".formatted(n)))
                .toList();
        for (String store : List.of("store-001", "store-002", "store-003")) {
            var availability =
                    new GetAvailability(stock, InMemoryCatalogSkus.numbered(20)).execute(new StoreId(store), skus);
            assertThat(availability)
                    .isEqualTo(new GetAvailability.Outcome.Found(
                            new StoreId(store),
                            skus.stream()
                                    .map(sku -> new SkuAvailability(sku, 25))
                                    .toList()));
        }
    }

    @Test
    void seedingAgainChangesNothing() {
        seed.execute();
        int savesAfterFirst = stock.saves();

        SeedDemoInventory.Result again = seed.execute();

        assertThat(again).isEqualTo(new SeedDemoInventory.Result(0, 0));
        assertThat(stock.saves()).isEqualTo(savesAfterFirst);
        assertThat(stock.stored(STORE_1, SKU_1)).isEqualTo(new StockLevel(STORE_1, SKU_1, 25, 0, 1));
    }

    @Test
    void setsOnHandRatherThanAddingAndLeavesReservationsAlone() {
        stock.withStore(STORE_1).withStock(new StockLevel(STORE_1, SKU_1, 40, 3, 6));

        SeedDemoInventory.Result result = seed.execute();

        assertThat(result).isEqualTo(new SeedDemoInventory.Result(2, 60));
        assertThat(stock.stored(STORE_1, SKU_1)).isEqualTo(new StockLevel(STORE_1, SKU_1, 25, 3, 7));
    }
}
