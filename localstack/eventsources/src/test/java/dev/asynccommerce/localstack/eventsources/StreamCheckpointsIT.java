package dev.asynccommerce.localstack.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import dev.asynccommerce.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Stream positions across a restart of the local stack: one {@link EventSourceMappings} saves, a NEW
 * one (the restarted stack) gets the mapping from the deployment again, restores, and goes on. The
 * DynamoDB Local (and its stream) stays the same running instance, as its data file keeps the stream
 * across a real restart.
 */
class StreamCheckpointsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final DynamoDbClient dynamo = DynamoDbLocal.shared().client();
    private final DynamoDbStreamsClient streams = DynamoDbLocal.shared().streamsClient();
    private final SqsClient sqs = ElasticMq.shared().client();
    private final ManualTimers timers = new ManualTimers(Instant.parse("2026-11-21T09:00:00Z"));
    private final List<EventSourceMappings> opened = new ArrayList<>();
    private String table;
    private String streamArn;

    @BeforeEach
    void createTable() {
        table = TestTable.named("checkpoint").withStream().create(dynamo);
        streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    @AfterEach
    void close() {
        opened.forEach(EventSourceMappings::close);
    }

    private EventSourceMappings mappings(RecordingFunction function) {
        EventSourceMappings mappings = EventSourceMappings.builder()
                .invoker(function)
                .timers(timers)
                .sqs(sqs)
                .streams(streams)
                .pollInterval(Duration.ofMillis(10))
                .retryBackoff(Duration.ZERO, Duration.ZERO)
                .build();
        opened.add(mappings);
        return mappings;
    }

    private MappingDefinition definition(String extraProperties) {
        return MappingDefinition.fromCloudFormation(
                """
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "TRIM_HORIZON"%s}""".formatted(streamArn, extraProperties), "us-east-1", "000000000000");
    }

    /**
     * What the stack does on a start with saved state: hold, deploy (the template's mapping, a new
     * UUID), restore, release. The state goes through its JSON text, as through the stack's file.
     */
    private EventSourceMappings restart(JsonNode saved, RecordingFunction function, MappingDefinition deployed)
            throws Exception {
        JsonNode fromFile = RecordingFunction.JSON.readTree(RecordingFunction.JSON.writeValueAsString(saved));
        EventSourceMappings restarted = mappings(function);
        restarted.hold();
        restarted.create(deployed);
        restarted.restoreState(fromFile);
        restarted.release();
        return restarted;
    }

    private void put(String... keys) {
        for (String key : keys) {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(key), "value", AttributeValue.fromS("v"))));
        }
    }

    private static List<String> keys(RecordingFunction function) {
        return function.records().stream()
                .map(r -> r.at("/dynamodb/Keys/pk/S").asText())
                .toList();
    }

    private static void awaitKeys(RecordingFunction function, int count, EventSourceMappings mappings) {
        await().atMost(WAIT).until(() -> function.records().size() >= count);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
    }

    /** Polls for a while (the pollers poll every 10 ms) that the function still has only {@code count} records. */
    private static void assertNothingDeliveredFor(RecordingFunction function, int count) {
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> function.records().size() == count);
    }

    @Test
    void recordsDeliveredBeforeARestartAreNotDeliveredAgainAndThoseWrittenWhileStoppedAreDeliveredAfter()
            throws Exception {
        RecordingFunction before = new RecordingFunction();
        EventSourceMappings first = mappings(before);
        first.create(definition(", \"BatchSize\": 2"));
        put("a", "b", "c");
        awaitKeys(before, 3, first);
        JsonNode saved = first.saveState();
        first.close();

        put("d", "e"); // while the stack is down
        RecordingFunction after = new RecordingFunction();
        EventSourceMappings second = restart(saved, after, definition(", \"BatchSize\": 2"));
        put("f");
        awaitKeys(after, 3, second);

        assertThat(keys(before)).containsExactly("a", "b", "c");
        assertThat(keys(after)).containsExactly("d", "e", "f");
        JsonNode shard = saved.at("/mappings/0/shards/0");
        assertThat(saved.get("version").asInt()).isEqualTo(1);
        assertThat(shard.get("position").asText()).isEqualTo("AFTER_SEQUENCE_NUMBER");
        assertThat(shard.get("sequenceNumber").asText())
                .isEqualTo(before.records()
                        .getLast()
                        .at("/dynamodb/SequenceNumber")
                        .asText());
    }

    @Test
    void theStateSavedAfterClosingStillHoldsThePositions() throws Exception {
        RecordingFunction before = new RecordingFunction();
        EventSourceMappings first = mappings(before);
        first.create(definition(""));
        put("a");
        awaitKeys(before, 1, first);
        first.close(); // a stack that stops its pollers by closing them, then saves
        JsonNode saved = first.saveState();

        put("b");
        RecordingFunction after = new RecordingFunction();
        EventSourceMappings second = restart(saved, after, definition(""));
        awaitKeys(after, 1, second);

        assertThat(keys(after)).containsExactly("b");
    }

    @Test
    void recordsSentToTheOnFailureDestinationCountAsHandled() throws Exception {
        ElasticMq.Queue onFailure = ElasticMq.createQueue(sqs, UniqueNames.next("on-failure"), Map.of());
        String properties = ", \"BatchSize\": 1, \"MaximumRetryAttempts\": 0,"
                + " \"DestinationConfig\": {\"OnFailure\": {\"Destination\": \"%s\"}}".formatted(onFailure.arn());
        RecordingFunction before = new RecordingFunction()
                .answering(event ->
                        event.at("/Records/0/dynamodb/Keys/pk/S").asText().equals("poison")
                                ? RecordingFunction.error()
                                : RecordingFunction.ok());
        EventSourceMappings first = mappings(before);
        first.create(definition(properties));
        put("ok-1", "poison");
        List<Message> discarded = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            discarded.addAll(
                    sqs.receiveMessage(b -> b.queueUrl(onFailure.url())).messages());
            return !discarded.isEmpty();
        });
        assertThat(first.awaitIdle(WAIT)).isTrue();
        JsonNode saved = first.saveState();
        first.close();

        RecordingFunction after = new RecordingFunction();
        EventSourceMappings second = restart(saved, after, definition(properties));
        put("ok-2");
        awaitKeys(after, 1, second);

        assertThat(keys(before)).containsExactly("ok-1", "poison");
        assertThat(keys(after))
                .as("the discarded record is not retried after the restart")
                .containsExactly("ok-2");
    }

    @Test
    void aMappingDisabledAtRuntimeStaysDisabledAndGoesOnFromItsPositionWhenEnabled() throws Exception {
        RecordingFunction before = new RecordingFunction();
        EventSourceMappings first = mappings(before);
        String id = first.create(definition(""));
        put("a");
        awaitKeys(before, 1, first);
        first.setEnabled(id, false);
        put("b");
        JsonNode saved = first.saveState();
        first.close();

        RecordingFunction after = new RecordingFunction();
        EventSourceMappings second = restart(saved, after, definition("")); // the template says Enabled
        put("c");
        String restartedId = second.list().keySet().iterator().next();
        assertThat(second.definition(restartedId).enabled()).isFalse();
        assertNothingDeliveredFor(after, 0);

        second.setEnabled(restartedId, true);
        awaitKeys(after, 2, second);

        assertThat(keys(before)).containsExactly("a");
        assertThat(keys(after)).containsExactly("b", "c");
        assertThat(saved.at("/mappings/0/enabled").asBoolean()).isFalse();
    }

    @Test
    void aLatestMappingThatReadNothingYetLosesNoRecordWrittenWhileStopped() throws Exception {
        put("older");
        RecordingFunction before = new RecordingFunction();
        EventSourceMappings first = mappings(before);
        MappingDefinition latest =
                MappingDefinition.fromCloudFormation("""
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "LATEST"}""".formatted(streamArn), "us-east-1", "000000000000");
        first.create(latest);
        assertThat(first.awaitIdle(WAIT)).isTrue();
        JsonNode saved = first.saveState();
        first.close();

        put("while-stopped");
        RecordingFunction after = new RecordingFunction();
        EventSourceMappings second = restart(saved, after, latest);
        awaitKeys(after, 1, second);

        assertThat(before.records()).isEmpty();
        assertThat(keys(after)).containsExactly("while-stopped");
    }

    @Test
    void aCheckpointWhoseSequenceIsNotInTheStreamStartsAtTrimHorizon() throws Exception {
        put("a", "b");
        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        ObjectNode saved = (ObjectNode) RecordingFunction.JSON.readTree("""
                {"version": 1, "mappings": [{"functionArn": "arn:aws:lambda:us-east-1:000000000000:function:relay",
                  "eventSourceArn": "%s", "kind": "DYNAMODB_STREAMS", "enabled": true,
                  "shards": [{"shardId": "%s", "position": "AFTER_SEQUENCE_NUMBER",
                              "sequenceNumber": "999999999999999999999"}]}]}""".formatted(streamArn, shardId));

        RecordingFunction after = new RecordingFunction();
        EventSourceMappings restarted = restart(saved, after, definition(""));
        awaitKeys(after, 2, restarted);

        assertThat(keys(after)).containsExactly("a", "b");
    }

    @Test
    void aShardTheCheckpointDoesNotNameIsReadFromItsStart() throws Exception {
        put("a");
        ObjectNode saved = (ObjectNode) RecordingFunction.JSON.readTree("""
                {"version": 1, "mappings": [{"functionArn": "arn:aws:lambda:us-east-1:000000000000:function:relay",
                  "eventSourceArn": "%s", "kind": "DYNAMODB_STREAMS", "enabled": true,
                  "shards": [{"shardId": "shardId-closed-long-ago", "position": "SHARD_END"}]}]}""".formatted(streamArn));
        MappingDefinition deployedAtLatest =
                MappingDefinition.fromCloudFormation("""
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "LATEST"}""".formatted(streamArn), "us-east-1", "000000000000");

        RecordingFunction after = new RecordingFunction();
        EventSourceMappings restarted = restart(saved, after, deployedAtLatest);
        awaitKeys(after, 1, restarted);

        assertThat(keys(after))
                .as("a shard new to the mapping holds only records it never saw")
                .containsExactly("a");
    }

    @Test
    void aStateOfAnUnknownVersionRestoresNothing() throws Exception {
        put("a");
        JsonNode saved = RecordingFunction.JSON.readTree("""
                {"version": 2, "mappings": [{"functionArn": "arn:aws:lambda:us-east-1:000000000000:function:relay",
                  "eventSourceArn": "%s", "enabled": false}]}""".formatted(streamArn));

        RecordingFunction after = new RecordingFunction();
        EventSourceMappings restarted = restart(saved, after, definition(""));
        awaitKeys(after, 1, restarted);

        assertThat(restarted.list().values()).allMatch(MappingDefinition::enabled);
        assertThat(keys(after)).containsExactly("a");
    }

    @Test
    void aSavedMappingTheDeploymentNoLongerHasIsSkipped() throws Exception {
        RecordingFunction before = new RecordingFunction();
        EventSourceMappings first = mappings(before);
        first.create(definition(""));
        put("a");
        awaitKeys(before, 1, first);
        JsonNode saved = first.saveState();
        first.close();

        String otherTable = TestTable.named("checkpoint-other").withStream().create(dynamo);
        String otherStream =
                dynamo.describeTable(b -> b.tableName(otherTable)).table().latestStreamArn();
        dynamo.putItem(b -> b.tableName(otherTable).item(Map.of("pk", AttributeValue.fromS("x"))));
        RecordingFunction after = new RecordingFunction();
        EventSourceMappings restarted = restart(
                saved,
                after,
                MappingDefinition.fromCloudFormation("""
                        {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "TRIM_HORIZON"}""".formatted(otherStream), "us-east-1", "000000000000"));
        awaitKeys(after, 1, restarted);

        assertThat(keys(after)).containsExactly("x");
    }

    @Test
    void aHeldMappingReadsNothingUntilReleased() {
        RecordingFunction function = new RecordingFunction();
        EventSourceMappings mappings = mappings(function);
        mappings.create(definition(""));
        put("a");
        awaitKeys(function, 1, mappings);

        mappings.hold();
        put("b");
        assertNothingDeliveredFor(function, 1);

        mappings.release();
        awaitKeys(function, 2, mappings);
        assertThat(keys(function)).containsExactly("a", "b");
    }
}
