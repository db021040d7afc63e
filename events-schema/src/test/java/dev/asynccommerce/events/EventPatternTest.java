package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.event.ruler.Ruler;

/**
 * The envelope supports the EventBridge rules the stack needs, matched by AWS's own event-ruler:
 * by source, detail-type and schema version, and by fields of {@code detail.data}.
 */
class EventPatternTest {

    /** The pattern a rule routing one event type (at one schema version) would use. */
    static String patternFor(EventType type) {
        return "{\"source\":[\"" + type.source() + "\"],\"detail-type\":[\"" + type.detailType()
                + "\"],\"detail\":{\"metadata\":{\"schemaVersion\":[" + type.schemaVersion() + "]}}}";
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aTypesPatternMatchesItsExamplesAndNoOtherTypes(EventType type) throws Exception {
        for (EventType other : EventType.values()) {
            for (Examples.Example example : Examples.valid(other)) {
                String event = Examples.eventBridgeEvent(other, example.json());
                assertThat(Ruler.matchesRule(event, patternFor(type)))
                        .as("%s pattern against %s/%s", type, other, example.name())
                        .isEqualTo(other == type);
            }
        }
    }

    @Test
    void theSameDetailTypeFromAnotherSourceIsANearMiss() throws Exception {
        ObjectNode event = (ObjectNode) Examples.tree(Examples.eventBridgeEvent(
                EventType.ORDER_PLACED, Examples.first(EventType.ORDER_PLACED).json()));
        event.put("source", EventSources.PAYMENTS);

        assertThat(Ruler.matchesRule(event.toString(), patternFor(EventType.ORDER_PLACED)))
                .isFalse();
    }

    @Test
    void storeDevicesCanSubscribeToTheirStoresEventsOnly() throws Exception {
        String rule = "{\"detail-type\":[\"PickTaskCreated\",\"OrderCancelled\"],"
                + "\"detail\":{\"data\":{\"storeId\":[\"store-001\"]}}}";
        String task = Examples.first(EventType.PICK_TASK_CREATED).json();
        String elsewhere = task.replace("\"storeId\": \"store-001\"", "\"storeId\": \"store-002\"");

        assertThat(Ruler.matchesRule(Examples.eventBridgeEvent(EventType.PICK_TASK_CREATED, task), rule))
                .isTrue();
        assertThat(Ruler.matchesRule(Examples.eventBridgeEvent(EventType.PICK_TASK_CREATED, elsewhere), rule))
                .isFalse();
    }

    @Test
    void stockAlertsCanFilterOnNumbersInTheData() throws Exception {
        String rule = "{\"detail-type\":[\"InventoryAdjusted\"],"
                + "\"detail\":{\"data\":{\"available\":[{\"numeric\":[\"<=\",0]}]}}}";
        String adjusted = Examples.first(EventType.INVENTORY_ADJUSTED).json();
        String soldOut = adjusted.replace("\"available\": 35", "\"available\": 0");

        assertThat(Ruler.matchesRule(Examples.eventBridgeEvent(EventType.INVENTORY_ADJUSTED, soldOut), rule))
                .isTrue();
        assertThat(Ruler.matchesRule(Examples.eventBridgeEvent(EventType.INVENTORY_ADJUSTED, adjusted), rule))
                .isFalse();
    }
}
