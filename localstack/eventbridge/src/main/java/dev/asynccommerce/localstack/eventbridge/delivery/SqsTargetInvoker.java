package dev.asynccommerce.localstack.eventbridge.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS targets and dead-letter queues through the real SDK client, pointed at whatever serves SQS (the
 * stack's ElasticMQ). The queue URL is looked up by the name in the ARN on every send, so a queue
 * created or re-created later is found.
 *
 * <p>A FIFO target sends with {@code SqsParameters.MessageGroupId} and no deduplication id: the queue's
 * content-based deduplication provides it (PutTargets already refuses a FIFO target without a group).
 */
public final class SqsTargetInvoker implements TargetInvoker, DeadLetterQueues {
    private final SqsClient sqs;

    public SqsTargetInvoker(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void deliver(TargetRequest request) {
        SendMessageRequest.Builder send = SendMessageRequest.builder().messageBody(request.input());
        request.messageGroupId().ifPresent(send::messageGroupId);
        traced(send, request.traceHeader());
        call(request.targetArn(), url -> sqs.sendMessage(send.queueUrl(url).build()));
    }

    @Override
    public void send(String queueArn, String body, Map<String, String> attributes) {
        send(queueArn, body, attributes, null);
    }

    @Override
    public void send(String queueArn, String body, Map<String, String> attributes, String traceHeader) {
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(
                name,
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(value)
                        .build()));
        SendMessageRequest.Builder send =
                SendMessageRequest.builder().messageBody(body).messageAttributes(values);
        traced(send, traceHeader);
        call(queueArn, url -> sqs.sendMessage(send.queueUrl(url).build()));
    }

    /** The event's trace travels as the message's AWSTraceHeader system attribute, as on AWS. */
    private static void traced(SendMessageRequest.Builder send, String traceHeader) {
        if (traceHeader != null) {
            send.messageSystemAttributes(Map.of(
                    MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                    MessageSystemAttributeValue.builder()
                            .dataType("String")
                            .stringValue(traceHeader)
                            .build()));
        }
    }

    private void call(String queueArn, java.util.function.Consumer<String> send) {
        String name = queueName(queueArn);
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            send.accept(url);
        } catch (QueueDoesNotExistException e) {
            throw DeliveryException.permanent("NO_RESOURCE", "Queue " + queueArn + " does not exist", e);
        } catch (SqsException e) {
            throw classify(queueArn, e);
        } catch (SdkClientException e) {
            throw DeliveryException.retryable("SDK_CLIENT_ERROR", "Could not reach SQS: " + e.getMessage(), e);
        }
    }

    private static DeliveryException classify(String queueArn, SqsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        if (code != null && code.contains("NonExistentQueue")) {
            return DeliveryException.permanent("NO_RESOURCE", "Queue " + queueArn + " does not exist", e);
        }
        if (e.isThrottlingException()) {
            return DeliveryException.retryable("THROTTLING", message, e);
        }
        if (e.statusCode() >= 500) {
            return DeliveryException.retryable("INTERNAL_ERROR", message, e);
        }
        return DeliveryException.permanent("INVALID_PARAMETER", message, e);
    }

    /** The queue name is the last field of {@code arn:aws:sqs:<region>:<account>:<name>}. */
    static String queueName(String queueArn) {
        String[] parts = queueArn.split(":", 6);
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            throw DeliveryException.permanent("INVALID_PARAMETER", "Not an SQS queue ARN: " + queueArn);
        }
        return parts[5];
    }
}
