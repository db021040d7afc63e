package dev.asynccommerce.payments.application;

import static dev.asynccommerce.payments.application.PaymentFixtures.ORDER;
import static dev.asynccommerce.payments.application.PaymentFixtures.authorize;
import static dev.asynccommerce.payments.application.PaymentFixtures.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class ListLedgerEntriesTest {
    private final MutableClock clock = MutableClock.at("2026-11-21T08:35:13Z");
    private final InMemoryPaymentLedgers ledgers = new InMemoryPaymentLedgers();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final PaymentMessages messages = new PaymentMessages(new SequentialIdentities());

    @Test
    void listsEveryProviderCallOfTheOrderOldestFirst() {
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
                .authorize(authorize(1, "soft_card", "ok_wallet"), new Delivery("m", "r", 1));
        new RunPaymentCommand(ledgers, gateway, messages, clock)
                .execute(
                        command("CAPTURE", "pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1", 7597),
                        new CommandContext("c", "c", null));

        assertThat(new ListLedgerEntries(ledgers).execute(ORDER.value()))
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Declined", "Authorized", "Captured");
        assertThat(new ListLedgerEntries(ledgers).execute(ORDER.value()))
                .extracting(LedgerEntry::sequence)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void anOrderWithoutPaymentsHasAnEmptyLedger() {
        assertThat(new ListLedgerEntries(ledgers).execute("ord_0000000000000000000000000a"))
                .isEmpty();
    }

    @Test
    void refusesWhatIsNotAnOrderId() {
        assertThatThrownBy(() -> new ListLedgerEntries(ledgers).execute("ORDER#1"))
                .isInstanceOf(InvalidPaymentRequestException.class);
    }
}
