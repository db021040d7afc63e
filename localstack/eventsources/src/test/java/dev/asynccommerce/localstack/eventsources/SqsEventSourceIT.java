package dev.asynccommerce.localstack.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.spi.ManualTimers;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceHeader;
import dev.asynccommerce.testkit.UniqueNames;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS mappings against ElasticMQ embedded in the test JVM, through the unmodified SDK client. */
class SqsEventSourceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SqsClient sqs = ElasticMq.shared().client();
    private final ManualTimers timers = new ManualTimers(Instant.parse("2026-11-21T09:00:00Z"));
    private final RecordingFunction function = new RecordingFunction();
    private final EventSourceMappings mappings = EventSourceMappings.builder()
            .invoker(function)
            .timers(timers)
            .sqs(sqs)
            .pollInterval(Duration.ofMillis(10))
            .build();

    @AfterEach
    void close() {
        mappings.close();
    }

    private ElasticMq.Queue queue(Map<QueueAttributeName, String> attributes) {
        return ElasticMq.createQueue(sqs, UniqueNames.next("esm"), attributes);
    }

    private ElasticMq.Queue fifoQueue() {
        return ElasticMq.createQueue(
                sqs,
                UniqueNames.next("esm") + ".fifo",
                Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    }

    private String mapping(ElasticMq.Queue queue, String extraProperties) {
        return mappings.create(MappingDefinition.fromCloudFormation(
                """
                {"FunctionName": "worker", "EventSourceArn": "%s"%s}""".formatted(queue.arn(), extraProperties), "us-east-1", "000000000000"));
    }

    private String send(ElasticMq.Queue queue, String body) {
        return sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body)).messageId();
    }

    private int messagesIn(ElasticMq.Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<String> bodies() {
        return function.records().stream().map(r -> r.get("body").asText()).toList();
    }

    private static boolean hasBody(JsonNode event, String body) {
        return event.get("Records")
                .valueStream()
                .anyMatch(r -> r.get("body").asText().equals(body));
    }

    @Test
    void invokesWithLambdasSqsEventShapeAndDeletesTheBatchOnSuccess() throws Exception {
        ElasticMq.Queue queue = queue(Map.of());
        String messageId = sqs.sendMessage(b -> b.queueUrl(queue.url())
                        .messageBody("{\"orderId\":\"o-1\"}")
                        .messageAttributes(Map.of(
                                "kind",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("OrderPlaced")
                                        .build())))
                .messageId();
        mapping(queue, "");

        await().atMost(WAIT).until(() -> function.records().size() == 1);
        await().atMost(WAIT).until(() -> messagesIn(queue) == 0);

        JsonNode record = function.records().getFirst();
        assertThat(function.lastArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:worker");
        assertThat(record.get("messageId").asText()).isEqualTo(messageId);
        assertThat(record.get("receiptHandle").asText()).isNotBlank();
        assertThat(record.get("body").asText()).isEqualTo("{\"orderId\":\"o-1\"}");
        JsonNode attributes = record.get("attributes");
        assertThat(attributes.get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(attributes.get("SentTimestamp").asText()).matches("\\d{13}");
        assertThat(attributes.get("SenderId").asText()).isNotBlank();
        assertThat(attributes.get("ApproximateFirstReceiveTimestamp").asText()).matches("\\d{13}");
        assertThat(attributes.has("MessageGroupId")).isFalse();
        JsonNode kind = record.at("/messageAttributes/kind");
        assertThat(kind.get("stringValue").asText()).isEqualTo("OrderPlaced");
        assertThat(kind.get("dataType").asText()).isEqualTo("String");
        assertThat(kind.get("stringListValues").isArray()).isTrue();
        assertThat(kind.get("binaryListValues").isArray()).isTrue();
        assertThat(record.get("md5OfBody").asText()).isEqualTo(md5("{\"orderId\":\"o-1\"}"));
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(queue.arn());
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
    }

    @Test
    void eachBatchIsInvokedInANewTraceLinkedToItsSendersTraces() {
        ElasticMq.Queue queue = queue(Map.of());
        String first = "Root=1-5759e988-000000000000000000000001;Parent=1111111111111111;Sampled=1";
        String second = "Root=1-5759e988-000000000000000000000002;Parent=2222222222222222;Sampled=1";
        sendTraced(queue, "a", first);
        sendTraced(queue, "b", second);
        send(queue, "untraced");
        mapping(queue, ", \"BatchSize\": 10");

        await().atMost(WAIT).until(() -> function.records().size() == 3);

        Map<String, String> headerByBody = new ConcurrentHashMap<>();
        function.records()
                .forEach(r -> headerByBody.put(
                        r.get("body").asText(),
                        r.path("attributes").path("AWSTraceHeader").asText("")));
        assertThat(headerByBody)
                .containsEntry("a", first)
                .containsEntry("b", second)
                .containsEntry("untraced", "");
        List<TraceContext> traces = function.traces();
        assertThat(traces).allSatisfy(t -> assertThat(t.caller()).isNull());
        assertThat(traces.stream().flatMap(t -> t.links().stream()).map(TraceHeader::toString))
                .containsExactlyInAnyOrder(first, second);
    }

    private void sendTraced(ElasticMq.Queue queue, String body, String traceHeader) {
        sqs.sendMessage(b -> b.queueUrl(queue.url())
                .messageBody(body)
                .messageSystemAttributes(Map.of(
                        MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder()
                                .dataType("String")
                                .stringValue(traceHeader)
                                .build())));
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    @Test
    void aPartialBatchFailureReturnsOnlyTheReportedMessagesToTheQueue() {
        ElasticMq.Queue queue = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        List.of("a", "b", "c").forEach(body -> send(queue, body));
        AtomicBoolean failedOnce = new AtomicBoolean();
        function.answering(event -> {
            if (!failedOnce.get() && hasBody(event, "b")) {
                failedOnce.set(true);
                String id = event.get("Records")
                        .valueStream()
                        .filter(r -> r.get("body").asText().equals("b"))
                        .findFirst()
                        .orElseThrow()
                        .get("messageId")
                        .asText();
                return RecordingFunction.failures(List.of(id));
            }
            return RecordingFunction.ok();
        });
        mapping(queue, ", \"FunctionResponseTypes\": [\"ReportBatchItemFailures\"]");

        await().atMost(WAIT).until(() -> Collections.frequency(bodies(), "b") == 2);
        await().atMost(WAIT).until(() -> messagesIn(queue) == 0);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        assertThat(Collections.frequency(bodies(), "a")).isEqualTo(1);
        assertThat(Collections.frequency(bodies(), "c")).isEqualTo(1);
        JsonNode retried = function.records().stream()
                .filter(r -> r.get("body").asText().equals("b"))
                .toList()
                .getLast();
        assertThat(retried.at("/attributes/ApproximateReceiveCount").asText()).isEqualTo("2");
    }

    @Test
    void anInvalidPartialBatchResponseFailsTheWholeBatch() {
        ElasticMq.Queue queue = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        send(queue, "only");
        AtomicBoolean answeredBadly = new AtomicBoolean();
        function.answering(event -> answeredBadly.getAndSet(true)
                ? RecordingFunction.ok()
                : RecordingFunction.failures(List.of("not-a-message-of-this-batch")));
        mapping(queue, ", \"FunctionResponseTypes\": [\"ReportBatchItemFailures\"]");

        await().atMost(WAIT).until(() -> function.records().size() == 2);
        await().atMost(WAIT).until(() -> messagesIn(queue) == 0);

        assertThat(bodies()).containsExactly("only", "only");
    }

    @Test
    void aMessageTheFunctionKeepsFailingReachesTheQueuesDeadLetterQueueAfterMaxReceiveCount() {
        ElasticMq.Queue deadLetters = queue(Map.of());
        ElasticMq.Queue queue = queue(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"2\"}".formatted(deadLetters.arn())));
        function.answering(event -> RecordingFunction.error());
        send(queue, "poison");
        mapping(queue, "");

        List<String> parked = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            sqs.receiveMessage(b -> b.queueUrl(deadLetters.url())).messages().forEach(m -> parked.add(m.body()));
            return !parked.isEmpty();
        });

        assertThat(parked).containsExactly("poison");
        assertThat(function.records())
                .extracting(r -> r.at("/attributes/ApproximateReceiveCount").asText())
                .containsExactly("1", "2");
    }

    @Test
    void fifoKeepsOrderPerMessageGroupAndNeverRunsTwoBatchesOfOneGroupAtOnce() {
        ElasticMq.Queue queue = fifoQueue();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (String group : List.of("g1", "g2", "g3")) {
                String body = group + "-" + i;
                sent.add(body);
                sqs.sendMessage(b -> b.queueUrl(queue.url())
                        .messageBody(body)
                        .messageGroupId(group)
                        .messageDeduplicationId(body));
            }
        }
        Set<String> groupsRunning = ConcurrentHashMap.newKeySet();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        function.answering(event -> {
            Set<String> groups = new HashSet<>();
            event.get("Records")
                    .forEach(r -> groups.add(r.at("/attributes/MessageGroupId").asText()));
            for (String group : groups) {
                if (!groupsRunning.add(group)) {
                    overlap.set(true);
                }
            }
            try {
                // g2's first batch fails once: its messages must come back before any later g2 message is processed.
                if (hasBody(event, "g2-0") && !failedOnce.getAndSet(true)) {
                    return RecordingFunction.error();
                }
                event.get("Records").forEach(r -> processed.add(r.get("body").asText()));
                return RecordingFunction.ok();
            } finally {
                groupsRunning.removeAll(groups);
            }
        });
        mapping(queue, ", \"BatchSize\": 2, \"ScalingConfig\": {\"MaximumConcurrency\": 3}");

        await().atMost(WAIT).until(() -> processed.size() >= sent.size());

        assertThat(processed).containsExactlyInAnyOrderElementsOf(sent);
        for (String group : List.of("g1", "g2", "g3")) {
            assertThat(processed.stream().filter(b -> b.startsWith(group)).toList())
                    .as("order of %s", group)
                    .containsExactlyElementsOf(
                            sent.stream().filter(b -> b.startsWith(group)).toList());
        }
        assertThat(overlap).as("two batches of one group in flight").isFalse();
        assertThat(function.records())
                .allSatisfy(r ->
                        assertThat(r.at("/attributes/SequenceNumber").asText()).matches("\\d+"))
                .allSatisfy(r -> assertThat(
                                r.at("/attributes/MessageDeduplicationId").asText())
                        .isEqualTo(r.get("body").asText()));
    }

    @Test
    void maximumConcurrencyCapsConcurrentInvocations() {
        ElasticMq.Queue queue = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        IntStream.range(0, 8).forEach(i -> send(queue, "m" + i));
        CountDownLatch never = new CountDownLatch(1);
        function.answering(event -> {
            try {
                // simulated work, long enough for invocations to overlap
                never.await(150, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RecordingFunction.ok();
        });
        mapping(queue, ", \"BatchSize\": 1, \"ScalingConfig\": {\"MaximumConcurrency\": 2}");

        await().atMost(WAIT).until(() -> function.records().size() == 8);
        await().atMost(WAIT).until(() -> messagesIn(queue) == 0);

        assertThat(function.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void theBatchingWindowGathersMessagesUntilItElapsesOnTheStacksClock() {
        ElasticMq.Queue queue = queue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"));
        mapping(queue, ", \"BatchSize\": 5, \"MaximumBatchingWindowInSeconds\": 10");
        List.of("w1", "w2", "w3").forEach(body -> send(queue, body));

        await().atMost(WAIT).until(() -> messagesIn(queue) == 3 && notVisible(queue) == 3);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();
        assertThat(function.events()).as("nothing before the window elapses").isEmpty();

        timers.advance(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> function.events().size() == 1);
        assertThat(bodies()).containsExactly("w1", "w2", "w3");

        List.of("x1", "x2", "x3", "x4", "x5").forEach(body -> send(queue, body));
        await().atMost(WAIT).until(() -> function.events().size() == 2);
        assertThat(function.events().get(1).get("Records"))
                .as("a full batch does not wait")
                .hasSize(5);
    }

    private int notVisible(ElasticMq.Queue queue) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void aDisabledMappingPollsNothing() {
        ElasticMq.Queue disabledQueue = queue(Map.of());
        ElasticMq.Queue enabledQueue = queue(Map.of());
        send(disabledQueue, "left alone");
        send(enabledQueue, "taken");
        mapping(disabledQueue, ", \"Enabled\": false");
        mapping(enabledQueue, "");

        await().atMost(WAIT).until(() -> messagesIn(enabledQueue) == 0);
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        assertThat(bodies()).containsExactly("taken");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(disabledQueue.url())
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .as("still visible: never received")
                .isEqualTo("1");
    }

    @Test
    void messagesTheFilterRejectsAreDeletedWithoutAnInvocation() {
        ElasticMq.Queue queue = queue(Map.of());
        mapping(
                queue,
                ", \"FilterCriteria\": {\"Filters\": [{\"Pattern\": \"{\\\"body\\\": {\\\"type\\\": [\\\"paid\\\"]}}\"}]}");
        send(queue, "{\"type\":\"placed\"}");
        send(queue, "not json");
        send(queue, "{\"type\":\"paid\"}");

        await().atMost(WAIT).until(() -> messagesIn(queue) == 0);
        await().atMost(WAIT).until(() -> !function.records().isEmpty());
        assertThat(mappings.awaitIdle(WAIT)).isTrue();

        assertThat(bodies()).containsExactly("{\"type\":\"paid\"}");
    }

    @Test
    void deletingAMappingStopsItsPolling() {
        ElasticMq.Queue queue = queue(Map.of());
        String id = mapping(queue, "");
        send(queue, "first");
        await().atMost(WAIT).until(() -> function.records().size() == 1);

        mappings.delete(id);
        send(queue, "second");

        ElasticMq.Queue control = queue(Map.of());
        mapping(control, "");
        send(control, "control");
        await().atMost(WAIT).until(() -> bodies().contains("control"));
        assertThat(bodies()).containsExactly("first", "control");
        assertThat(mappings.list()).doesNotContainKey(id);
    }
}
