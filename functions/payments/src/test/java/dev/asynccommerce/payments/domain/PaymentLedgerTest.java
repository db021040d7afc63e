package dev.asynccommerce.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentLedgerTest {
    static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    static final Money AMOUNT = Money.of(7597, "EUR");
    static final Instant AT = Instant.parse("2026-11-21T08:35:13Z");
    static final ProviderAnswer APPROVED = new ProviderAnswer.Approved();
    static final ProviderAnswer SOFT = new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds");
    static final ProviderAnswer HARD = new ProviderAnswer.Declined(DeclineKind.HARD, "card_declined");

    private PaymentLedger ledger = PaymentLedger.empty(ORDER);

    private void record(int attempt, int index, MethodType type, ProviderAnswer answer) {
        ledger = ledger.with(ledger.authorizationResult(attempt, index, type, AMOUNT, answer, AT));
    }

    private PaymentId authorized() {
        record(1, 0, MethodType.CARD, APPROVED);
        return PaymentId.forAuthorization(ORDER, 1, 0);
    }

    private void apply(PaymentCommand command, PaymentId paymentId, Money amount) {
        CommandStep.CallProvider call = (CommandStep.CallProvider) ledger.nextCommandStep(command, paymentId, amount);
        ledger = ledger.with(ledger.commandResult(command, call, "returned", AT));
    }

    @Test
    void aNewAttemptTriesTheFirstMethod() {
        assertThat(ledger.nextAuthorizationStep(1, 2)).isEqualTo(new AuthorizationStep.TryMethod(0));
    }

    @Test
    void aSoftDeclineMovesOnToTheNextMethod() {
        record(1, 0, MethodType.CARD, SOFT);

        assertThat(ledger.nextAuthorizationStep(1, 2)).isEqualTo(new AuthorizationStep.TryMethod(1));
    }

    @Test
    void aHardDeclineEndsTheAttemptWithoutTryingTheRemainingMethods() {
        record(1, 0, MethodType.CARD, HARD);

        assertThat(ledger.nextAuthorizationStep(1, 3))
                .isEqualTo(new AuthorizationStep.Decided(
                        new AuthorizationOutcome.Declined("payment method declined (card_declined)")));
    }

    @Test
    void anApprovalDecidesTheAttemptWithAPaymentIdDerivedFromOrderAttemptAndMethod() {
        record(2, 0, MethodType.CARD, SOFT);
        record(2, 1, MethodType.WALLET, APPROVED);

        assertThat(ledger.nextAuthorizationStep(2, 2))
                .isEqualTo(new AuthorizationStep.Decided(new AuthorizationOutcome.Authorized(
                        new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-2-1"), MethodType.WALLET, 1)));
    }

    @Test
    void anAttemptWhoseEveryMethodDeclinedSoftlyIsDeclined() {
        record(1, 0, MethodType.CARD, SOFT);
        record(1, 1, MethodType.WALLET, SOFT);

        assertThat(ledger.nextAuthorizationStep(1, 2))
                .isEqualTo(new AuthorizationStep.Decided(
                        new AuthorizationOutcome.Declined("every payment method was declined (insufficient_funds)")));
    }

    @Test
    void aFailedAttemptIsAnsweredFailedAgain() {
        ledger = ledger.with(ledger.failure(1, 0, AMOUNT, "provider unavailable after 5 deliveries", AT));

        assertThat(ledger.nextAuthorizationStep(1, 2))
                .isEqualTo(
                        new AuthorizationStep.Decided(new AuthorizationOutcome.Failed("payment provider unavailable")));
    }

    @Test
    void aNewAttemptStartsAfreshAfterADeclinedOne() {
        record(1, 0, MethodType.CARD, HARD);

        assertThat(ledger.nextAuthorizationStep(2, 1)).isEqualTo(new AuthorizationStep.TryMethod(0));
    }

    @Test
    void entriesAreNumberedInOrderAndCarryTheProviderKey() {
        record(1, 0, MethodType.CARD, SOFT);
        record(1, 1, MethodType.WALLET, APPROVED);

        assertThat(ledger.entries())
                .extracting(LedgerEntry::sequence, LedgerEntry::idempotencyKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:authorize:1:0"),
                        org.assertj.core.groups.Tuple.tuple(2L, "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:authorize:1:1"));
        assertThat(ledger.version()).isEqualTo(2);
    }

    @Test
    void anEntryOutOfSequenceIsRefused() {
        LedgerEntry first = ledger.authorizationResult(1, 0, MethodType.CARD, AMOUNT, SOFT, AT);
        ledger = ledger.with(first);

        assertThatThrownBy(() -> ledger.with(first)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentLedger(ORDER, List.of(first, first)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void captureNeedsAnAuthorization() {
        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, new PaymentId("pay_x-1-0"), AMOUNT))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.NOT_AUTHORIZED));
    }

    @Test
    void captureOfAnAuthorizationCallsTheProviderWithAKeyPerPaymentAndCommand() {
        PaymentId payment = authorized();

        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, payment, AMOUNT))
                .isEqualTo(new CommandStep.CallProvider(
                        payment, AMOUNT, "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0:capture"));
    }

    @Test
    void aRepeatedCaptureIsAnsweredFromTheLedger() {
        PaymentId payment = authorized();
        apply(PaymentCommand.CAPTURE, payment, AMOUNT);

        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, payment, AMOUNT))
                .isEqualTo(new CommandStep.Repeat(CommandOutcome.CAPTURED));
    }

    @Test
    void captureRefusesMoreThanWasAuthorizedOrAnotherCurrency() {
        PaymentId payment = authorized();

        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, payment, Money.of(7598, "EUR")))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.AMOUNT_MISMATCH));
        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, payment, Money.of(7597, "USD")))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.AMOUNT_MISMATCH));
    }

    @Test
    void aVoidedAuthorizationCannotBeCaptured() {
        PaymentId payment = authorized();
        apply(PaymentCommand.VOID, payment, AMOUNT);

        assertThat(ledger.nextCommandStep(PaymentCommand.CAPTURE, payment, AMOUNT))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.ALREADY_VOIDED));
    }

    @Test
    void voidWithNothingAuthorizedHasNothingToVoid() {
        record(1, 0, MethodType.CARD, HARD);

        assertThat(ledger.nextCommandStep(PaymentCommand.VOID, null, AMOUNT))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.NOTHING_TO_VOID));
    }

    @Test
    void voidWithoutAPaymentIdReleasesTheWholeLatestAuthorization() {
        PaymentId payment = authorized();

        assertThat(ledger.nextCommandStep(PaymentCommand.VOID, null, Money.of(1, "EUR")))
                .isEqualTo(new CommandStep.CallProvider(
                        payment, AMOUNT, "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0:void"));
    }

    @Test
    void aCapturedPaymentIsNotVoidedAndARepeatedVoidIsAnsweredFromTheLedger() {
        PaymentId captured = authorized();
        apply(PaymentCommand.CAPTURE, captured, AMOUNT);
        assertThat(ledger.nextCommandStep(PaymentCommand.VOID, captured, AMOUNT))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.ALREADY_CAPTURED));

        ledger = PaymentLedger.empty(ORDER);
        PaymentId voided = authorized();
        apply(PaymentCommand.VOID, voided, AMOUNT);
        assertThat(ledger.nextCommandStep(PaymentCommand.VOID, voided, AMOUNT))
                .isEqualTo(new CommandStep.Repeat(CommandOutcome.VOIDED));
    }

    @Test
    void refundNeedsACaptureAndHappensOnce() {
        PaymentId payment = authorized();
        assertThat(ledger.nextCommandStep(PaymentCommand.REFUND, payment, AMOUNT))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.NOTHING_TO_REFUND));

        apply(PaymentCommand.CAPTURE, payment, AMOUNT);
        assertThat(ledger.nextCommandStep(PaymentCommand.REFUND, payment, Money.of(7598, "EUR")))
                .isEqualTo(new CommandStep.Refuse(CommandOutcome.AMOUNT_MISMATCH));
        apply(PaymentCommand.REFUND, payment, Money.of(4999, "EUR"));

        assertThat(ledger.nextCommandStep(PaymentCommand.REFUND, payment, Money.of(4999, "EUR")))
                .isEqualTo(new CommandStep.Repeat(CommandOutcome.REFUNDED));
        assertThat(ledger.entries().getLast())
                .isEqualTo(new LedgerEntry.Refunded(
                        3,
                        AT,
                        payment,
                        "ref_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0",
                        "returned",
                        Money.of(4999, "EUR"),
                        "ord_01jdq8r5w3k7m2n9p4t6v8x0zb:pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-0:refund"));
    }
}
