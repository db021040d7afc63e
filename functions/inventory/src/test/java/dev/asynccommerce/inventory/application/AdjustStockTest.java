package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InventoryAdjusted;
import dev.asynccommerce.inventory.application.AdjustStock.Kind;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class AdjustStockTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");
    private static final CommandContext CONTEXT = new CommandContext("corr-1", "req-1", null);

    private final InMemoryStockRepository stock =
            new InMemoryStockRepository().withStore(STORE).withStock(new StockLevel(STORE, SKU, 10, 4, 6));
    private final AdjustStock adjust = new AdjustStock(stock, TestMessages.create());

    @Test
    void aDeliveryAddsToOnHandWithAReceivedAdjustment() {
        assertThat(adjust.execute(command(Kind.RECEIVED, 5)))
                .isEqualTo(new AdjustStock.Outcome.Adjusted(new StockLevel(STORE, SKU, 15, 4, 7), true));
        assertThat(onlyEvent()).isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", 5, 15, 11, "RECEIVED", 7));
    }

    @Test
    void damagedUnitsLeaveOnHandButNeverMoreThanThereAre() {
        assertThat(adjust.execute(command(Kind.DAMAGED, 11))).isEqualTo(new AdjustStock.Outcome.NotEnoughOnHand(10));
        assertThat(stock.outbox()).isEmpty();

        adjust.execute(command(Kind.DAMAGED, 3));

        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 7, 4, 7));
        assertThat(onlyEvent()).isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", -3, 7, 3, "DAMAGED", 7));
    }

    @Test
    void aCountSetsOnHandAndAMatchingCountWritesNothing() {
        adjust.execute(command(Kind.COUNT_CORRECTION, 2));

        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 2, 4, 7));
        assertThat(onlyEvent()).isEqualTo(new InventoryAdjusted("store-001", "SKU-0001", -8, 2, 0, "CORRECTION", 7));

        assertThat(adjust.execute(command(Kind.COUNT_CORRECTION, 2)))
                .isEqualTo(new AdjustStock.Outcome.Adjusted(new StockLevel(STORE, SKU, 2, 4, 7), false));
        assertThat(stock.outbox()).hasSize(1);
    }

    @Test
    void anUnknownStoreOrSkuChangesNothing() {
        StoreId unknown = new StoreId("store-404");
        Sku never = new Sku("SKU-0404");

        assertThat(adjust.execute(new AdjustStock.Command(unknown, SKU, Kind.RECEIVED, 1, CONTEXT)))
                .isEqualTo(new AdjustStock.Outcome.StoreNotFound(unknown));
        assertThat(adjust.execute(new AdjustStock.Command(STORE, never, Kind.RECEIVED, 1, CONTEXT)))
                .isEqualTo(new AdjustStock.Outcome.SkuNotFound(STORE, never));
        assertThat(stock.saves()).isZero();
    }

    @Test
    void aConcurrentChangeIsReadAgainAndTheSequenceStaysConsecutive() {
        stock.beforeNextSave(() -> stock.withStock(new StockLevel(STORE, SKU, 10, 6, 7)));

        adjust.execute(command(Kind.RECEIVED, 1));

        assertThat(stock.stored(STORE, SKU)).isEqualTo(new StockLevel(STORE, SKU, 11, 6, 8));
        assertThat(onlyEvent().skuSequence()).isEqualTo(8);
    }

    @Test
    void quantitiesFitTheKind() {
        assertThatIllegalArgumentException().isThrownBy(() -> command(Kind.RECEIVED, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> command(Kind.DAMAGED, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> command(Kind.COUNT_CORRECTION, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> command(Kind.RECEIVED, AdjustStock.MAX_QUANTITY + 1));
        assertThat(command(Kind.COUNT_CORRECTION, 0).quantity()).isZero();
    }

    private static AdjustStock.Command command(Kind kind, int quantity) {
        return new AdjustStock.Command(STORE, SKU, kind, quantity, CONTEXT);
    }

    private InventoryAdjusted onlyEvent() {
        assertThat(stock.outbox()).hasSize(1);
        return (InventoryAdjusted)
                EventJson.read("InventoryAdjusted", stock.outbox().getFirst().detailJson())
                        .data();
    }
}
