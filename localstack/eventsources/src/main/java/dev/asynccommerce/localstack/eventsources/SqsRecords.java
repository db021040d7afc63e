package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS messages as Lambda hands them to a function: the {@code Records} of an SQS event. */
final class SqsRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** System attributes in the order Lambda writes them; FIFO ones only when the queue sets them. */
    private static final List<String> ATTRIBUTES = List.of(
            "ApproximateReceiveCount",
            "AWSTraceHeader",
            "SentTimestamp",
            "SequenceNumber",
            "MessageGroupId",
            "SenderId",
            "MessageDeduplicationId",
            "ApproximateFirstReceiveTimestamp",
            "DeadLetterQueueSourceArn");

    private SqsRecords() {}

    static ObjectNode event(List<Message> messages, String queueArn, String region) {
        ObjectNode event = NODES.objectNode();
        ArrayNode records = event.putArray("Records");
        messages.forEach(m -> records.add(record(m, queueArn, region)));
        return event;
    }

    static ObjectNode record(Message message, String queueArn, String region) {
        ObjectNode record = NODES.objectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        Map<String, String> system = message.attributesAsStrings();
        for (String name : ATTRIBUTES) {
            String value = system.get(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        record.put("md5OfBody", message.md5OfBody());
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = NODES.objectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put(
                    "binaryValue",
                    Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        node.putArray("stringListValues");
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
        return node;
    }
}
