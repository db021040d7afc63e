package dev.asynccommerce.notifications.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.EventType;
import dev.asynccommerce.events.Events;
import java.time.Instant;

/** Whole EventBridge events as a rule's target receives them, built from the published records. */
public final class OrderEventFixtures {
    public static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";
    public static final String CORRELATION_ID = "req-5b0e1c7a9d3f4e2a";

    private OrderEventFixtures() {}

    public static String eventBridgeEvent(EventData data, String eventId) {
        EventType type = EventType.of(data);
        String detail = EventJson.write(Events.detail(
                data,
                eventId,
                Instant.parse("2026-11-21T09:10:41Z"),
                CORRELATION_ID,
                "263ea4dd-7ef9-4dcd-b0f4-3b722931a4a9",
                ORDER_ID,
                4));
        return """
                {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"%s",\
                "source":"%s","account":"111122223333","time":"2026-11-21T09:10:42Z",\
                "region":"eu-west-1","resources":[],"detail":%s}""".formatted(type.detailType(), type.source(), detail);
    }
}
