package dev.asynccommerce.localstack.eventbridge.delivery;

import java.util.Map;

/** Where events that could not be delivered go: a target's {@code DeadLetterConfig.Arn} (an SQS queue). */
@FunctionalInterface
public interface DeadLetterQueues {
    /**
     * Sends {@code body} to the queue with string message attributes.
     *
     * @throws DeliveryException when the queue cannot take it (the event is then dropped, as AWS does)
     */
    void send(String queueArn, String body, Map<String, String> attributes);

    /** As {@link #send(String, String, Map)}, with the event's trace header (may be null) on the message. */
    default void send(String queueArn, String body, Map<String, String> attributes, String traceHeader) {
        send(queueArn, body, attributes);
    }
}
