package dev.asynccommerce.inventory.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.InvalidEventException;
import dev.asynccommerce.events.InventoryAdjusted;
import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * Applies one {@code InventoryAdjusted} (a whole EventBridge event, as the FIFO queue delivers it)
 * to the channels' copy of stock, strictly in {@code skuSequence} order per store and SKU.
 *
 * <p>An adjustment already applied, or older, is stale and ignored: that makes redeliveries and
 * EventBridge's at-least-once delivery harmless (idempotent on eventId without an inbox). One that
 * skips a sequence is a gap: nothing is applied and the caller must redeliver it once the missing
 * one has arrived. Anything that is not a valid {@code InventoryAdjusted} is rejected.
 */
public final class ApplyChannelAdjustment {
    static final int MAX_ATTEMPTS = 5;

    /** What applying gave; {@code correlationId} is empty only for a rejected message. */
    public sealed interface Outcome {
        record Applied(String eventId, String correlationId, String storeId, String sku, long skuSequence)
                implements Outcome {}

        record Stale(String eventId, String correlationId, String storeId, String sku, long skuSequence, long applied)
                implements Outcome {}

        record Gap(String eventId, String correlationId, String storeId, String sku, long skuSequence, long applied)
                implements Outcome {}

        /** Not an {@code InventoryAdjusted} this consumer can read; {@code problem} is safe to log. */
        record Rejected(String problem) implements Outcome {}
    }

    private final ChannelProjection projection;

    public ApplyChannelAdjustment(ChannelProjection projection) {
        this.projection = Objects.requireNonNull(projection, "projection");
    }

    /**
     * @throws StockContentionException if other writers moved the copy on under every attempt
     */
    public Outcome execute(String eventBridgeEventJson) {
        EventDetail<? extends EventData> detail;
        try {
            detail = EventJson.readEventBridgeEvent(eventBridgeEventJson);
        } catch (InvalidEventException e) {
            return new Outcome.Rejected(e.getMessage());
        }
        if (!(detail.data() instanceof InventoryAdjusted adjusted)) {
            return new Outcome.Rejected("a " + detail.metadata().eventType() + " event, not InventoryAdjusted");
        }
        String eventId = detail.metadata().eventId();
        String correlationId = detail.metadata().correlationId();
        StoreId storeId = new StoreId(adjusted.storeId());
        Sku sku = new Sku(adjusted.sku());
        long sequence = adjusted.skuSequence();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ChannelStock current = projection.find(storeId, sku).orElseGet(() -> ChannelStock.empty(storeId, sku));
            switch (current.stepFor(sequence)) {
                case STALE -> {
                    return new Outcome.Stale(
                            eventId, correlationId, storeId.value(), sku.value(), sequence, current.lastSkuSequence());
                }
                case GAP -> {
                    return new Outcome.Gap(
                            eventId, correlationId, storeId.value(), sku.value(), sequence, current.lastSkuSequence());
                }
                case APPLY -> {
                    ChannelStock next = current.apply(sequence, adjusted.onHand(), adjusted.available());
                    if (projection.save(next, current.lastSkuSequence())) {
                        return new Outcome.Applied(eventId, correlationId, storeId.value(), sku.value(), sequence);
                    }
                    // Another consumer applied it first: the next round finds it stale.
                }
            }
        }
        throw new StockContentionException("the channel copy of " + sku + " at " + storeId + " moved during each of "
                + MAX_ATTEMPTS + " attempts");
    }
}
