package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.deployer.ResourceDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** AWS::SQS::Queue in ElasticMQ: timeouts, retention, FIFO and redrive to the dead-letter queue. */
public final class SqsQueues implements Provisioner {
    private static final Map<String, QueueAttributeName> ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
    private static final Set<String> NO_LOCAL_MEANING = Set.of(
            "SqsManagedSseEnabled",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "Tags",
            "DeduplicationScope",
            "FifoThroughputLimit");

    /**
     * SQS's defaults for the attributes a template may leave out. Not RedrivePolicy: ElasticMQ refuses
     * the empty policy that would remove one, so a kept queue keeps a redrive policy its template dropped.
     */
    private static final Map<QueueAttributeName, String> DEFAULTS = Map.of(
            QueueAttributeName.VISIBILITY_TIMEOUT, "30",
            QueueAttributeName.MESSAGE_RETENTION_PERIOD, "345600",
            QueueAttributeName.DELAY_SECONDS, "0",
            QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");

    private final SqsClient sqs;
    private final Consumer<String> notEmulated;

    public SqsQueues(SqsClient sqs, Consumer<String> notEmulated) {
        this.sqs = sqs;
        this.notEmulated = notEmulated;
    }

    @Override
    public Provisioned create(ResourceDefinition resource, JsonNode p, Provisioned named) {
        Set<String> honoured = new java.util.HashSet<>(ATTRIBUTES.keySet());
        honoured.addAll(Set.of("QueueName", "RedrivePolicy"));
        Properties.check(resource, p, honoured, NO_LOCAL_MEANING).forEach(notEmulated);
        String name = named.attributes().get("QueueName");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        ATTRIBUTES.forEach((property, attribute) -> {
            if (p.has(property)) {
                attributes.put(attribute, p.get(property).asText());
            }
        });
        if (p.has("RedrivePolicy")) {
            JsonNode redrive = p.get("RedrivePolicy");
            attributes.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\""
                            + redrive.path("deadLetterTargetArn").asText() + "\",\"maxReceiveCount\":\""
                            + redrive.path("maxReceiveCount").asText() + "\"}");
        }
        String url = createOrUpdate(name, attributes);
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new Provisioned(url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    /**
     * Creates the queue, or, for a queue of that name kept from an earlier run (a data directory), sets
     * the template's attributes on it as a CloudFormation stack update would: what the template no longer
     * sets goes back to SQS's default ({@link #DEFAULTS}). FifoQueue cannot change (a FIFO queue's name
     * ends in .fifo).
     */
    private String createOrUpdate(String name, Map<QueueAttributeName, String> attributes) {
        String kept;
        try {
            kept = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes))
                    .queueUrl();
        }
        Map<QueueAttributeName, String> wanted = new HashMap<>(DEFAULTS);
        wanted.putAll(attributes);
        wanted.remove(QueueAttributeName.FIFO_QUEUE);
        Map<QueueAttributeName, String> now = sqs.getQueueAttributes(
                        b -> b.queueUrl(kept).attributeNames(QueueAttributeName.ALL))
                .attributes();
        // Only what changed: ElasticMQ refuses to set some attributes again at all (ContentBasedDeduplication),
        // so an unchanged one must not be sent; a changed one it refuses fails the deployment with its error.
        Map<QueueAttributeName, String> changed = new HashMap<>();
        wanted.forEach((attribute, value) -> {
            if (!value.equals(now.get(attribute))) {
                changed.put(attribute, value);
            }
        });
        if (!changed.isEmpty()) {
            sqs.setQueueAttributes(b -> b.queueUrl(kept).attributes(changed));
        }
        return kept;
    }
}
