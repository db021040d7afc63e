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
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

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
     * Creates the queue; a queue of that name kept from an earlier run (a data directory) with other
     * attributes takes the template's, as a CloudFormation stack update would. SQS refuses CreateQueue
     * with QueueNameExists then (same name, other attributes); FifoQueue cannot change, and a change of
     * it fails the deployment with SQS's own error.
     */
    private String createOrUpdate(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes))
                    .queueUrl();
        } catch (QueueNameExistsException e) {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            Map<QueueAttributeName, String> changeable = new HashMap<>(attributes);
            changeable.remove(QueueAttributeName.FIFO_QUEUE);
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(changeable));
            return url;
        }
    }
}
