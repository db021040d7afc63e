package dev.asynccommerce.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockLevelTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    @Test
    void availableIsOnHandLessReserved() {
        assertThat(new StockLevel(STORE, SKU, 25, 4, 3).available()).isEqualTo(21);
    }

    @Test
    void availableNeverGoesBelowZeroWhenMoreIsReservedThanOnHand() {
        assertThat(new StockLevel(STORE, SKU, 2, 5, 3).available()).isZero();
    }

    @Test
    void aSkuNeverStockedHasNothingAndIsNotStored() {
        StockLevel none = StockLevel.none(STORE, SKU);

        assertThat(none.available()).isZero();
        assertThat(none.isStored()).isFalse();
        assertThat(none.version()).isZero();
    }

    @Test
    void receivingAddsToOnHandAndKeepsReservationsAndVersion() {
        StockLevel received = new StockLevel(STORE, SKU, 10, 3, 7).receive(5);

        assertThat(received).isEqualTo(new StockLevel(STORE, SKU, 15, 3, 7));
        assertThat(received.available()).isEqualTo(12);
    }

    @Test
    void aDeliveryHasAtLeastOneUnitAndCannotOverflow() {
        StockLevel level = new StockLevel(STORE, SKU, Integer.MAX_VALUE - 1, 0, 1);

        assertThatIllegalArgumentException().isThrownBy(() -> level.receive(0));
        assertThatIllegalArgumentException().isThrownBy(() -> level.receive(-3));
        assertThatThrownBy(() -> level.receive(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aRecountSetsOnHandWhateverWasThereAndKeepsReservations() {
        StockLevel counted = new StockLevel(STORE, SKU, 40, 6, 2).recount(25);

        assertThat(counted).isEqualTo(new StockLevel(STORE, SKU, 25, 6, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> counted.recount(-1));
    }

    @Test
    void refusesNegativeQuantitiesAndVersions() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(STORE, SKU, -1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(STORE, SKU, 0, -1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(STORE, SKU, 0, 0, -1));
    }

    @Test
    void storeStockTreatsAnAbsentSkuAsNeverStockedAndRefusesMisfiledLevels() {
        StockLevel stocked = new StockLevel(STORE, SKU, 5, 0, 1);
        StoreStock stock = new StoreStock(STORE, Map.of(SKU, stocked));
        Sku other = new Sku("SKU-0002");

        assertThat(stock.levelOf(SKU)).isEqualTo(stocked);
        assertThat(stock.levelOf(other)).isEqualTo(StockLevel.none(STORE, other));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StoreStock(new StoreId("store-002"), Map.of(SKU, stocked)));
        assertThatIllegalArgumentException().isThrownBy(() -> new StoreStock(STORE, Map.of(other, stocked)));
    }
}
