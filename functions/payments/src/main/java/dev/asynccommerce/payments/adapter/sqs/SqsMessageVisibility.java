package dev.asynccommerce.payments.adapter.sqs;

import dev.asynccommerce.payments.application.MessageVisibility;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Postpones a message's next delivery with {@code ChangeMessageVisibility} on the payments queue.
 * Needs {@code sqs:ChangeMessageVisibility} on that queue.
 */
public final class SqsMessageVisibility implements MessageVisibility {
    /** SQS's ceiling for a visibility timeout. */
    private static final long MAX_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageVisibility(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void delayRedelivery(String receiptHandle, Duration delay) {
        int seconds = (int) Math.min(Math.max(delay.toSeconds(), 0), MAX_SECONDS);
        sqs.changeMessageVisibility(
                b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }
}
