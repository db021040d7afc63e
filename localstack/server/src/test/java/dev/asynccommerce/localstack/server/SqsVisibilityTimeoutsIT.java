package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.asynccommerce.localstack.eventsources.MappingDefinition;
import dev.asynccommerce.localstack.lambda.FunctionDefinition;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS visibility timeouts on the stack's clock (API.md, "Local stack controls"): through the unmodified
 * SDK client on the endpoint, an in-flight message comes back when {@code POST /_local/clock/advance}
 * passes its timeout, not before, and long before ElasticMQ's own wall-clock timeout would show it.
 * The clock is manual, so no wall time passing can explain a message coming back. The same holds for
 * calls in the SQS query protocol, sent here as the AWS CLI v1 sends them (form posts, XML answers).
 */
class SqsVisibilityTimeoutsIT {
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withManualClock(START));
        sqs = StackClients.of(stack, SqsClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        stack.close();
    }

    private static void advance(int seconds) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(stack.endpoint().resolve("/_local/clock/advance"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\": " + seconds + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** What a consumer receives now, without waiting and without hiding it (it stays visible). */
    private static List<Message> visible(String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    private static Message receiveOne(String url, int visibilitySeconds) {
        List<Message> received = sqs.receiveMessage(b ->
                        b.queueUrl(url).visibilityTimeout(visibilitySeconds).waitTimeSeconds(1))
                .messages();
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    @Test
    void aReceivedMessageComesBackWhenTheClockPassesItsVisibilityTimeoutAndNotBefore() throws Exception {
        String url = queue("visibility-receive", Map.of());
        String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello")).messageId();
        assertThat(receiveOne(url, 300).messageId()).isEqualTo(id);

        advance(299);
        assertThat(visible(url)).as("hidden for 299 s of 300").isEmpty();

        advance(1);
        assertThat(visible(url)).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        });
    }

    @Test
    void theQueuesOwnTimeoutAppliesAndAChangedVisibilityCountsFromTheChange() throws Exception {
        String url = queue("visibility-changed", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3600"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        Message received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                .messages()
                .getFirst();

        advance(300);
        assertThat(visible(url)).as("the queue hides it for an hour").isEmpty();
        sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(received.receiptHandle()).visibilityTimeout(600));
        advance(599);
        assertThat(visible(url))
                .as("600 s from the change, not from the receive")
                .isEmpty();

        advance(1);
        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(received.messageId()));
    }

    @Test
    void aBatchChangeIsFollowedPerEntry() throws Exception {
        String url = queue("visibility-batch", Map.of());
        List<Message> both = sendTwoAndReceiveThemFor300Seconds(url, "a", "b");

        sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url)
                .entries(
                        e -> e.id("short")
                                .receiptHandle(both.get(0).receiptHandle())
                                .visibilityTimeout(60),
                        e -> e.id("long")
                                .receiptHandle(both.get(1).receiptHandle())
                                .visibilityTimeout(900)));
        advance(60);

        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(both.get(0).messageId()));
        advance(840);
        assertThat(visible(url)).extracting(Message::messageId).hasSize(2);
    }

    @Test
    void deletedMessagesStayGoneAfterAnAdvance() throws Exception {
        String url = queue("visibility-deleted", Map.of());
        List<Message> both = sendTwoAndReceiveThemFor300Seconds(url, "one", "two");

        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(both.get(0).receiptHandle()));
        sqs.deleteMessageBatch(b ->
                b.queueUrl(url).entries(e -> e.id("0").receiptHandle(both.get(1).receiptHandle())));
        advance(300);

        assertThat(visible(url)).isEmpty();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void aMessageReceivedAgainIsTimedFromItsNewReceiveOnly() throws Exception {
        String url = queue("visibility-again", Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        receiveOne(url, 300);
        advance(300);
        Message again = receiveOne(url, 900);

        advance(300);
        assertThat(visible(url))
                .as("the first receive's timer no longer applies")
                .isEmpty();
        advance(600);
        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(again.messageId()));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesIsRedrivenToItsDeadLetterQueue() throws Exception {
        String dlq = queue("visibility-dlq", Map.of());
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings()
                .get("QueueArn");
        String url = queue(
                "visibility-redriven",
                Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        "300",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
        String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison")).messageId();

        for (int receive = 1; receive <= 2; receive++) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1))
                            .messages())
                    .as("receive %d", receive)
                    .singleElement()
                    .satisfies(m -> assertThat(m.messageId()).isEqualTo(id));
            advance(300);
        }

        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
                .as("past maxReceiveCount the queue moves it instead of delivering it")
                .isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages())
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void aPurgedQueueHasNothingLeftToBringBack() throws Exception {
        String url = queue("visibility-purged", Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old"));
        receiveOne(url, 300);

        sqs.purgeQueue(b -> b.queueUrl(url));
        String fresh = sqs.sendMessage(b -> b.queueUrl(url).messageBody("new")).messageId();
        advance(300);

        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(fresh));
    }

    @Test
    void anEventSourceMappingRetriesAFailedMessageWhenTheClockPassesTheQueuesTimeout() throws Exception {
        String url = queue("visibility-mapped", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"));
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings()
                .get("QueueArn");
        String function = "fails-first-delivery";
        stack.lambda()
                .createFunction(FunctionDefinition.of(
                        function,
                        FailsFirstDeliveryHandler.class.getName() + "::handleRequest",
                        testClasses(),
                        Map.of()));
        Path log = stack.lambda().logFile(function);
        String mapping = stack.mappings()
                .create(MappingDefinition.fromCloudFormation(
                        "{\"FunctionName\": \"%s\", \"EventSourceArn\": \"%s\", \"BatchSize\": 1}"
                                .formatted(function, arn),
                        stack.region().id(),
                        LocalStack.ACCOUNT));
        try {
            String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("{}")).messageId();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("delivery 1 of " + id));
            await().atMost(Duration.ofSeconds(30)).until(() -> notVisible(url) == 1);

            advance(599);
            assertThat(notVisible(url))
                    .as("the failed message waits out the queue's 600 s")
                    .isEqualTo(1);
            advance(1);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(log).contains("delivery 2 of " + id));
            await().atMost(Duration.ofSeconds(30))
                    .alias("the second delivery succeeded and the mapping deleted the message")
                    .until(() -> notVisible(url) == 0 && visible(url).isEmpty());
        } finally {
            stack.mappings().delete(mapping);
        }
    }

    @Test
    void aMessageReceivedInTheQueryProtocolComesBackWhenTheClockPassesItsTimeoutAndNotBefore() throws Exception {
        String url = queue("query-receive", Map.of());
        String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello")).messageId();

        String answer = receiveInQueryProtocolFor300s(url);
        assertThat(elements(answer, "MessageId")).containsExactly(id);

        advance(299);
        assertThat(visible(url)).as("hidden for 299 s of 300").isEmpty();
        advance(1);
        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(id));
    }

    @Test
    void aChangeInTheQueryProtocolCountsFromTheChange() throws Exception {
        String url = queue("query-changed", Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        String receipt =
                elements(receiveInQueryProtocolFor300s(url), "ReceiptHandle").getFirst();

        advance(200);
        query("/", "ChangeMessageVisibility", "QueueUrl", url, "ReceiptHandle", receipt, "VisibilityTimeout", "600");
        advance(599);
        assertThat(visible(url))
                .as("600 s from the change, not 300 s from the receive")
                .isEmpty();

        advance(1);
        assertThat(visible(url)).hasSize(1);
    }

    @Test
    void aBatchChangeInTheQueryProtocolIsFollowedPerEntry() throws Exception {
        String url = queue("query-batch-change", Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
        String received = receiveInQueryProtocolFor300s(url);
        List<String> ids = elements(received, "MessageId");
        List<String> receipts = elements(received, "ReceiptHandle");
        assertThat(receipts).hasSize(2);

        String answer = query(
                "/",
                "ChangeMessageVisibilityBatch",
                "QueueUrl",
                url,
                "ChangeMessageVisibilityBatchRequestEntry.1.Id",
                "short",
                "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle",
                receipts.get(0),
                "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout",
                "60",
                "ChangeMessageVisibilityBatchRequestEntry.2.Id",
                "long",
                "ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle",
                receipts.get(1),
                "ChangeMessageVisibilityBatchRequestEntry.2.VisibilityTimeout",
                "900");
        assertThat(elements(answer, "Id")).containsExactlyInAnyOrder("short", "long");
        advance(60);

        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(ids.get(0)));
        advance(839);
        assertThat(visible(url)).hasSize(1);
        advance(1);
        assertThat(visible(url)).hasSize(2);
    }

    @Test
    void aBatchDeleteInTheQueryProtocolForgetsTheMessages() throws Exception {
        String url = queue("query-batch-delete", Map.of());
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("two"));
        List<String> receipts = elements(receiveInQueryProtocolFor300s(url), "ReceiptHandle");
        assertThat(receipts).hasSize(2);
        int timersBefore = stack.clock().pendingTimers();

        String answer = query(
                "/",
                "DeleteMessageBatch",
                "QueueUrl",
                url,
                "DeleteMessageBatchRequestEntry.1.Id",
                "first",
                "DeleteMessageBatchRequestEntry.1.ReceiptHandle",
                receipts.get(0),
                "DeleteMessageBatchRequestEntry.2.Id",
                "second",
                "DeleteMessageBatchRequestEntry.2.ReceiptHandle",
                receipts.get(1));

        assertThat(elements(answer, "Id")).containsExactlyInAnyOrder("first", "second");
        assertThat(timersBefore - stack.clock().pendingTimers())
                .as("both messages' timers cancelled")
                .isEqualTo(2);
        advance(300);
        assertThat(visible(url)).isEmpty();
        assertThat(notVisible(url)).isZero();
    }

    @Test
    void aQueueNamedByTheRequestPathIsFollowedWithItsOwnTimeout() throws Exception {
        String name = "query-path";
        String url = queue(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600"));
        String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello")).messageId();

        String answer = query("/" + LocalStack.ACCOUNT + "/" + name, "ReceiveMessage", "WaitTimeSeconds", "1");
        assertThat(elements(answer, "MessageId")).containsExactly(id);

        advance(599);
        assertThat(visible(url)).as("the queue's 600 s").isEmpty();
        advance(1);
        assertThat(visible(url))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(id));
    }

    /**
     * One query-protocol call as the AWS CLI v1 sends it: a form post of {@code Action}, {@code Version}
     * and the parameters, to {@code path}; answers the XML, which must be a success.
     */
    private static String query(String path, String action, String... namesAndValues) throws Exception {
        StringBuilder form = new StringBuilder("Action=" + action + "&Version=2012-11-05");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append('&')
                    .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(stack.endpoint().resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A query-protocol ReceiveMessage of up to ten messages of {@code url}, hiding them for 300 s. */
    private static String receiveInQueryProtocolFor300s(String url) throws Exception {
        return query(
                "/",
                "ReceiveMessage",
                "QueueUrl",
                url,
                "MaxNumberOfMessages",
                "10",
                "VisibilityTimeout",
                "300",
                "WaitTimeSeconds",
                "1");
    }

    /** The text of every element named {@code name} in an XML answer, in document order. */
    private static List<String> elements(String xml, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList nodes = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("*", name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static int notVisible(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b ->
                        b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributesAsStrings()
                .get("ApproximateNumberOfMessagesNotVisible"));
    }

    private static Path testClasses() {
        try {
            return Path.of(FailsFirstDeliveryHandler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two messages sent, then received together and hidden for 300 s. */
    private static List<Message> sendTwoAndReceiveThemFor300Seconds(String url, String first, String second) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(first));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(second));
        List<Message> both = sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(300)
                        .waitTimeSeconds(1))
                .messages();
        assertThat(both).hasSize(2);
        return both;
    }
}
