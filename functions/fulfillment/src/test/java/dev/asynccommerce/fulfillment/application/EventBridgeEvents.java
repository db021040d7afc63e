package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import dev.asynccommerce.events.Line;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.OrderConfirmed;
import dev.asynccommerce.events.PickTaskCreated;
import java.time.Instant;
import java.util.List;

/** Whole EventBridge events as a rule target receives them, built from the event records. */
public final class EventBridgeEvents {
    public static final String CANCELLED_EVENT_ID = "49bf4c15-734c-4294-bded-8b0f47c91a84";
    public static final String CREATED_EVENT_ID = "159e39a7-78bc-4a7b-8c59-e53f0ecef596";

    private EventBridgeEvents() {}

    public static String orderCancelled(String storeId, String reason) {
        return event(
                CANCELLED_EVENT_ID, new OrderCancelled(FulfillmentFixture.ORDER.value(), storeId, reason, "PICKING"));
    }

    public static String pickTaskCreated(String eventId) {
        return event(
                eventId,
                new PickTaskCreated(
                        FulfillmentFixture.ORDER.value(),
                        FulfillmentFixture.STORE.value(),
                        List.of(new Line("SKU-0001", 2), new Line("SKU-0042", 1)),
                        Instant.parse("2026-11-21T09:00:00Z"),
                        FulfillmentFixture.DUE));
    }

    public static String orderConfirmed() {
        return event(
                "01633267-7933-4e96-8790-678abbf7ed51",
                new OrderConfirmed(FulfillmentFixture.ORDER.value(), FulfillmentFixture.STORE.value()));
    }

    public static String event(String eventId, EventData data) {
        EventType type = EventType.of(data);
        String detail = EventJson.write(Events.detail(
                data,
                eventId,
                Instant.parse("2026-11-21T09:30:00Z"),
                FulfillmentFixture.CORRELATION,
                "req-cause",
                FulfillmentFixture.ORDER.value(),
                3));
        return """
                {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"%s",\
                "source":"%s","account":"123456789012","time":"2026-11-21T09:30:01Z",\
                "region":"eu-west-1","resources":[],"detail":%s}""".formatted(type.detailType(), type.source(), detail);
    }
}
