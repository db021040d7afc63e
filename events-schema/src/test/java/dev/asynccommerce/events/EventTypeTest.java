package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTypeTest {
    private static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";

    @Test
    void findsATypeByDetailTypeAndVersion() {
        assertThat(EventType.forDetailType("OrderPlaced")).contains(EventType.ORDER_PLACED);
        assertThat(EventType.forDetailType("OrderPlaced", 1)).contains(EventType.ORDER_PLACED);
        assertThat(EventType.forDetailType("OrderPlaced", 2)).isEmpty();
        assertThat(EventType.forDetailType("orderplaced")).isEmpty();
        assertThat(EventType.forDetailType(null)).isEmpty();
    }

    @Test
    void namesEachEventsSourceAndSchema() {
        assertThat(EventType.ORDER_PLACED.source()).isEqualTo("commerce.ordering");
        assertThat(EventType.PAYMENT_DECLINED.source()).isEqualTo("commerce.payments");
        assertThat(EventType.INVENTORY_ADJUSTED.source()).isEqualTo("commerce.inventory");
        assertThat(EventType.ORDER_SHORT_PICKED.source()).isEqualTo("commerce.fulfillment");
        assertThat(EventType.CUSTOMER_NOTIFIED.source()).isEqualTo("commerce.notifications");
        assertThat(EventType.ORDER_READY_FOR_PICKUP.schemaResource())
                .isEqualTo("schemas/events/OrderReadyForPickup.v1.schema.json");
        assertThat(EventType.ORDER_READY_FOR_PICKUP.dataType()).isEqualTo(OrderReadyForPickup.class);
    }

    @Test
    void knowsTheTypeOfEveryRecord() {
        assertThat(EventType.of(new OrderConfirmed(ORDER_ID, "store-001"))).isEqualTo(EventType.ORDER_CONFIRMED);
        assertThat(EventType.of(new OrderCollected(ORDER_ID, "store-001"))).isEqualTo(EventType.ORDER_COLLECTED);
    }

    @Test
    void detailFillsTypeAndVersionFromTheData() {
        Instant at = Instant.parse("2026-11-21T08:35:14Z");
        EventDetail<OrderConfirmed> detail = Events.detail(
                new OrderConfirmed(ORDER_ID, "store-001"),
                "0b7f6c1e-2d3a-4f5e-8a9b-0c1d2e3f4a5b",
                at,
                "req-1",
                "evt-1",
                ORDER_ID,
                2);

        assertThat(detail.metadata())
                .isEqualTo(new EventMetadata(
                        "0b7f6c1e-2d3a-4f5e-8a9b-0c1d2e3f4a5b",
                        "OrderConfirmed",
                        1,
                        at,
                        "req-1",
                        "evt-1",
                        ORDER_ID,
                        2));
        assertThat(detail.data().storeId()).isEqualTo("store-001");
        assertThat(detail.type()).isEqualTo(EventType.ORDER_CONFIRMED);
    }

    @Test
    void aDetailWhoseMetadataNamesAnotherEventCannotBeBuilt() {
        EventMetadata collected = new EventMetadata(
                "0b7f6c1e-2d3a-4f5e-8a9b-0c1d2e3f4a5b", "OrderCollected", 1, Instant.EPOCH, "c", "c", ORDER_ID, 1);
        EventMetadata version2 = new EventMetadata(
                "0b7f6c1e-2d3a-4f5e-8a9b-0c1d2e3f4a5b", "OrderConfirmed", 2, Instant.EPOCH, "c", "c", ORDER_ID, 1);
        OrderConfirmed confirmed = new OrderConfirmed(ORDER_ID, "store-001");

        assertThatThrownBy(() -> new EventDetail<>(collected, confirmed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderCollected");
        assertThatThrownBy(() -> new EventDetail<>(version2, confirmed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsCopyTheirListsAndRefuseNulls() {
        java.util.List<Line> lines = new java.util.ArrayList<>(java.util.List.of(new Line("SKU-0001", 1)));
        OrderPicked picked = new OrderPicked(ORDER_ID, "store-001", lines);
        lines.clear();

        assertThat(picked.lines()).containsExactly(new Line("SKU-0001", 1));
        assertThatThrownBy(() -> picked.lines().add(new Line("SKU-0002", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new OrderConfirmed(null, "store-001"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("orderId");
    }
}
