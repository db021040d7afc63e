package dev.asynccommerce.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CustomerMessagesTest {
    private static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    private static final StoreId STORE = new StoreId("store-001");

    @Test
    void confirmationSaysTheOrderIsConfirmedAndBeingPrepared() {
        Message message = CustomerMessages.compose(new Occasion.OrderConfirmed(ORDER, STORE));

        assertThat(message.subject()).isEqualTo("Your order is confirmed");
        assertThat(message.body())
                .contains("order ord_01jdq8r5w3k7m2n9p4t6v8x0zb is confirmed")
                .contains("Store store-001 is preparing it");
    }

    @Test
    void readyForPickupGivesThePickupCodeAndTheStore() {
        Message message = CustomerMessages.compose(new Occasion.ReadyForPickup(ORDER, STORE, new PickupCode("048213")));

        assertThat(message.subject()).isEqualTo("Your order is ready for pickup");
        assertThat(message.body())
                .contains("ready for pickup at store store-001")
                .contains("pickup code at the counter: 048213.");
    }

    @Test
    void reminderStatesTheDeadlineInWordsAndUtc() {
        Message message = CustomerMessages.compose(
                new Occasion.PickupReminder(ORDER, STORE, Instant.parse("2026-11-24T09:10:41Z")));

        assertThat(message.subject()).isEqualTo("Reminder: your order is waiting for you");
        assertThat(message.body())
                .contains("still waiting for you at store store-001")
                .contains("collect it by Tuesday 24 November 2026 at 09:10 UTC")
                .contains("After that the order expires");
    }

    @Test
    void expiryAfterTheWindowSaysTheOrderWasNotCollected() {
        Message message = CustomerMessages.compose(new Occasion.Expired(ORDER, STORE, false));

        assertThat(message.subject()).isEqualTo("Your order has expired");
        assertThat(message.body())
                .contains("was not collected from store store-001 in time")
                .contains("You have not been charged");
    }

    @Test
    void expiryWhileWaitingForPaymentSaysNoPaymentMethodCameInTime() {
        Message message = CustomerMessages.compose(new Occasion.Expired(ORDER, STORE, true));

        assertThat(message.body())
                .contains("did not receive a payment method we could use in time")
                .doesNotContain("not collected");
    }

    @ParameterizedTest
    @EnumSource(CancellationReason.class)
    void cancellationExplainsEveryReasonInCustomerWords(CancellationReason reason) {
        Message message = CustomerMessages.compose(new Occasion.Cancelled(ORDER, STORE, reason));

        assertThat(message.subject()).isEqualTo("Your order has been cancelled");
        assertThat(message.body())
                .contains("order ord_01jdq8r5w3k7m2n9p4t6v8x0zb has been cancelled. " + reason.forCustomer())
                .contains("You will not be charged")
                .doesNotContain(reason.name());
    }

    @Test
    void everyReasonHasItsOwnSentence() {
        assertThat(Arrays.stream(CancellationReason.values())
                        .map(CancellationReason::forCustomer)
                        .collect(Collectors.toSet()))
                .hasSize(CancellationReason.values().length);
        assertThat(CancellationReason.SHORT_PICK.forCustomer())
                .isEqualTo("The store could not find every item you ordered.");
        assertThat(CancellationReason.CUSTOMER_REQUESTED.forCustomer()).isEqualTo("We cancelled it as you asked.");
    }

    @Test
    void unknownReasonNamesReadAsOther() {
        assertThat(CancellationReason.fromEventName("OUT_OF_STOCK")).isEqualTo(CancellationReason.OUT_OF_STOCK);
        assertThat(CancellationReason.fromEventName("SOMETHING_NEW")).isEqualTo(CancellationReason.OTHER);
        assertThat(CancellationReason.fromEventName("OTHER")).isEqualTo(CancellationReason.OTHER);
        assertThat(CancellationReason.fromEventName(null)).isEqualTo(CancellationReason.OTHER);
    }

    @Test
    void paymentFailureInvitesANewPaymentMethodWithoutANewCheckout() {
        Message message = CustomerMessages.compose(new Occasion.PaymentFailed(ORDER));

        assertThat(message.subject()).startsWith("Action needed");
        assertThat(message.body())
                .contains("could not authorize payment for your order ord_01jdq8r5w3k7m2n9p4t6v8x0zb")
                .contains("add a new payment method")
                .contains("do not need to check out again");
    }

    @Test
    void messageKeepsItsBodyOutOfToString() {
        Message message = CustomerMessages.compose(new Occasion.ReadyForPickup(ORDER, STORE, new PickupCode("048213")));

        assertThat(message.toString()).doesNotContain("048213").contains("Your order is ready for pickup");
        assertThat(new PickupCode("048213").toString()).doesNotContain("048213");
    }
}
