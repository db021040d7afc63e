package dev.asynccommerce.inventory.application;

/** Whole EventBridge events as the inventory FIFO queue delivers them in message bodies. */
public final class ChannelEvents {
    private ChannelEvents() {}

    /** An {@code InventoryAdjusted} of SKU-0001 at store-001 with the given sequence and levels. */
    public static String adjusted(long skuSequence, int onHand, int available) {
        return envelope(
                "InventoryAdjusted", "00000000-0000-4000-8000-%012d".formatted(Math.max(skuSequence, 0)), """
                {"metadata":{"eventId":"%s","eventType":"InventoryAdjusted","schemaVersion":1,
                 "occurredAt":"2026-11-21T08:35:13.120Z","correlationId":"req-5b0e1c7a9d3f4e2a",
                 "causationId":"RESERVE:ord_01jdq8r5w3k7m2n9p4t6v8x0zb#1","aggregateId":"store-001#SKU-0001","sequence":%d},
                 "data":{"storeId":"store-001","sku":"SKU-0001","delta":-1,"onHand":%d,"available":%d,
                 "reason":"RESERVED","skuSequence":%d}}""".formatted(
                                "00000000-0000-4000-8000-%012d".formatted(Math.max(skuSequence, 0)),
                                skuSequence,
                                onHand,
                                available,
                                skuSequence));
    }

    /** A valid commerce event of another type. */
    public static String reservedEvent() {
        return envelope("InventoryReserved", "x", """
                {"metadata":{"eventId":"4c9339f6-97fb-44f3-8b9b-0778c3475968","eventType":"InventoryReserved",
                 "schemaVersion":1,"occurredAt":"2026-11-21T08:35:13.120Z","correlationId":"req-5b0e1c7a9d3f4e2a",
                 "causationId":"x","aggregateId":"ord_01jdq8r5w3k7m2n9p4t6v8x0zb","sequence":1},
                 "data":{"orderId":"ord_01jdq8r5w3k7m2n9p4t6v8x0zb","storeId":"store-001",
                 "reservationId":"ord_01jdq8r5w3k7m2n9p4t6v8x0zb:1","lines":[{"sku":"SKU-0001","quantity":1}]}}""");
    }

    private static String envelope(String detailType, String ignored, String detail) {
        return """
                {"version":"0","id":"6f8d1f4e-2b7a-4c1e-9a51-0c1b2d3e4f50","detail-type":"%s",
                 "source":"commerce.inventory","account":"123456789012","time":"2026-11-21T08:35:13Z",
                 "region":"eu-west-1","resources":[],"detail":%s}""".formatted(detailType, detail);
    }
}
