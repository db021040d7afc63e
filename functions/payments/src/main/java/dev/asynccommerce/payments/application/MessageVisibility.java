package dev.asynccommerce.payments.application;

import java.time.Duration;

/** Postpones the next delivery of a queue message that will be handed back unprocessed. */
public interface MessageVisibility {

    void delayRedelivery(String receiptHandle, Duration delay);
}
