package dev.asynccommerce.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB stream records as a Lambda function receives them.
 *
 * <p>Converts the SDK v2 records of {@code GetRecords} into the {@link DynamodbEvent} that the
 * Lambda service hands a function on a DynamoDB event-source mapping: the record fields as they
 * are, {@code eventSourceARN} = the stream ARN, every attribute value kind carried over. Also
 * reads a table's whole stream from {@code TRIM_HORIZON}, for tests and for the local stack's
 * event-source mappings.
 */
public final class StreamEvents {
    /** Guards against a stream that never reports being caught up. */
    private static final int MAX_PAGES_PER_SHARD = 10_000;

    private StreamEvents() {}

    /** The ARN of the table's current stream; fails when the table has no stream. */
    public static String latestStreamArn(DynamoDbClient dynamo, String tableName) {
        String arn = dynamo.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + tableName + " has no stream");
        }
        return arn;
    }

    /** Every record of the table's stream so far, as one Lambda event. */
    public static DynamodbEvent readTable(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String tableName) {
        String streamArn = latestStreamArn(dynamo, tableName);
        return toDynamodbEvent(streamArn, readAll(streams, streamArn));
    }

    /**
     * Every record of the stream so far, in order: shards parents first, each from {@code
     * TRIM_HORIZON} until it is closed or a read returns nothing (caught up).
     */
    public static List<Record> readAll(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : parentsFirst(shards(streams, streamArn))) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            for (int page = 0; iterator != null && page < MAX_PAGES_PER_SHARD; page++) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
                records.addAll(response.records());
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }

    public static DynamodbEvent toDynamodbEvent(String streamArn, List<Record> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(r -> toLambdaRecord(streamArn, r)).toList());
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord toLambdaRecord(String streamArn, Record record) {
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource(record.eventSource());
        lambda.setAwsRegion(record.awsRegion());
        lambda.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setPrincipalId(record.userIdentity().principalId());
            identity.setType(record.userIdentity().type());
            lambda.setUserIdentity(identity);
        }
        if (record.dynamodb() != null) {
            lambda.setDynamodb(toLambdaStreamRecord(record.dynamodb()));
        }
        return lambda;
    }

    private static StreamRecord toLambdaStreamRecord(software.amazon.awssdk.services.dynamodb.model.StreamRecord sdk) {
        StreamRecord lambda = new StreamRecord();
        if (sdk.approximateCreationDateTime() != null) {
            lambda.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));
        }
        if (sdk.hasKeys()) {
            lambda.setKeys(toLambdaAttributes(sdk.keys()));
        }
        if (sdk.hasNewImage()) {
            lambda.setNewImage(toLambdaAttributes(sdk.newImage()));
        }
        if (sdk.hasOldImage()) {
            lambda.setOldImage(toLambdaAttributes(sdk.oldImage()));
        }
        lambda.setSequenceNumber(sdk.sequenceNumber());
        lambda.setSizeBytes(sdk.sizeBytes());
        if (sdk.streamViewTypeAsString() != null) {
            lambda.setStreamViewType(StreamViewType.fromValue(sdk.streamViewTypeAsString()));
        }
        return lambda;
    }

    public static Map<String, AttributeValue> toLambdaAttributes(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> attributes) {
        Map<String, AttributeValue> lambda = new LinkedHashMap<>();
        attributes.forEach((name, value) -> lambda.put(name, toLambdaAttribute(value)));
        return lambda;
    }

    public static AttributeValue toLambdaAttribute(
            software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue lambda = new AttributeValue();
        switch (value.type()) {
            case S -> lambda.setS(value.s());
            case N -> lambda.setN(value.n());
            case B -> lambda.setB(buffer(value.b()));
            case SS -> lambda.setSS(value.ss());
            case NS -> lambda.setNS(value.ns());
            case BS ->
                lambda.setBS(value.bs().stream().map(StreamEvents::buffer).toList());
            case M -> lambda.setM(toLambdaAttributes(value.m()));
            case L ->
                lambda.setL(
                        value.l().stream().map(StreamEvents::toLambdaAttribute).toList());
            case BOOL -> lambda.setBOOL(value.bool());
            case NUL -> lambda.setNULL(value.nul());
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalArgumentException("attribute value of a kind this SDK does not know: " + value);
        }
        return lambda;
    }

    private static ByteBuffer buffer(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }

    private static List<Shard> shards(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            DescribeStreamResponse response =
                    streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(exclusiveStart));
            shards.addAll(response.streamDescription().shards());
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    /** Orders shards so that a child comes after its parent, as stream order requires. */
    private static List<Shard> parentsFirst(List<Shard> shards) {
        Set<String> ids = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        Deque<Shard> ready = new ArrayDeque<>();
        shards.stream()
                .filter(s -> s.parentShardId() == null || !ids.contains(s.parentShardId()))
                .forEach(ready::add);
        List<Shard> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            Shard shard = ready.removeFirst();
            ordered.add(shard);
            shards.stream()
                    .filter(s -> Objects.equals(s.parentShardId(), shard.shardId()))
                    .forEach(ready::addLast);
        }
        return ordered;
    }
}
