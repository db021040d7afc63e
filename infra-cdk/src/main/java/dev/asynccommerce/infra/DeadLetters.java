package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Makes every dead-letter queue and failure destination the same way (encrypted, TLS only, 14 days)
 * and keeps the list, so that each gets its "not empty" alarm and the guardrails know it needs no
 * dead-letter queue of its own.
 */
public final class DeadLetters {
    /** Node metadata that marks a queue as a dead-letter queue or failure destination. */
    public static final String MARKER = "async-commerce:dead-letter-queue";

    private final List<Queue> queues = new ArrayList<>();

    public Queue create(Construct scope, String id, boolean fifo) {
        Queue.Builder builder = Queue.Builder.create(scope, id)
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
        if (fifo) {
            builder.fifo(true);
        }
        Queue queue = builder.build();
        queue.getNode().addMetadata(MARKER, true);
        NagSuppressions.addResourceSuppressions(
                queue,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SQS3")
                        .reason("This queue is itself a dead-letter queue or failure destination: what lands here"
                                + " is terminal, kept 14 days and alarmed when present")
                        .build()));
        queues.add(queue);
        return queue;
    }

    public List<Queue> all() {
        return List.copyOf(queues);
    }

    public static boolean isDeadLetterQueue(IConstruct construct) {
        return construct.getNode().getMetadata().stream().anyMatch(m -> MARKER.equals(m.getType()));
    }

    public static boolean isDeadLetterQueue(IQueue queue) {
        return isDeadLetterQueue((IConstruct) queue);
    }
}
