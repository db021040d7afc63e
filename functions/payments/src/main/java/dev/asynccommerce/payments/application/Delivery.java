package dev.asynccommerce.payments.application;

import java.util.Objects;

/**
 * One delivery of a queue message.
 *
 * @param receiveCount how many times the queue has handed out this message, this time included
 */
public record Delivery(String messageId, String receiptHandle, int receiveCount) {
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        if (receiveCount < 1) {
            throw new IllegalArgumentException("a delivered message was received at least once");
        }
    }
}
