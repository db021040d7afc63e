package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * DynamoDB stream records as Lambda hands them to a function: the {@code Records} of a DynamoDB
 * event, with {@code eventSourceARN} = the mapping's stream ARN, {@code awsRegion} = the stack's
 * region, {@code ApproximateCreationDateTime} in epoch seconds and binary values in base64.
 */
final class StreamRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamRecords() {}

    static ObjectNode event(List<Record> records, String streamArn, String region) {
        ObjectNode event = NODES.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(record(r, streamArn, region)));
        return event;
    }

    static ObjectNode record(Record record, String streamArn, String region) {
        ObjectNode node = NODES.objectNode();
        node.put("eventID", record.eventID());
        node.put("eventName", record.eventNameAsString());
        node.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", region);
        StreamRecord data = record.dynamodb();
        if (data != null) {
            ObjectNode dynamodb = node.putObject("dynamodb");
            if (data.approximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        data.approximateCreationDateTime().getEpochSecond());
            }
            if (data.hasKeys()) {
                dynamodb.set("Keys", item(data.keys()));
            }
            if (data.hasNewImage()) {
                dynamodb.set("NewImage", item(data.newImage()));
            }
            if (data.hasOldImage()) {
                dynamodb.set("OldImage", item(data.oldImage()));
            }
            dynamodb.put("SequenceNumber", data.sequenceNumber());
            if (data.sizeBytes() != null) {
                dynamodb.put("SizeBytes", data.sizeBytes());
            }
            if (data.streamViewTypeAsString() != null) {
                dynamodb.put("StreamViewType", data.streamViewTypeAsString());
            }
        }
        if (record.userIdentity() != null) {
            ObjectNode identity = node.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        node.put("eventSourceARN", streamArn);
        return node;
    }

    static ObjectNode item(Map<String, AttributeValue> attributes) {
        ObjectNode node = NODES.objectNode();
        attributes.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    static ObjectNode value(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode array = node.putArray("BS");
                value.bs().forEach(b -> array.add(base64(b)));
            }
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode array = node.putArray("L");
                value.l().forEach(v -> array.add(value(v)));
            }
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalArgumentException("an attribute value of a kind this SDK does not know");
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
