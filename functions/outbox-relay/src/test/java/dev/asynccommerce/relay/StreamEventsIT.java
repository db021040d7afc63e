package dev.asynccommerce.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.StreamEvents;
import dev.asynccommerce.testkit.TestTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The testkit's stream-to-Lambda conversion, against a real DynamoDB Local stream. */
class StreamEventsIT {
    private static final software.amazon.awssdk.services.dynamodb.model.AttributeValue KEY =
            sdk().s("item-1").build();

    private final DynamoDbClient dynamo = DynamoDbLocal.shared().client();
    private final DynamoDbStreamsClient streams = DynamoDbLocal.shared().streamsClient();
    private String tableName;

    @BeforeEach
    void createTable() {
        tableName = TestTable.named("stream-events").withStream().create(dynamo);
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(tableName));
        streams.close();
        dynamo.close();
    }

    @Test
    void convertsInsertModifyAndRemoveWithEveryAttributeKind() {
        dynamo.putItem(b -> b.tableName(tableName).item(everyKind()));
        dynamo.updateItem(b -> b.tableName(tableName)
                .key(Map.of("pk", KEY))
                .updateExpression("SET s = :s")
                .expressionAttributeValues(Map.of(":s", sdk().s("changed").build())));
        dynamo.deleteItem(b -> b.tableName(tableName).key(Map.of("pk", KEY)));

        String streamArn = StreamEvents.latestStreamArn(dynamo, tableName);
        DynamodbEvent event = StreamEvents.readTable(dynamo, streams, tableName);

        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        assertThat(records).extracting(r -> r.getEventName()).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getEventSourceARN()).isEqualTo(streamArn);
            assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
            assertThat(r.getEventID()).isNotBlank();
            assertThat(r.getEventVersion()).isNotBlank();
            assertThat(r.getAwsRegion()).isNotBlank();
            assertThat(r.getDynamodb().getKeys()).containsOnlyKeys("pk");
            assertThat(r.getDynamodb().getKeys().get("pk").getS()).isEqualTo("item-1");
            assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
            assertThat(r.getDynamodb().getSizeBytes()).isPositive();
            assertThat(r.getDynamodb().getApproximateCreationDateTime()).isNotNull();
        });
        assertThat(records)
                .extracting(r -> new BigInteger(r.getDynamodb().getSequenceNumber()))
                .isSorted()
                .doesNotHaveDuplicates();

        Map<String, AttributeValue> inserted = records.getFirst().getDynamodb().getNewImage();
        assertThat(records.getFirst().getDynamodb().getOldImage()).isNull();
        assertThat(inserted.get("s").getS()).isEqualTo("text é");
        assertThat(inserted.get("n").getN()).isEqualTo("-12.5");
        assertThat(bytes(inserted.get("b").getB())).isEqualTo(new byte[] {0, 1, 2, (byte) 255});
        assertThat(inserted.get("ss").getSS()).containsExactlyInAnyOrder("a", "b");
        assertThat(inserted.get("ns").getNS()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(inserted.get("bs").getBS())
                .extracting(StreamEventsIT::bytes)
                .containsExactlyInAnyOrder(new byte[] {1}, new byte[] {2, 3});
        assertThat(inserted.get("bool").getBOOL()).isTrue();
        assertThat(inserted.get("null").getNULL()).isTrue();
        AttributeValue map = inserted.get("m");
        assertThat(map.getM()).containsOnlyKeys("inner", "list");
        assertThat(map.getM().get("inner").getS()).isEqualTo("deep");
        assertThat(map.getM().get("list").getL()).isEmpty();
        assertThat(inserted.get("l").getL())
                .satisfiesExactly(
                        first -> assertThat(first.getS()).isEqualTo("x"),
                        second -> assertThat(second.getN()).isEqualTo("7"),
                        third -> assertThat(third.getM().get("k").getBOOL()).isFalse());
        assertThat(inserted.get("emptyMap").getM()).isEmpty();

        DynamodbEvent.DynamodbStreamRecord modify = records.get(1);
        assertThat(modify.getDynamodb().getOldImage().get("s").getS()).isEqualTo("text é");
        assertThat(modify.getDynamodb().getNewImage().get("s").getS()).isEqualTo("changed");
        DynamodbEvent.DynamodbStreamRecord remove = records.get(2);
        assertThat(remove.getDynamodb().getNewImage()).isNull();
        assertThat(remove.getDynamodb().getOldImage().get("s").getS()).isEqualTo("changed");
        assertThat(remove.getUserIdentity())
                .as("a delete by a caller, not by TTL")
                .isNull();
    }

    @Test
    void survivesLambdasOwnJsonSerializationUnchanged() throws Exception {
        dynamo.putItem(b -> b.tableName(tableName).item(everyKind()));
        DynamodbEvent event = StreamEvents.readTable(dynamo, streams, tableName);

        PojoSerializer<DynamodbEvent> lambda = LambdaEventSerializers.serializerFor(
                DynamodbEvent.class, getClass().getClassLoader());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        lambda.toJson(event, json);
        DynamodbEvent roundTripped = lambda.fromJson(new ByteArrayInputStream(json.toByteArray()));

        String text = json.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"eventSourceARN\"", "\"NewImage\"", "\"SequenceNumber\"");
        AttributeValue before =
                event.getRecords().getFirst().getDynamodb().getNewImage().get("m");
        AttributeValue after =
                roundTripped.getRecords().getFirst().getDynamodb().getNewImage().get("m");
        assertThat(after).isEqualTo(before);
        assertThat(roundTripped.getRecords().getFirst().getDynamodb().getSequenceNumber())
                .isEqualTo(event.getRecords().getFirst().getDynamodb().getSequenceNumber());
    }

    @Test
    void readsEverythingWrittenSoFarAndThenIsCaughtUp() {
        for (int i = 0; i < 30; i++) {
            String pk = "item-" + i;
            dynamo.putItem(
                    b -> b.tableName(tableName).item(Map.of("pk", sdk().s(pk).build())));
        }

        String streamArn = StreamEvents.latestStreamArn(dynamo, tableName);
        assertThat(StreamEvents.readAll(streams, streamArn)).hasSize(30);

        dynamo.putItem(
                b -> b.tableName(tableName).item(Map.of("pk", sdk().s("item-30").build())));
        assertThat(StreamEvents.readAll(streams, streamArn)).hasSize(31);
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> everyKind() {
        return Map.ofEntries(
                Map.entry("pk", KEY),
                Map.entry("s", sdk().s("text é").build()),
                Map.entry("n", sdk().n("-12.5").build()),
                Map.entry(
                        "b",
                        sdk().b(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}))
                                .build()),
                Map.entry("ss", sdk().ss("a", "b").build()),
                Map.entry("ns", sdk().ns("1", "2.5").build()),
                Map.entry(
                        "bs",
                        sdk().bs(SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2, 3}))
                                .build()),
                Map.entry("bool", sdk().bool(true).build()),
                Map.entry("null", sdk().nul(true).build()),
                Map.entry(
                        "m",
                        sdk().m(Map.of(
                                        "inner", sdk().s("deep").build(),
                                        "list", sdk().l(List.of()).build()))
                                .build()),
                Map.entry(
                        "l",
                        sdk().l(
                                        sdk().s("x").build(),
                                        sdk().n("7").build(),
                                        sdk().m(Map.of("k", sdk().bool(false).build()))
                                                .build())
                                .build()),
                Map.entry("emptyMap", sdk().m(Map.of()).build()));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder sdk() {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
