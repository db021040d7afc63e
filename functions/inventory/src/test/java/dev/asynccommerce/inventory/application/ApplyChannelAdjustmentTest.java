package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class ApplyChannelAdjustmentTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    private final InMemoryChannelProjection projection = new InMemoryChannelProjection();
    private final ApplyChannelAdjustment apply = new ApplyChannelAdjustment(projection);

    @Test
    void appliesAdjustmentsInSequenceOrder() {
        assertThat(apply.execute(ChannelEvents.adjusted(1, 25, 25)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Applied.class);
        assertThat(apply.execute(ChannelEvents.adjusted(2, 25, 23)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Applied.class);

        assertThat(projection.find(STORE, SKU)).contains(new ChannelStock(STORE, SKU, 2, 25, 23));
    }

    @Test
    void aRedeliveredOrOlderAdjustmentIsStaleAndChangesNothing() {
        projection.with(new ChannelStock(STORE, SKU, 5, 20, 18));

        var outcome = apply.execute(ChannelEvents.adjusted(5, 99, 99));

        assertThat(outcome).isInstanceOf(ApplyChannelAdjustment.Outcome.Stale.class);
        assertThat(((ApplyChannelAdjustment.Outcome.Stale) outcome).correlationId())
                .isEqualTo("req-5b0e1c7a9d3f4e2a");
        assertThat(apply.execute(ChannelEvents.adjusted(2, 99, 99)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Stale.class);
        assertThat(projection.find(STORE, SKU)).contains(new ChannelStock(STORE, SKU, 5, 20, 18));
    }

    @Test
    void anAdjustmentAfterAGapIsHeldBackUntilTheMissingOneArrives() {
        projection.with(new ChannelStock(STORE, SKU, 5, 20, 18));

        assertThat(apply.execute(ChannelEvents.adjusted(7, 20, 16)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Gap.class);
        assertThat(projection.find(STORE, SKU).orElseThrow().lastSkuSequence()).isEqualTo(5);

        apply.execute(ChannelEvents.adjusted(6, 20, 17));
        apply.execute(ChannelEvents.adjusted(7, 20, 16));
        assertThat(projection.find(STORE, SKU)).contains(new ChannelStock(STORE, SKU, 7, 20, 16));
    }

    @Test
    void aRivalApplyingTheSameStepFirstMakesItStale() {
        projection.with(new ChannelStock(STORE, SKU, 1, 20, 20));
        projection.beforeNextSave(() -> projection.with(new ChannelStock(STORE, SKU, 2, 20, 19)));

        assertThat(apply.execute(ChannelEvents.adjusted(2, 20, 19)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Stale.class);
    }

    @Test
    void anythingButAValidInventoryAdjustedIsRejected() {
        assertThat(apply.execute("not json")).isInstanceOf(ApplyChannelAdjustment.Outcome.Rejected.class);
        assertThat(apply.execute(ChannelEvents.adjusted(0, 1, 1)))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Rejected.class);
        assertThat(apply.execute(ChannelEvents.reservedEvent()))
                .isInstanceOf(ApplyChannelAdjustment.Outcome.Rejected.class);
        assertThat(projection.find(STORE, SKU)).isEmpty();
    }
}
