package dev.asynccommerce.localstack.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.spi.FunctionInvoker.Invocation;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import dev.asynccommerce.testkit.UniqueNames;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DynamoDB Streams mappings against AWS's DynamoDB Local (streams included) and ElasticMQ for the
 * on-failure destination, through the unmodified SDK clients; the function is an in-memory recorder.
 */
class StreamEventSourceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:relay";

    private final DynamoDbClient dynamo = DynamoDbLocal.shared().client();
    private final DynamoDbStreamsClient streams = DynamoDbLocal.shared().streamsClient();
    private final SqsClient sqs = ElasticMq.shared().client();
    private final ManualTimers timers = new ManualTimers(Instant.parse("2026-11-21T09:00:00Z"));
    private final RecordingFunction function = new RecordingFunction();
    private EventSourceMappings mappings;
    private String table;
    private String streamArn;

    @BeforeEach
    void createTable() {
        table = TestTable.named("esm").withStream().create(dynamo);
        streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    @AfterEach
    void close() {
        if (mappings != null) {
            mappings.close();
        }
    }

    private EventSourceMappings mappings(Duration backoff) {
        mappings = EventSourceMappings.builder()
                .invoker(function)
                .timers(timers)
                .sqs(sqs)
                .streams(streams)
                .region("us-east-1")
                .pollInterval(Duration.ofMillis(10))
                .retryBackoff(backoff, backoff.multipliedBy(8))
                .build();
        return mappings;
    }

    private String mapping(String extraProperties) {
        return mappings.create(MappingDefinition.fromCloudFormation(
                """
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "TRIM_HORIZON"%s}""".formatted(streamArn, extraProperties), "us-east-1", "000000000000"));
    }

    private void put(String pk, String value) {
        dynamo.putItem(b ->
                b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "value", AttributeValue.fromS(value))));
    }

    private static List<String> keys(List<JsonNode> records) {
        return records.stream().map(r -> r.at("/dynamodb/Keys/pk/S").asText()).toList();
    }

    private static List<String> keysOf(JsonNode event) {
        return keys(
                StreamSupport.stream(event.get("Records").spliterator(), false).toList());
    }

    private static boolean contains(JsonNode event, String pk) {
        return keysOf(event).contains(pk);
    }

    private static String sequenceNumber(JsonNode record) {
        return record.at("/dynamodb/SequenceNumber").asText();
    }

    private ElasticMq.Queue failureQueue() {
        return ElasticMq.createQueue(sqs, UniqueNames.next("on-failure"), Map.of());
    }

    private List<JsonNode> receiveAll(String queueUrl, int expected) {
        List<JsonNode> bodies = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages()) {
                bodies.add(RecordingFunction.JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            return bodies.size() >= expected;
        });
        return bodies;
    }

    @Test
    void deliversInsertModifyAndRemoveInLambdasDynamoDbEventShape() {
        mappings(Duration.ofSeconds(1));
        mapping("");
        put("order-1", "placed");
        put("order-1", "paid");
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("order-1"))));

        await().atMost(WAIT).until(() -> function.records().size() == 3);

        List<JsonNode> records = function.records();
        assertThat(records).extracting(r -> r.get("eventName").asText()).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(function.lastArn()).isEqualTo(FUNCTION);
        JsonNode modify = records.get(1);
        assertThat(modify.get("eventID").asText()).isNotBlank();
        assertThat(modify.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(modify.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(modify.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(modify.get("eventSourceARN").asText()).isEqualTo(streamArn);
        JsonNode data = modify.get("dynamodb");
        assertThat(data.get("ApproximateCreationDateTime").isNumber()).isTrue();
        assertThat(data.get("ApproximateCreationDateTime").asLong())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
        assertThat(data.get("Keys"))
                .isEqualTo(RecordingFunction.JSON
                        .createObjectNode()
                        .set("pk", RecordingFunction.JSON.createObjectNode().put("S", "order-1")));
        assertThat(data.at("/OldImage/value/S").asText()).isEqualTo("placed");
        assertThat(data.at("/NewImage/value/S").asText()).isEqualTo("paid");
        assertThat(data.get("SequenceNumber").asText()).matches("\\d+");
        assertThat(data.get("SizeBytes").asInt()).isPositive();
        assertThat(data.get("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(records.get(0).get("dynamodb").has("OldImage")).isFalse();
        assertThat(records.get(2).get("dynamodb").has("NewImage")).isFalse();
        assertThat(records.get(2).at("/dynamodb/OldImage/value/S").asText()).isEqualTo("paid");
    }

    @Test
    void deliversRecordsInShardOrderInBatchesOfAtMostBatchSize() {
        mappings(Duration.ofSeconds(1));
        List<String> written = IntStream.range(0, 30).mapToObj(i -> "item-" + i).toList();
        written.forEach(pk -> put(pk, "v"));
        mapping(", \"BatchSize\": 7");

        await().atMost(WAIT).until(() -> function.records().size() == 30);

        assertThat(keys(function.records())).containsExactlyElementsOf(written);
        assertThat(function.events())
                .allSatisfy(e -> assertThat(e.get("Records").size()).isBetween(1, 7));
        List<BigInteger> sequence = function.records().stream()
                .map(r -> new BigInteger(sequenceNumber(r)))
                .toList();
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void latestStartsAfterTheRecordsAlreadyInTheStream() {
        mappings(Duration.ofSeconds(1));
        put("before", "v");
        mappings.create(MappingDefinition.fromCloudFormation("""
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "LATEST"}""".formatted(streamArn), "us-east-1", "000000000000"));
        put("after", "v");

        await().atMost(WAIT).until(() -> !function.records().isEmpty());
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        assertThat(keys(function.records())).containsExactly("after");
    }

    @Test
    void bisectingAFailingBatchIsolatesThePoisonRecordAndTheRestSucceeds() {
        ElasticMq.Queue onFailure = failureQueue();
        function.answering(event -> contains(event, "poison") ? RecordingFunction.error() : RecordingFunction.ok());
        mappings(Duration.ZERO);
        List<String> written = List.of("a", "b", "c", "d", "poison", "f", "g", "h");
        written.forEach(pk -> put(pk, "v"));
        mapping(", \"BatchSize\": 8, \"BisectBatchOnFunctionError\": true, \"MaximumRetryAttempts\": 1,"
                + " \"DestinationConfig\": {\"OnFailure\": {\"Destination\": \"%s\"}}".formatted(onFailure.arn()));

        JsonNode failure = receiveAll(onFailure.url(), 1).getFirst();

        List<String> succeeded = new ArrayList<>();
        function.events().stream().filter(e -> !contains(e, "poison")).forEach(e -> succeeded.addAll(keysOf(e)));
        assertThat(succeeded).containsExactly("a", "b", "c", "d", "f", "g", "h");
        List<JsonNode> poisonAlone = function.events().stream()
                .filter(e -> keysOf(e).equals(List.of("poison")))
                .toList();
        assertThat(poisonAlone)
                .as("the poison record alone: first try and one retry")
                .hasSize(2);
        String poisonSequence =
                sequenceNumber(poisonAlone.getFirst().get("Records").get(0));
        JsonNode info = failure.get("DDBStreamBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(poisonSequence);
        // 8 -> 4 -> 2 -> 1 (three splits) and one retry: the poison record was in five invocations.
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(5);

        put("after", "v");
        await().atMost(WAIT).until(() -> keys(function.records()).contains("after"));
    }

    @Test
    void afterMaximumRetryAttemptsTheBatchInfoGoesToTheOnFailureQueueAndTheShardMovesOn() {
        ElasticMq.Queue onFailure = failureQueue();
        AtomicInteger calls = new AtomicInteger();
        function.answering(event -> contains(event, "fine") ? RecordingFunction.ok() : failing(calls));
        mappings(Duration.ofSeconds(1));
        put("x", "1");
        put("y", "2");
        mapping(", \"MaximumRetryAttempts\": 2, \"DestinationConfig\": {\"OnFailure\": {\"Destination\": \"%s\"}}"
                .formatted(onFailure.arn()));

        await().atMost(WAIT).until(() -> calls.get() == 1);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
        assertThat(calls)
                .as("a retry waits for its backoff on the stack's clock")
                .hasValue(1);
        timers.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> calls.get() == 2);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(1));
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
        assertThat(calls).as("the second backoff doubles").hasValue(2);
        timers.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> calls.get() == 3);

        JsonNode failure = receiveAll(onFailure.url(), 1).getFirst();
        List<JsonNode> sent =
                function.events().getFirst().get("Records").valueStream().toList();
        assertThat(failure.at("/requestContext/requestId").asText()).isNotBlank();
        assertThat(failure.at("/requestContext/functionArn").asText()).isEqualTo(FUNCTION);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(failure.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(failure.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.get("version").asText()).isEqualTo("1.0");
        assertThat(failure.get("timestamp").asText()).isEqualTo("2026-11-21T09:00:03.000Z");
        JsonNode info = failure.get("DDBStreamBatchInfo");
        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        assertThat(info.get("shardId").asText()).isEqualTo(shardId);
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequenceNumber(sent.get(0)));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(sequenceNumber(sent.get(1)));
        assertThat(info.get("approximateArrivalOfFirstRecord").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(info.get("approximateArrivalOfLastRecord").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(info.get("batchSize").asInt()).isEqualTo(2);
        assertThat(info.get("streamArn").asText()).isEqualTo(streamArn);
        assertThat(failure.has("requestPayload"))
                .as("stream failure records carry no record data")
                .isFalse();

        put("fine", "3");
        await().atMost(WAIT).until(() -> keys(function.records()).contains("fine"));
    }

    private static Invocation failing(AtomicInteger calls) {
        calls.incrementAndGet();
        return RecordingFunction.error();
    }

    @Test
    void reportedItemFailureCheckpointsBeforeTheLowestReportedRecordAndResumesFromIt() {
        mappings(Duration.ZERO);
        List.of("r1", "r2", "r3", "r4", "r5").forEach(pk -> put(pk, "v"));
        AtomicInteger calls = new AtomicInteger();
        function.answering(event -> {
            if (calls.incrementAndGet() > 1) {
                return RecordingFunction.ok();
            }
            List<JsonNode> records = event.get("Records").valueStream().toList();
            // Reported out of order: the lowest (r3) is where Lambda resumes.
            return RecordingFunction.failures(List.of(sequenceNumber(records.get(3)), sequenceNumber(records.get(2))));
        });
        mapping(", \"FunctionResponseTypes\": [\"ReportBatchItemFailures\"]");

        await().atMost(WAIT).until(() -> function.events().size() == 2);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        assertThat(function.events()).hasSize(2);
        assertThat(keysOf(function.events().get(0))).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(keysOf(function.events().get(1))).containsExactly("r3", "r4", "r5");
    }

    @Test
    void anItemFailureNamingNoRecordOfTheBatchFailsTheWholeBatch() {
        mappings(Duration.ZERO);
        List.of("s1", "s2").forEach(pk -> put(pk, "v"));
        AtomicInteger calls = new AtomicInteger();
        function.answering(event -> calls.incrementAndGet() == 1
                ? RecordingFunction.failures(List.of("999999999999999"))
                : RecordingFunction.ok());
        mapping(", \"FunctionResponseTypes\": [\"ReportBatchItemFailures\"]");

        await().atMost(WAIT).until(() -> function.events().size() == 2);

        assertThat(keysOf(function.events().get(1))).containsExactly("s1", "s2");
    }

    @Test
    void recordsOlderThanMaximumRecordAgeAreDiscardedWithRecordAgeExceeded() {
        ElasticMq.Queue onFailure = failureQueue();
        function.answering(event -> RecordingFunction.error());
        mappings(Duration.ofSeconds(30));
        put("old", "v");
        mapping(", \"MaximumRecordAgeInSeconds\": 60, \"DestinationConfig\": {\"OnFailure\": {\"Destination\": \"%s\"}}"
                .formatted(onFailure.arn()));
        await().atMost(WAIT).until(() -> function.events().size() == 1);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        timers.advance(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> function.events().size() == 2);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(60));

        JsonNode failure = receiveAll(onFailure.url(), 1).getFirst();
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(function.events()).as("an expired record is not sent again").hasSize(2);
    }

    @Test
    void aFilterPassesOverRecordsItDoesNotMatch() {
        mappings(Duration.ZERO);
        mapping(
                ", \"FilterCriteria\": {\"Filters\": [{\"Pattern\": \"{\\\"eventName\\\": [\\\"INSERT\\\"],"
                        + " \\\"dynamodb\\\": {\\\"NewImage\\\": {\\\"value\\\": {\\\"S\\\": [{\\\"prefix\\\": \\\"keep\\\"}]}}}}\"}]}");
        put("k1", "keep-1");
        put("k2", "drop");
        put("k1", "keep-2");
        put("k3", "keep-3");

        await().atMost(WAIT).until(() -> keys(function.records()).contains("k3"));

        assertThat(function.records())
                .extracting(r -> r.at("/dynamodb/NewImage/value/S").asText())
                .containsExactly("keep-1", "keep-3");
    }

    @Test
    void refusesWhatItCannotHonourNamingTheProperty() {
        mappings(Duration.ZERO);
        assertThatThrownBy(() -> mapping(", \"TumblingWindowInSeconds\": 30"))
                .hasMessageStartingWith("TumblingWindowInSeconds:");
        assertThatThrownBy(() -> mapping(", \"DestinationConfig\": {\"OnFailure\": {\"Destination\":"
                        + " \"arn:aws:sns:us-east-1:000000000000:topic\"}}"))
                .hasMessageStartingWith("DestinationConfig.OnFailure.Destination:");
        assertThatThrownBy(() -> mappings.create(
                        MappingDefinition.fromCloudFormation("""
                        {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "AT_TIMESTAMP"}""".formatted(streamArn), "us-east-1", "000000000000")))
                .hasMessageStartingWith("StartingPosition:");
        assertThatThrownBy(() -> mapping(", \"SelfManagedEventSource\": {}"))
                .hasMessageStartingWith("SelfManagedEventSource:");
    }
}
