package dev.asynccommerce.localstack.eventsources;

import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An on-failure destination queue, found by its ARN on first use. */
final class Destination {
    private final SqsClient sqs;
    private final String queueName;
    private volatile String queueUrl;

    Destination(SqsClient sqs, String queueArn) {
        this.sqs = Objects.requireNonNull(sqs, "an SQS client is needed for the on-failure destination");
        this.queueName = queueArn.split(":", 6)[5];
    }

    void send(String body) {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
            queueUrl = url;
        }
        String target = url;
        sqs.sendMessage(b -> b.queueUrl(target).messageBody(body));
    }
}
