package dev.asynccommerce.payments.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.payments.application.InvalidPaymentRequestException;
import dev.asynccommerce.payments.application.PaymentProviderUnavailableException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentCommandsHandlerTest {
    private static final String PAYMENT = "pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1";

    private final HandlerFixture fixture = new HandlerFixture();
    private final PaymentCommandsHandler handler = new PaymentCommandsHandler(fixture.wiring);

    @BeforeEach
    void authorize() {
        new PaymentsQueueHandler(fixture.wiring).handleRequest(HandlerFixture.recorded("sqs-authorize.json"), null);
        fixture.gateway.calls.clear();
    }

    /** The payload as Lambda's serializer hands a JSON object to a Map handler. */
    private static Map<String, Object> payload(String command, Object paymentId, Object amountCents) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("command", command);
        payload.put("orderId", "ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
        payload.put("correlationId", "req-5b0e1c7a9d3f4e2a");
        if (paymentId != null) {
            payload.put("paymentId", paymentId);
        }
        payload.put("amountCents", amountCents);
        payload.put("currency", "EUR");
        return payload;
    }

    @Test
    void captureAnswersCapturedAndARepeatAnswersTheSameWithoutAProviderCall() {
        assertThat(handler.handleRequest(payload("CAPTURE", PAYMENT, 7597), null))
                .isEqualTo(Map.of("outcome", "CAPTURED"));
        assertThat(handler.handleRequest(payload("CAPTURE", PAYMENT, 7597), null))
                .isEqualTo(Map.of("outcome", "CAPTURED"));

        assertThat(fixture.gateway.calls).hasSize(1);
    }

    @Test
    void voidAndRefundAnswerTheirOutcomes() {
        assertThat(handler.handleRequest(payload("REFUND", PAYMENT, 7597), null))
                .isEqualTo(Map.of("outcome", "NOTHING_TO_REFUND"));
        assertThat(handler.handleRequest(payload("VOID", null, 7597), null)).isEqualTo(Map.of("outcome", "VOIDED"));
        assertThat(handler.handleRequest(payload("CAPTURE", PAYMENT, 7597), null))
                .isEqualTo(Map.of("outcome", "ALREADY_VOIDED"));
    }

    @Test
    void voidOfAnOrderWithNothingAuthorizedSaysSo() {
        Map<String, Object> payload = payload("VOID", null, 100);
        payload.put("orderId", "ord_0000000000000000000000000z");

        assertThat(handler.handleRequest(payload, null)).isEqualTo(Map.of("outcome", "NOTHING_TO_VOID"));
    }

    @Test
    void aTransientProviderFailureIsThrownForTheStateMachineToRetry() {
        fixture.gateway.failNext(1);

        assertThatThrownBy(() -> handler.handleRequest(payload("CAPTURE", PAYMENT, 7597), null))
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void invalidInputIsRefusedWithTheFieldsNamedAndNoStackTrace() {
        Map<String, Object> payload = payload("CAPTURE", 12, 75.97);
        payload.put("unexpected", true);

        assertThatThrownBy(() -> handler.handleRequest(payload, null))
                .isInstanceOfSatisfying(InvalidPaymentRequestException.class, e -> {
                    assertThat(e.problems())
                            .containsExactlyInAnyOrder(
                                    "(a field): is not a known field",
                                    "paymentId: must be a string",
                                    "amountCents: must be a whole number");
                    assertThat(e.getStackTrace()).isEmpty();
                });
        assertThat(fixture.gateway.calls).isEmpty();
    }

    @Test
    void aMissingPayloadIsInvalid() {
        assertThatThrownBy(() -> handler.handleRequest(null, null))
                .isInstanceOf(InvalidPaymentRequestException.class)
                .hasMessageContaining("payload: must be a JSON object");
    }
}
