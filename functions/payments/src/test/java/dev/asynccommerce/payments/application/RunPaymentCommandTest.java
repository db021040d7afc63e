package dev.asynccommerce.payments.application;

import static dev.asynccommerce.payments.application.PaymentFixtures.ORDER;
import static dev.asynccommerce.payments.application.PaymentFixtures.authorize;
import static dev.asynccommerce.payments.application.PaymentFixtures.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.PaymentCaptured;
import dev.asynccommerce.events.PaymentRefunded;
import dev.asynccommerce.events.PaymentVoided;
import dev.asynccommerce.payments.domain.CommandOutcome;
import dev.asynccommerce.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunPaymentCommandTest {
    private static final String PAYMENT = "pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0";
    private static final CommandContext CONTEXT = new CommandContext("req-1", "invoke-1", null);

    private final MutableClock clock = MutableClock.at("2026-11-21T17:02:10Z");
    private final InMemoryPaymentLedgers ledgers = new InMemoryPaymentLedgers();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final PaymentMessages messages = new PaymentMessages(new SequentialIdentities());
    private final RunPaymentCommand run = new RunPaymentCommand(ledgers, gateway, messages, clock);

    @BeforeEach
    void authorizeFirst() {
        new AuthorizePayment(
                        ledgers,
                        gateway,
                        new RecordingCallbacks(),
                        new RecordingVisibility(),
                        messages,
                        ProviderRetry.standard(new RecordingSleeper()),
                        RedeliveryPolicy.withMaxReceives(5),
                        new RecordingPaymentMetrics(),
                        clock)
                .authorize(authorize(1, "ok_card"), new Delivery("m", "r", 1));
        gateway.calls.clear();
        ledgers.outbox.clear();
    }

    @Test
    void captureIsRecordedPublishedAndAnsweredOnceForRepeats() {
        assertThat(run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT)).isEqualTo(CommandOutcome.CAPTURED);
        assertThat(run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT)).isEqualTo(CommandOutcome.CAPTURED);

        assertThat(gateway.calls).containsExactly("capture ord_01jdq8r5w3k7m2n9p4t6v8x0zb:" + PAYMENT + ":capture");
        assertThat(ledgers.entries(ORDER)).hasSize(2);
        var event = EventJson.read("PaymentCaptured", ledgers.outbox.getFirst().detailJson());
        assertThat(event.data()).isEqualTo(new PaymentCaptured(ORDER.value(), PAYMENT, 7597, "EUR"));
        assertThat(event.metadata().sequence()).isEqualTo(2);
        assertThat(event.metadata().causationId()).isEqualTo("invoke-1");
    }

    @Test
    void voidWithoutAPaymentIdReleasesTheAuthorizationThenCaptureIsRefused() {
        assertThat(run.execute(command("VOID", null, 7597), CONTEXT)).isEqualTo(CommandOutcome.VOIDED);
        assertThat(run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT)).isEqualTo(CommandOutcome.ALREADY_VOIDED);

        assertThat(EventJson.read("PaymentVoided", ledgers.outbox.getFirst().detailJson())
                        .data())
                .isEqualTo(new PaymentVoided(ORDER.value(), PAYMENT, 7597, "EUR"));
        assertThat(gateway.calls).hasSize(1);
    }

    @Test
    void voidOfAnOrderWithoutAuthorizationHasNothingToVoid() {
        PaymentCommandRequest request =
                PaymentCommandRequest.of("VOID", "ord_0000000000000000000000000a", "req-1", null, 100L, "EUR", null);

        assertThat(run.execute(request, CONTEXT)).isEqualTo(CommandOutcome.NOTHING_TO_VOID);
        assertThat(gateway.calls).isEmpty();
    }

    @Test
    void refundAfterCaptureIsPublishedWithItsReason() {
        run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT);
        PaymentCommandRequest refund = PaymentCommandRequest.of(
                "REFUND", ORDER.value(), "req-1", PAYMENT, 4999L, "EUR", "item returned at the store");

        assertThat(run.execute(refund, CONTEXT)).isEqualTo(CommandOutcome.REFUNDED);
        assertThat(run.execute(refund, CONTEXT)).isEqualTo(CommandOutcome.REFUNDED);

        assertThat(EventJson.read("PaymentRefunded", ledgers.outbox.getLast().detailJson())
                        .data())
                .isEqualTo(new PaymentRefunded(
                        ORDER.value(),
                        PAYMENT,
                        "ref_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0",
                        4999,
                        "EUR",
                        "item returned at the store"));
        assertThat(gateway.calls).hasSize(2);
    }

    @Test
    void aTransientProviderFailureIsAnErrorAndWritesNothing() {
        gateway.failNext(1);

        assertThatThrownBy(() -> run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT))
                .isInstanceOf(PaymentProviderUnavailableException.class);
        assertThat(ledgers.entries(ORDER)).hasSize(1);
        assertThat(ledgers.outbox).isEmpty();
    }

    @Test
    void aProviderRefusalIsAnOutcomeAndWritesNothing() {
        gateway.declineCommands();

        assertThat(run.execute(command("CAPTURE", PAYMENT, 7597), CONTEXT))
                .isEqualTo(CommandOutcome.DECLINED_BY_PROVIDER);
        assertThat(ledgers.outbox).isEmpty();
    }

    @Test
    void aCommandNamesEveryBadField() {
        assertThatThrownBy(() -> PaymentCommandRequest.of("SETTLE", "x", null, "bad id", null, "EURO", ""))
                .isInstanceOfSatisfying(
                        InvalidPaymentRequestException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "command: must be CAPTURE, VOID or REFUND",
                                        "orderId: must be ord_ followed by 26 lower-case letters or digits",
                                        "correlationId: is required",
                                        "paymentId: is not a payment id",
                                        "amountCents: is required",
                                        "currency: must be an ISO 4217 code such as EUR",
                                        "reason: must be 1 to 200 characters without control characters"));
        assertThatThrownBy(() -> command("CAPTURE", null, 1))
                .hasMessageContaining("paymentId: is required for CAPTURE");
    }
}
