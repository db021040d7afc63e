package dev.asynccommerce.localstack.eventbridge;

import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.entry;
import static dev.asynccommerce.localstack.eventbridge.EventBridgeApiTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS targets and dead-letter queues against ElasticMQ embedded in the test JVM, through the real
 * SDK clients on both sides.
 */
class SqsDeliveryIT {
    private static EmbeddedQueues queues;
    private static SqsClient sqs;

    private final RecordingTargets lambdas = new RecordingTargets();
    private EventBridgeServer eb;

    @BeforeAll
    static void startElasticMq() {
        queues = new EmbeddedQueues();
        sqs = queues.sqs;
    }

    @AfterAll
    static void stopElasticMq() {
        queues.close();
    }

    private EventBridgeServer eventBridge() {
        eb = new EventBridgeServer(b -> b.sqs(sqs).lambda(lambdas));
        return eb;
    }

    @AfterEach
    void close() {
        if (eb != null) {
            eb.close();
        }
    }

    @Test
    void aMatchingEventArrivesInTheQueueInAwsEnvelope() {
        String url = queue("orders-" + System.nanoTime(), Map.of());
        eventBridge();
        rule(
                "{\"source\":[\"commerce.ordering\"],\"detail\":{\"totalCents\":[{\"numeric\":[\">\",1000]}]}}",
                Target.builder().id("q").arn(arn(url)).build());

        String id = eb.client
                .putEvents(b -> b.entries(
                        entry("{\"orderId\":\"o-1\",\"totalCents\":2599}"),
                        entry("{\"orderId\":\"o-2\",\"totalCents\":999}")))
                .entries()
                .get(0)
                .eventId();

        List<Message> messages = receive(url, 1);
        assertThat(messages.get(0).body())
                .isEqualTo("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"OrderPlaced\","
                        + "\"source\":\"commerce.ordering\",\"account\":\"000000000000\","
                        + "\"time\":\"2026-11-21T09:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                        + "\"detail\":{\"orderId\":\"o-1\",\"totalCents\":2599}}");
        eb.settle();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void anSqsTargetAndTheDeadLetterQueueGetTheEventsTraceHeaderAsAwsTraceHeader() {
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        String url = queue("traced-" + System.nanoTime(), Map.of());
        String dlq = queue("dlq-" + System.nanoTime(), Map.of());
        String missing = "arn:aws:sqs:us-east-1:000000000000:missing-" + System.nanoTime();
        eventBridge();
        eb.client.putRule(b -> b.name("r").eventPattern("{\"source\":[\"commerce.ordering\"]}"));
        eb.client.putTargets(b -> b.rule("r")
                .targets(
                        Target.builder().id("q").arn(arn(url)).build(),
                        Target.builder()
                                .id("gone")
                                .arn(missing)
                                .deadLetterConfig(d -> d.arn(arn(dlq)))
                                .build()));

        eb.client.putEvents(b -> b.entries(
                entry("{\"orderId\":\"o-9\"}").toBuilder().traceHeader(trace).build()));

        assertThat(traceHeaderOf(url)).isEqualTo(trace);
        assertThat(traceHeaderOf(dlq)).isEqualTo(trace);
    }

    private static String traceHeaderOf(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER))
                    .messages();
            if (!messages.isEmpty()) {
                return messages.get(0).attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER);
            }
        }
        throw new AssertionError("no message in " + url);
    }

    @Test
    void aFifoTargetSendsWithItsMessageGroupId() {
        String url = queue(
                "inventory-" + System.nanoTime() + ".fifo",
                Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        eventBridge();
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("q")
                        .arn(arn(url))
                        .sqsParameters(p -> p.messageGroupId("SKU-0001"))
                        .build());

        eb.client.putEvents(b -> b.entries(entry("{\"n\":1}"), entry("{\"n\":2}")));

        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (messages.size() < 2 && System.nanoTime() < deadline) {
            var received = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messages();
            messages.addAll(received);
            received.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
        assertThat(messages).hasSize(2);
        assertThat(messages)
                .extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsOnly("SKU-0001");
        assertThat(messages)
                .extracting(m -> json(m.body()).get("detail").get("n").asInt())
                .containsExactly(1, 2);
    }

    @Test
    void aQueueThatDoesNotExistSendsTheEventStraightToTheDlqWithAwsAttributes() {
        String dlq = queue("dlq-" + System.nanoTime(), Map.of());
        String missing = "arn:aws:sqs:us-east-1:000000000000:missing-" + System.nanoTime();
        eventBridge();
        String ruleArn = rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("q")
                        .arn(missing)
                        .deadLetterConfig(d -> d.arn(arn(dlq)))
                        .build());

        eb.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-7\"}")));

        // eb-rule-dlq.html: a target resource that no longer exists is not retried.
        Message dead = receive(dlq, 1).get(0);
        assertThat(json(dead.body()).get("detail").get("orderId").asText()).isEqualTo("o-7");
        assertThat(attributes(dead))
                .containsEntry("RULE_ARN", ruleArn)
                .containsEntry("TARGET_ARN", missing)
                .containsEntry("ERROR_CODE", "NO_RESOURCE")
                .containsEntry("RETRY_ATTEMPTS", "0")
                .containsKey("ERROR_MESSAGE")
                .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
        assertThat(eb.timers.pending()).isZero();
    }

    @Test
    void aFailingTargetIsRetriedOnTheTimersThenReachesTheDlq() {
        String dlq = queue("dlq-" + System.nanoTime(), Map.of());
        eventBridge();
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("fn")
                        .arn(lambda("store-notifier"))
                        .retryPolicy(p -> p.maximumRetryAttempts(3))
                        .deadLetterConfig(d -> d.arn(arn(dlq)))
                        .build());
        lambdas.failures.set(100);

        eb.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-8\"}")));
        eb.settle();
        assertThat(lambdas.attempts).hasValue(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq)).messages()).isEmpty();

        eb.advance(Duration.ofSeconds(1 + 2 + 4));

        assertThat(lambdas.attempts).hasValue(4);
        Message dead = receive(dlq, 1).get(0);
        assertThat(attributes(dead))
                .containsEntry("TARGET_ARN", lambda("store-notifier"))
                .containsEntry("ERROR_CODE", "THROTTLING")
                .containsEntry("ERROR_MESSAGE", "Rate exceeded")
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
                .containsEntry("RETRY_ATTEMPTS", "3");
    }

    @Test
    void anInputTransformerShapesTheMessageBodyExactly() {
        String url = queue("notify-" + System.nanoTime(), Map.of());
        eventBridge();
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder()
                        .id("q")
                        .arn(arn(url))
                        .inputTransformer(
                                t -> t.inputPathsMap(Map.of("order", "$.detail.orderId", "lines", "$.detail.lines"))
                                        .inputTemplate("{\"type\": \"PickTaskCreated\", \"orderId\": <order>,"
                                                + " \"lines\": <lines>, \"rule\": <aws.events.rule-name>,"
                                                + " \"text\": \"Pick <order> now\"}"))
                        .build());

        eb.client.putEvents(b -> b.entries(entry("{\"orderId\":\"o-3\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":2}]}")));

        assertThat(receive(url, 1).get(0).body())
                .isEqualTo("{\"type\": \"PickTaskCreated\", \"orderId\": \"o-3\","
                        + " \"lines\": [{\"sku\":\"SKU-1\",\"qty\":2}], \"rule\": \"r\","
                        + " \"text\": \"Pick o-3 now\"}");
    }

    @Test
    void archiveAndReplayRedeliverOnlyTheWindow() {
        String url = queue("audit-" + System.nanoTime(), Map.of());
        eventBridge();
        String bus = "arn:aws:events:us-east-1:000000000000:event-bus/default";
        String archive = eb.client
                .createArchive(b -> b.archiveName("all").eventSourceArn(bus))
                .archiveArn();
        rule(
                "{\"source\":[\"commerce.ordering\"]}",
                Target.builder().id("q").arn(arn(url)).build());
        Instant t0 = eb.timers.now();
        for (int i = 0; i < 4; i++) {
            int n = i;
            eb.client.putEvents(b -> b.entries(entry("{\"n\":" + n + "}")));
            eb.advance(Duration.ofMinutes(1));
        }
        assertThat(receive(url, 4)).hasSize(4);

        eb.client.startReplay(b -> b.replayName("audit-fix")
                .eventSourceArn(archive)
                .eventStartTime(t0.plus(Duration.ofMinutes(1)))
                .eventEndTime(t0.plus(Duration.ofMinutes(3)))
                .destination(d -> d.arn(bus)));

        List<Message> replayed = receive(url, 2);
        assertThat(replayed)
                .extracting(m -> json(m.body()).get("detail").get("n").asInt())
                .containsExactly(1, 2);
        assertThat(replayed)
                .extracting(m -> json(m.body()).get("replay-name").asText())
                .containsOnly("audit-fix");
        eb.settle();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void aCronRuleSendsItsScheduledEventToTheQueueWhenTheStackClockReachesIt() {
        String url = queue("month-end-" + System.nanoTime(), Map.of());
        eventBridge();
        String arn = eb.client
                .putRule(b -> b.name("month-end").scheduleExpression("cron(0 23 L * ? *)"))
                .ruleArn();
        eb.client.putTargets(b -> b.rule("month-end")
                .targets(Target.builder().id("q").arn(arn(url)).build()));

        eb.advance(Duration.ofDays(10)); // from 21 November to 1 December: one month's end

        JsonNode event = json(receive(url, 1).get(0).body());
        assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.get("source").asText()).isEqualTo("aws.events");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-30T23:00:00Z");
        assertThat(event.get("resources").toString()).isEqualTo("[\"" + arn + "\"]");
        eb.settle();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    private String rule(String pattern, Target target) {
        String arn = eb.client.putRule(b -> b.name("r").eventPattern(pattern)).ruleArn();
        assertThat(eb.client.putTargets(b -> b.rule("r").targets(target)).failedEntryCount())
                .isZero();
        return arn;
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return queues.queue(name, attributes);
    }

    private static String arn(String queueUrl) {
        return EmbeddedQueues.arn(queueUrl);
    }

    private static List<Message> receive(String url, int count) {
        return queues.receive(url, count);
    }

    private static Map<String, String> attributes(Message m) {
        Map<String, String> out = new java.util.HashMap<>();
        m.messageAttributes().forEach((k, v) -> out.put(k, v.stringValue()));
        return out;
    }

    private static JsonNode json(String text) {
        return EmbeddedQueues.json(text);
    }
}
