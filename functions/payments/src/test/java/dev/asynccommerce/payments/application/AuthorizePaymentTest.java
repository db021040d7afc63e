package dev.asynccommerce.payments.application;

import static dev.asynccommerce.payments.application.PaymentFixtures.ORDER;
import static dev.asynccommerce.payments.application.PaymentFixtures.TASK_TOKEN;
import static dev.asynccommerce.payments.application.PaymentFixtures.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.events.PaymentAuthorized;
import dev.asynccommerce.events.PaymentDeclined;
import dev.asynccommerce.events.PaymentFailed;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.PaymentLedger;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import dev.asynccommerce.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizePaymentTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T08:35:13Z");
    private final InMemoryPaymentLedgers ledgers = new InMemoryPaymentLedgers();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final RecordingCallbacks callbacks = new RecordingCallbacks();
    private final RecordingVisibility visibility = new RecordingVisibility();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final RecordingPaymentMetrics metrics = new RecordingPaymentMetrics();
    private final AuthorizePayment authorizePayment = new AuthorizePayment(
            ledgers,
            gateway,
            callbacks,
            visibility,
            new PaymentMessages(new SequentialIdentities()),
            ProviderRetry.standard(sleeper),
            RedeliveryPolicy.withMaxReceives(5),
            metrics,
            clock);

    private static Delivery delivery(int receiveCount) {
        return new Delivery("msg-1", "receipt-" + receiveCount, receiveCount);
    }

    private static final AuthorizationOutcome WALLET_AUTHORIZED = new AuthorizationOutcome.Authorized(
            new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1"), MethodType.WALLET, 1);

    @Test
    void theFirstApprovingMethodAuthorizesAndIsRecordedWithItsEvent() {
        AuthorizationResult result = authorizePayment.authorize(authorize(1, "ok_card"), delivery(1));

        AuthorizationOutcome.Authorized expected = new AuthorizationOutcome.Authorized(
                new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0"), MethodType.CARD, 0);
        assertThat(result).isEqualTo(new AuthorizationResult.Answered(expected));
        assertThat(metrics.fallbacks).as("the first method is no fallback").isEmpty();
        assertThat(result.redeliver()).isFalse();
        assertThat(callbacks.successes).containsExactly(new RecordingCallbacks.Success(TASK_TOKEN, expected));
        assertThat(gateway.calls).containsExactly("authorize ord_01jdq8r5w3k7m2n9p4t6v8x0zb:authorize:1:0");
        assertThat(ledgers.entries(ORDER)).hasSize(1).first().isInstanceOf(LedgerEntry.Authorized.class);
        EventDetail<?> event =
                EventJson.read("PaymentAuthorized", ledgers.outbox.getFirst().detailJson());
        assertThat(event.data())
                .isEqualTo(new PaymentAuthorized(
                        ORDER.value(), "pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0", 7597, "EUR", "CARD", 1));
        assertThat(event.metadata().correlationId()).isEqualTo(PaymentFixtures.CORRELATION_ID);
        assertThat(event.metadata().causationId()).isEqualTo("msg-1");
        assertThat(event.metadata().sequence()).isEqualTo(1);
        assertThat(ledgers.outbox.getFirst().source()).isEqualTo("commerce.payments");
    }

    @Test
    void aSoftDeclineFallsBackToTheNextMethodAndBothResultsArePublished() {
        AuthorizationResult result = authorizePayment.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(1));

        assertThat(result).isEqualTo(new AuthorizationResult.Answered(WALLET_AUTHORIZED));
        assertThat(metrics.fallbacks).containsExactly(ORDER);
        assertThat(ledgers.outbox)
                .extracting(OutboxMessage::detailType)
                .containsExactly("PaymentDeclined", "PaymentAuthorized");
        assertThat(EventJson.read("PaymentDeclined", ledgers.outbox.getFirst().detailJson())
                        .data())
                .isEqualTo(new PaymentDeclined(ORDER.value(), 7597, "EUR", "CARD", "SOFT", "insufficient_funds", 1));
        assertThat(ledgers.outbox).allSatisfy(m -> assertThat(m.detailJson()).doesNotContain("soft_card", "ok_wallet"));
    }

    @Test
    void aHardDeclineEndsTheAttemptWithoutTryingTheNextMethod() {
        AuthorizationResult result = authorizePayment.authorize(authorize(1, "hard_card", "ok_wallet"), delivery(1));

        AuthorizationOutcome declined = new AuthorizationOutcome.Declined("payment method declined (card_declined)");
        assertThat(result).isEqualTo(new AuthorizationResult.Answered(declined));
        assertThat(gateway.calls).hasSize(1);
        assertThat(callbacks.successes).containsExactly(new RecordingCallbacks.Success(TASK_TOKEN, declined));
    }

    @Test
    void aRedeliveredDecidedAttemptAnswersAgainWithoutCallingTheProvider() {
        authorizePayment.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(1));
        gateway.calls.clear();

        AuthorizationResult again = authorizePayment.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(2));

        assertThat(again).isEqualTo(new AuthorizationResult.Answered(WALLET_AUTHORIZED));
        assertThat(metrics.fallbacks)
                .as("a redelivery counts no second fallback")
                .containsExactly(ORDER);
        assertThat(gateway.calls).isEmpty();
        assertThat(ledgers.entries(ORDER)).hasSize(2);
        assertThat(callbacks.successes)
                .extracting(RecordingCallbacks.Success::outcome)
                .containsExactly(WALLET_AUTHORIZED, WALLET_AUTHORIZED);
    }

    @Test
    void aDeliveryGoesOnFromWhereAnEarlierOneStopped() {
        PaymentLedger ledger = PaymentLedger.empty(ORDER);
        LedgerEntry softDecline = ledger.authorizationResult(
                1,
                0,
                MethodType.CARD,
                Money.of(7597, "EUR"),
                new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds"),
                clock.instant());
        ledgers.append(
                ORDER, softDecline, new OutboxMessage("e", "s", "d", "{}", ORDER.value(), clock.instant(), null));

        authorizePayment.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(2));

        assertThat(gateway.calls).containsExactly("authorize ord_01jdq8r5w3k7m2n9p4t6v8x0zb:authorize:1:1");
    }

    @Test
    void aBriefOutageIsRiddenOutInProcess() {
        gateway.failNext(2);

        AuthorizationResult result = authorizePayment.authorize(authorize(1, "ok_card"), delivery(1));

        assertThat(result).isInstanceOf(AuthorizationResult.Answered.class);
        assertThat(gateway.calls).hasSize(3).containsOnly("authorize ord_01jdq8r5w3k7m2n9p4t6v8x0zb:authorize:1:0");
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(400));
    }

    @Test
    void aLongerOutageHandsTheMessageBackWithAGrowingDelayAndAnswersNothing() {
        gateway.failNext(3);
        AuthorizationResult first = authorizePayment.authorize(authorize(1, "ok_card"), delivery(1));
        gateway.failNext(3);
        AuthorizationResult third = authorizePayment.authorize(authorize(1, "ok_card"), delivery(3));

        assertThat(first).isEqualTo(new AuthorizationResult.RetryLater(Duration.ofSeconds(10)));
        assertThat(third).isEqualTo(new AuthorizationResult.RetryLater(Duration.ofSeconds(40)));
        assertThat(first.redeliver()).isTrue();
        assertThat(visibility.changes).containsExactly("receipt-1 PT10S", "receipt-3 PT40S");
        assertThat(callbacks.successes).isEmpty();
        assertThat(ledgers.entries(ORDER)).isEmpty();
    }

    @Test
    void theLastDeliveryRecordsAndAnswersFailedAndStillHandsTheMessageBack() {
        gateway.failNext(3);

        AuthorizationResult result = authorizePayment.authorize(authorize(1, "ok_card"), delivery(5));

        AuthorizationOutcome.Failed failed = new AuthorizationOutcome.Failed("payment provider unavailable");
        assertThat(result).isEqualTo(new AuthorizationResult.GaveUp(failed));
        assertThat(result.redeliver()).isTrue();
        assertThat(callbacks.successes).containsExactly(new RecordingCallbacks.Success(TASK_TOKEN, failed));
        assertThat(visibility.changes).isEmpty();
        assertThat(EventJson.read("PaymentFailed", ledgers.outbox.getFirst().detailJson())
                        .data())
                .isEqualTo(new PaymentFailed(ORDER.value(), 7597, "EUR", "provider unavailable after 5 deliveries", 1));
    }

    @Test
    void whenAnotherDeliveryWritesFirstItsDecisionIsAnswered() {
        AuthorizeRequest request = authorize(1, "ok_card");
        ledgers.beforeNextAppend(() -> ledgers.append(
                ORDER,
                PaymentLedger.empty(ORDER)
                        .authorizationResult(
                                1,
                                0,
                                MethodType.CARD,
                                request.amount(),
                                new ProviderAnswer.Approved(),
                                clock.instant()),
                new OutboxMessage("e", "s", "d", "{}", ORDER.value(), clock.instant(), null)));

        AuthorizationResult result = authorizePayment.authorize(request, delivery(1));

        assertThat(result).isInstanceOf(AuthorizationResult.Answered.class);
        assertThat(ledgers.entries(ORDER)).hasSize(1);
        assertThat(callbacks.successes).hasSize(1);
    }

    @Test
    void anUnusableMessageFailsItsTaskAtOnce() {
        AuthorizationResult result = authorizePayment.reject(TASK_TOKEN, "orderId: is required");

        assertThat(result).isEqualTo(new AuthorizationResult.Rejected("orderId: is required"));
        assertThat(result.redeliver()).isFalse();
        assertThat(callbacks.failures)
                .containsExactly(
                        new RecordingCallbacks.Failure(TASK_TOKEN, "Payment.InvalidRequest", "orderId: is required"));
    }

    @Test
    void aRequestNamesEveryBadFieldAndNeverItsTokens() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthorizeRequest.of(
                        "PAY",
                        "",
                        "order-1",
                        "has space",
                        0L,
                        -1L,
                        "eur",
                        List.of(new AuthorizeRequest.RawMethod("CASH", "tok secret"))))
                .isInstanceOfSatisfying(InvalidPaymentRequestException.class, e -> {
                    assertThat(e.problems())
                            .containsExactly(
                                    "command: must be AUTHORIZE",
                                    "taskToken: is required",
                                    "orderId: must be ord_ followed by 26 lower-case letters or digits",
                                    "correlationId: must be 1 to 128 printable ASCII characters without spaces",
                                    "attempt: must be a positive integer",
                                    "amountCents: must be between 0 and 9007199254740991",
                                    "currency: must be an ISO 4217 code such as EUR",
                                    "methods[0].type: must be CARD or WALLET",
                                    "methods[0].token: is not a provider token");
                    assertThat(e.getMessage()).doesNotContain("secret");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void aRequestNeedsOneToFiveMethods() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorize(1))
                .hasMessageContaining("methods: must hold at least one payment method");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorize(1, "a", "b", "c", "d", "e", "f"))
                .hasMessageContaining("methods: must hold at most 5 payment methods");
        assertThat(authorize(1, "ok_card").toString()).doesNotContain("ok_card", TASK_TOKEN);
    }

    @Test
    void aFallbackIsCountedOnceEvenWhenAnsweringTheWorkflowFailsAndTheMessageComesBack() {
        AuthorizePayment answeringFails = new AuthorizePayment(
                ledgers,
                gateway,
                new WorkflowCallbacks() {
                    @Override
                    public void succeed(String taskToken, AuthorizationOutcome outcome) {
                        throw new IllegalStateException("SendTaskSuccess throttled");
                    }

                    @Override
                    public void fail(String taskToken, String error, String cause) {}
                },
                visibility,
                new PaymentMessages(new SequentialIdentities()),
                ProviderRetry.standard(sleeper),
                RedeliveryPolicy.withMaxReceives(5),
                metrics,
                clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> answeringFails.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(1)))
                .isInstanceOf(IllegalStateException.class);
        authorizePayment.authorize(authorize(1, "soft_card", "ok_wallet"), delivery(2));

        assertThat(metrics.fallbacks).containsExactly(ORDER);
    }
}
