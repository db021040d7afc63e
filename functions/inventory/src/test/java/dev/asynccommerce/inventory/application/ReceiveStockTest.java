package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class ReceiveStockTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    private final InMemoryStockRepository stock = new InMemoryStockRepository().withStore(STORE);
    private final ReceiveStock receiveStock = new ReceiveStock(stock, TestMessages.create());

    @Test
    void aFirstDeliveryCreatesTheStockRow() {
        ReceiveStock.Outcome outcome = receiveStock.execute(new ReceiveStock.Command(STORE, SKU, 12));

        assertThat(outcome).isEqualTo(new ReceiveStock.Outcome.Received(STORE, SKU, 12, 12));
        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 12, 0, 1));
    }

    @Test
    void aDeliveryAddsToWhatIsOnHandAndMovesTheVersionOn() {
        stock.withStock(new StockLevel(STORE, SKU, 10, 4, 3));

        ReceiveStock.Outcome outcome = receiveStock.execute(new ReceiveStock.Command(STORE, SKU, 5));

        assertThat(outcome).isEqualTo(new ReceiveStock.Outcome.Received(STORE, SKU, 15, 11));
        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 15, 4, 4));
    }

    @Test
    void aConcurrentChangeIsReloadedAndKeptNotOverwritten() {
        stock.withStock(new StockLevel(STORE, SKU, 10, 0, 1));
        // Another writer reserves 2 between our read and our write.
        stock.beforeNextSave(() -> stock.withStock(new StockLevel(STORE, SKU, 10, 2, 2)));

        ReceiveStock.Outcome outcome = receiveStock.execute(new ReceiveStock.Command(STORE, SKU, 5));

        assertThat(outcome).isEqualTo(new ReceiveStock.Outcome.Received(STORE, SKU, 15, 13));
        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 15, 2, 3));
        assertThat(stock.saves()).isEqualTo(2);
    }

    @Test
    void givesUpWithNothingWrittenWhenEveryAttemptLosesTheRace() {
        stock.withStock(new StockLevel(STORE, SKU, 10, 0, 1));
        stock.alwaysInterfere();

        assertThatExceptionOfType(StockContentionException.class)
                .isThrownBy(() -> receiveStock.execute(new ReceiveStock.Command(STORE, SKU, 5)));
        assertThat(stock.stored(STORE, SKU).onHand()).isEqualTo(10);
        assertThat(stock.saves()).isEqualTo(OptimisticUpdate.MAX_ATTEMPTS);
    }

    @Test
    void aStoreInventoryDoesNotKnowGetsNoStock() {
        StoreId unknown = new StoreId("store-999");

        assertThat(receiveStock.execute(new ReceiveStock.Command(unknown, SKU, 5)))
                .isEqualTo(new ReceiveStock.Outcome.StoreNotFound(unknown));
        assertThat(stock.stored(unknown, SKU).isStored()).isFalse();
        assertThat(stock.saves()).isZero();
    }

    @Test
    void aDeliveryHasOneToAMillionUnits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiveStock.Command(STORE, SKU, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReceiveStock.Command(STORE, SKU, ReceiveStock.MAX_QUANTITY + 1));
        assertThat(new ReceiveStock.Command(STORE, SKU, ReceiveStock.MAX_QUANTITY).quantity())
                .isEqualTo(1_000_000);
    }
}
