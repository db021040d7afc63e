package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";
    private static final String EVENT_ID = "0b7f6c1e-2d3a-4f5e-8a9b-0c1d2e3f4a5b";

    private static OrderPlaced placed(long totalCents) {
        return new OrderPlaced(
                ORDER_ID,
                "c-123",
                "store-001",
                "PICKUP",
                List.of(new PricedLine("SKU-0001", 2, 1299), new PricedLine("SKU-0042", 1, 4999)),
                totalCents,
                "EUR",
                List.of(new PaymentMethod("CARD", "tok_visa")));
    }

    private static <T extends EventData> EventDetail<T> detail(T data) {
        return Events.detail(data, EVENT_ID, Instant.parse("2026-11-21T08:35:12.345Z"), "req-1", "req-1", ORDER_ID, 1);
    }

    @Test
    void writesCompactJsonWithMetadataFirstFieldsInSchemaOrderAndIsoInstants() {
        String json = EventJson.write(detail(placed(7597)));

        assertThat(json)
                .doesNotContain("\n", " ")
                .startsWith("{\"metadata\":{\"eventId\":\"" + EVENT_ID + "\",\"eventType\":\"OrderPlaced\","
                        + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-21T08:35:12.345Z\",")
                .contains(
                        "\"data\":{\"orderId\":\"" + ORDER_ID + "\",\"customerId\":\"c-123\",\"storeId\":\"store-001\"")
                .contains("\"totalCents\":7597,\"currency\":\"EUR\"");
    }

    @Test
    void writesInstantsInsideDataAsUtcText() {
        PickTaskCreated task = new PickTaskCreated(
                ORDER_ID,
                "store-001",
                List.of(new Line("SKU-0001", 1)),
                Instant.parse("2026-11-21T08:35:00Z"),
                Instant.parse("2026-11-21T10:35:00.5Z"));

        assertThat(EventJson.write(detail(task)))
                .contains("\"createdAt\":\"2026-11-21T08:35:00Z\",\"dueAt\":\"2026-11-21T10:35:00.500Z\"");
    }

    @Test
    void refusesToWriteAnEventItsConsumersWouldRefuse() {
        assertThatThrownBy(() -> EventJson.write(detail(placed(-1))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.detailType()).isEqualTo("OrderPlaced");
                    assertThat(e.problems()).containsExactly("$.data.totalCents: must be at least 0");
                });
        assertThatThrownBy(() -> EventJson.write(detail(new OrderPicked(ORDER_ID, "store-001", List.of()))))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.problems()).containsExactly("$.data.lines: must have 1 or more items"));
    }

    @Test
    void readsTheTypedRecordAConsumerCanSwitchOver() {
        EventDetail<? extends EventData> read = EventJson.read("OrderPlaced", EventJson.write(detail(placed(7597))));

        String seen = switch (read.data()) {
            case OrderPlaced order ->
                order.orderId() + " " + order.totalCents() + " " + order.lines().size();
            default -> "other";
        };
        assertThat(seen).isEqualTo(ORDER_ID + " 7597 2");
        assertThat(read.metadata().occurredAt()).isEqualTo(Instant.parse("2026-11-21T08:35:12.345Z"));
        assertThat(read).isEqualTo(detail(placed(7597)));
    }

    @Test
    void refusesAnUnknownDetailTypeAndMalformedInput() {
        String json = EventJson.write(detail(placed(7597)));

        assertThatThrownBy(() -> EventJson.read("OrderShipped", json))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.problems()).containsExactly("detail-type: is not a known event type"));
        assertThatThrownBy(() -> EventJson.read("OrderPlaced", json.substring(0, json.length() - 1)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("invalid OrderPlaced event: $: not well-formed JSON");
    }

    @Test
    void theExceptionMessageIsSafeToLog() {
        ObjectNode detail = (ObjectNode) Examples.tree(EventJson.write(detail(placed(7597))));
        ((ObjectNode) detail.get("data")).put("customerId", "ana@example.com");
        ((ObjectNode) detail.at("/data/paymentMethods/0")).put("token", "4111111111111111");

        assertThatThrownBy(() -> EventJson.read("OrderPlaced\nFORGED", detail.toString()))
                .isInstanceOf(InvalidEventException.class)
                .message()
                .doesNotContain("ana@example.com", "4111111111111111", "\n");
    }

    @Test
    void readsTheDetailOfAWholeEventBridgeEvent() {
        String detailJson = EventJson.write(detail(placed(7597)));
        String event = Examples.eventBridgeEvent(EventType.ORDER_PLACED, detailJson);

        assertThat(EventJson.readEventBridgeEvent(event)).isEqualTo(detail(placed(7597)));

        ObjectNode wrongSource = (ObjectNode) Examples.tree(event);
        wrongSource.put("source", EventSources.INVENTORY);
        assertThatThrownBy(() -> EventJson.readEventBridgeEvent(wrongSource.toString()))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("$.source: is not the source of this detail-type"));
    }

    @Test
    void theMapperOnItsOwnRefusesWhatTheSchemaRefuses() {
        ObjectNode valid = (ObjectNode) Examples.tree(EventJson.write(detail(placed(7597))));

        ObjectNode textForNumber = valid.deepCopy();
        ((ObjectNode) textForNumber.at("/data/lines/0")).put("quantity", "2");
        ObjectNode missing = valid.deepCopy();
        ((ObjectNode) missing.get("data")).remove("totalCents");
        ObjectNode fraction = valid.deepCopy();
        ((ObjectNode) fraction.get("data")).put("totalCents", 7597.5);
        ObjectNode nullNumber = valid.deepCopy();
        ((ObjectNode) nullNumber.get("data")).putNull("totalCents");

        assertThat(mapperProblems(textForNumber))
                .containsExactly("$.data.lines[0].quantity: cannot be read into OrderPlaced");
        assertThat(mapperProblems(missing)).containsExactly("$.data.totalCents: cannot be read into OrderPlaced");
        assertThat(mapperProblems(fraction)).containsExactly("$.data.totalCents: cannot be read into OrderPlaced");
        assertThat(mapperProblems(nullNumber)).containsExactly("$.data.totalCents: cannot be read into OrderPlaced");
        assertThat(EventJson.map(EventType.ORDER_PLACED, valid)).isEqualTo(detail(placed(7597)));
    }

    @Test
    void paymentTokensStayOutOfToString() {
        assertThat(placed(7597).toString()).contains("CARD").doesNotContain("tok_visa");
    }

    private static List<String> mapperProblems(ObjectNode detail) {
        try {
            EventJson.map(EventType.ORDER_PLACED, detail);
            throw new AssertionError("the mapper accepted " + detail);
        } catch (InvalidEventException e) {
            return e.problems();
        }
    }
}
