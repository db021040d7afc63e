package dev.asynccommerce.notifications.domain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of every customer notification: plain, short English. Written for the customer, so
 * operator vocabulary (reason codes, statuses) is translated, and nothing about payment methods
 * beyond what the customer must do.
 */
public final class CustomerMessages {
    /** Stores are not yet known by time zone here, so the deadline is stated in UTC, explicitly. */
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern(
                    "EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private CustomerMessages() {}

    public static Message compose(Occasion occasion) {
        return switch (occasion) {
            case Occasion.OrderConfirmed c ->
                new Message(
                        "Your order is confirmed",
                        "Good news: your order " + c.orderId() + " is confirmed. Store " + c.storeId()
                                + " is preparing it now, and we will write again as soon as it is ready"
                                + " for pickup.");
            case Occasion.ReadyForPickup r ->
                new Message(
                        "Your order is ready for pickup",
                        "Your order " + r.orderId() + " is ready for pickup at store " + r.storeId()
                                + ". Show this pickup code at the counter: "
                                + r.pickupCode().value() + ".");
            case Occasion.PickupReminder r ->
                new Message(
                        "Reminder: your order is waiting for you",
                        "Your order " + r.orderId() + " is still waiting for you at store " + r.storeId()
                                + ". Please collect it by " + DEADLINE.format(r.expiresAt())
                                + " with your pickup code. After that the order expires and you are not"
                                + " charged for it.");
            case Occasion.Expired e
            when e.awaitingPayment() ->
                new Message(
                        "Your order has expired",
                        "Your order " + e.orderId() + " has expired because we did not receive a payment"
                                + " method we could use in time. You have not been charged.");
            case Occasion.Expired e ->
                new Message(
                        "Your order has expired",
                        "Your order " + e.orderId() + " was not collected from store " + e.storeId()
                                + " in time, so it has expired. You have not been charged, and any hold on"
                                + " your payment is released.");
            case Occasion.Cancelled c ->
                new Message(
                        "Your order has been cancelled",
                        "Your order " + c.orderId() + " has been cancelled. "
                                + c.reason().forCustomer()
                                + " You will not be charged for it: any amount held is released.");
            case Occasion.PaymentFailed f ->
                new Message(
                        "Action needed: we could not take payment for your order",
                        "We could not authorize payment for your order " + f.orderId()
                                + ". Please add a new payment method to the order soon; you do not need"
                                + " to check out again. If we do not receive one in time, the order"
                                + " expires.");
        };
    }
}
