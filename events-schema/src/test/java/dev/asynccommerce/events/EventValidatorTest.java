package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final EventValidator VALIDATOR = EventValidator.instance();
    private static final String PLACED = Examples.first(EventType.ORDER_PLACED).json();

    @Test
    void isLoadedOnceAndShared() {
        assertThat(EventValidator.instance()).isSameAs(VALIDATOR);
    }

    @Test
    void anUnknownDetailTypeIsAProblem() {
        assertThat(VALIDATOR.validate("OrderShipped", PLACED))
                .containsExactly("detail-type: is not a known event type");
        assertThat(VALIDATOR.validate(null, PLACED)).containsExactly("detail-type: is not a known event type");
    }

    @Test
    void aDetailIsCheckedAgainstTheSchemaOfTheDetailTypeItIsSentUnder() {
        assertThat(VALIDATOR.validate("OrderConfirmed", PLACED))
                .contains(
                        "$.metadata.eventType: must equal \"OrderConfirmed\"",
                        "$.data.customerId: is not a known property");
    }

    @Test
    void malformedJsonIsReportedByPositionWithoutQuotingIt() {
        assertThat(VALIDATOR.validate("OrderPlaced", "{\"data\": ana@example.com}"))
                .containsExactly("$: not well-formed JSON at line 1, column 10");
        assertThat(VALIDATOR.validate("OrderPlaced", "")).containsExactly("$: is empty");
        assertThat(VALIDATOR.validate("OrderPlaced", null)).containsExactly("$: is empty");
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        assertThat(VALIDATOR.validate("OrderPlaced", "{\"metadata\": {}, \"metadata\": {}}"))
                .singleElement()
                .asString()
                .startsWith("$: duplicate key at line 1");
        assertThat(VALIDATOR.validate("OrderPlaced", PLACED + " {}"))
                .singleElement()
                .asString()
                .startsWith("$: not well-formed JSON");
    }

    @Test
    void aDetailOverTheEventBridgeEntryLimitIsRefusedBeforeValidation() {
        String huge = "{\"metadata\": {}, \"data\": {\"reason\": \"" + "x".repeat(300 * 1024) + "\"}}";
        assertThat(VALIDATOR.validate("OrderPaymentFailed", huge))
                .containsExactly("$: exceeds the size limits of an event");
    }

    @Test
    void aCardNumberIsRefusedAsATokenAndNeverRepeated() {
        ObjectNode detail = (ObjectNode) Examples.tree(PLACED);
        ((ObjectNode) detail.at("/data/paymentMethods/1")).put("token", "4111111111111111");

        assertThat(VALIDATOR.validate("OrderPlaced", detail.toString()))
                .containsExactly("$.data.paymentMethods[1].token: must not be a card number; "
                        + "send the payment provider's token instead");
    }

    @Test
    void anEmailAddressIsNeitherACustomerIdNorAField() {
        ObjectNode asId = (ObjectNode) Examples.tree(PLACED);
        ((ObjectNode) asId.get("data")).put("customerId", "ana@example.com");
        ObjectNode asField = (ObjectNode) Examples.tree(PLACED);
        ((ObjectNode) asField.get("data")).put("customerEmail", "ana@example.com");

        assertThat(VALIDATOR.validate("OrderPlaced", asId.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.customerId: must match")
                .doesNotContain("ana@");
        assertThat(VALIDATOR.validate("OrderPlaced", asField.toString()))
                .containsExactly("$.data.customerEmail: is not a known property");
    }

    @Test
    void integersWrittenWithAFractionAreRefusedEvenThoughJsonSchemaCallsThemIntegers() {
        String detail = PLACED.replace("\"totalCents\": 7597", "\"totalCents\": 7597.0");
        String exponent = PLACED.replace("\"totalCents\": 7597", "\"totalCents\": 7.597e3");

        assertThat(VALIDATOR.validate("OrderPlaced", detail))
                .containsExactly("$.data.totalCents: must be an integer written without fraction or exponent");
        assertThat(VALIDATOR.validate("OrderPlaced", exponent))
                .containsExactly("$.data.totalCents: must be an integer written without fraction or exponent");
    }

    @Test
    void controlCharactersInPropertyNamesCannotForgeALogLine() {
        ObjectNode detail = (ObjectNode) Examples.tree(PLACED);
        ((ObjectNode) detail.get("data")).put("x\ny", 1);

        assertThat(VALIDATOR.validate("OrderPlaced", detail.toString()))
                .singleElement()
                .asString()
                .endsWith(": is not a known property")
                .doesNotContain("\n", "\r");
    }

    @Test
    void aWholeEventBridgeEventIsCheckedEnvelopeAndDetail() {
        String event = Examples.eventBridgeEvent(EventType.ORDER_PLACED, PLACED);
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();

        ObjectNode broken = (ObjectNode) Examples.tree(event);
        broken.remove("account");
        ((ObjectNode) broken.at("/detail/data")).put("totalCents", -1);
        assertThat(VALIDATOR.validateEvent(broken.toString()))
                .containsExactlyInAnyOrder("$.account: is required", "$.detail.data.totalCents: must be at least 0");
    }

    @Test
    void aReplayedEventAndFieldsEventBridgeMayAddAreAccepted() {
        ObjectNode event = (ObjectNode) Examples.tree(Examples.eventBridgeEvent(EventType.ORDER_PLACED, PLACED));
        event.put("replay-name", "orders-2026-11-21");
        event.put("some-future-field", true);

        assertThat(VALIDATOR.validateEvent(event.toString())).isEmpty();
    }

    @Test
    void anEventFromTheWrongSourceIsRefused() {
        ObjectNode event = (ObjectNode) Examples.tree(Examples.eventBridgeEvent(EventType.ORDER_PLACED, PLACED));
        event.put("source", EventSources.PAYMENTS);

        assertThat(VALIDATOR.validateEvent(event.toString()))
                .containsExactly("$.source: is not the source of this detail-type");
    }

    @Test
    void anEventWhoseDetailTypeAndMetadataDisagreeIsRefused() {
        ObjectNode event = (ObjectNode) Examples.tree(Examples.eventBridgeEvent(
                EventType.ORDER_CONFIRMED,
                Examples.first(EventType.ORDER_CONFIRMED).json()));
        ((ObjectNode) event.at("/detail/metadata")).put("eventType", "OrderCollected");

        assertThat(VALIDATOR.validateEvent(event.toString()))
                .containsExactly("$.detail.metadata.eventType: must equal \"OrderConfirmed\"");
    }

    @Test
    void anUnknownDetailTypeInAnEventIsReportedOnce() {
        ObjectNode event = (ObjectNode) Examples.tree(Examples.eventBridgeEvent(EventType.ORDER_PLACED, PLACED));
        event.put("detail-type", "OrderShipped");

        assertThat(VALIDATOR.validateEvent(event.toString())).containsExactly("detail-type: is not a known event type");
    }
}
