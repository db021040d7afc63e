package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link VisibilityTimeouts} asks of ElasticMQ as the stack clock and the wall clock move: the
 * stack clock is manual, the wall clock a settable one, and ElasticMQ a recording stand-in that answers
 * the queue's attribute ({@code SqsVisibilityTimeoutsIT} runs the same against the real ElasticMQ).
 */
class VisibilityTimeoutsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "http://127.0.0.1:4566/000000000000/orders";
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    private final VirtualClock clock = VirtualClock.manual(START);
    private final SettableClock wall = new SettableClock(START);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private String queueTimeout = "120";
    private final VisibilityTimeouts timeouts = new VisibilityTimeouts(clock, wall, this::elasticMq);

    private JsonNode elasticMq(String operation, ObjectNode request) {
        calls.add(operation + " " + request);
        if (operation.equals("GetQueueAttributes")) {
            return JSON.createObjectNode()
                    .set("Attributes", JSON.createObjectNode().put("VisibilityTimeout", queueTimeout));
        }
        return JSON.createObjectNode();
    }

    private void observe(String operation, String request, String response) {
        timeouts.observe(
                operation, request.getBytes(StandardCharsets.UTF_8), 200, response.getBytes(StandardCharsets.UTF_8));
    }

    private void receive(String visibility, String... idsAndReceipts) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < idsAndReceipts.length; i += 2) {
            messages.append(messages.isEmpty() ? "" : ",")
                    .append("{\"MessageId\":\"%s\",\"ReceiptHandle\":\"%s\",\"Body\":\"x\"}"
                            .formatted(idsAndReceipts[i], idsAndReceipts[i + 1]));
        }
        observe(
                "ReceiveMessage",
                "{\"QueueUrl\":\"" + QUEUE + "\"" + (visibility == null ? "" : ",\"VisibilityTimeout\":" + visibility)
                        + "}",
                "{\"Messages\":[" + messages + "]}");
    }

    private List<String> shown() {
        return calls.stream()
                .filter(c -> c.startsWith("ChangeMessageVisibility "))
                .map(c -> c.replaceAll(".*\"ReceiptHandle\":\"([^\"]+)\".*", "$1"))
                .toList();
    }

    @Test
    void anAdvancePastTheTimeoutShowsTheMessageAtOnce() {
        receive("300", "m1", "r1");

        clock.advance(Duration.ofSeconds(299));
        assertThat(shown()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(calls)
                .containsExactly("ChangeMessageVisibility {\"QueueUrl\":\"" + QUEUE
                        + "\",\"ReceiptHandle\":\"r1\",\"VisibilityTimeout\":0}");
        assertThat(timeouts.followed()).isZero();
    }

    @Test
    void whenTheWallClockGotThereFirstElasticMqHasShownItAlready() {
        receive("300", "m1", "r1");

        wall.set(START.plusSeconds(300));
        clock.advance(Duration.ofSeconds(300));

        assertThat(shown()).isEmpty();
        assertThat(timeouts.followed()).isZero();
    }

    @Test
    void withoutATimeoutInTheRequestTheQueuesOwnAppliesReadOncePerQueueUntilItsAttributesChange() {
        receive(null, "m1", "r1");
        receive(null, "m2", "r2");
        clock.advance(Duration.ofSeconds(119));
        assertThat(shown()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(shown()).containsExactly("r1", "r2");
        assertThat(calls).filteredOn(c -> c.startsWith("GetQueueAttributes")).hasSize(1);

        observe(
                "SetQueueAttributes",
                "{\"QueueUrl\":\"" + QUEUE + "\",\"Attributes\":{\"VisibilityTimeout\":\"60\"}}",
                "{}");
        queueTimeout = "60";
        receive(null, "m3", "r3");
        clock.advance(Duration.ofSeconds(60));

        assertThat(shown()).containsExactly("r1", "r2", "r3");
        assertThat(calls).filteredOn(c -> c.startsWith("GetQueueAttributes")).hasSize(2);
    }

    @Test
    void aChangeCountsFromTheChangeAndZeroMeansNothingToFollow() {
        receive("300", "m1", "r1", "m2", "r2");
        clock.advance(Duration.ofSeconds(100));

        observe(
                "ChangeMessageVisibility",
                "{\"QueueUrl\":\"" + QUEUE + "\",\"ReceiptHandle\":\"r1\",\"VisibilityTimeout\":600}",
                "{}");
        observe(
                "ChangeMessageVisibility",
                "{\"QueueUrl\":\"" + QUEUE + "\",\"ReceiptHandle\":\"r2\",\"VisibilityTimeout\":0}",
                "{}");
        clock.advance(Duration.ofSeconds(599));
        assertThat(shown()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(shown()).containsExactly("r1");
    }

    @Test
    void onlyTheSuccessfulEntriesOfABatchCount() {
        receive("300", "m1", "r1", "m2", "r2");

        observe(
                "DeleteMessageBatch",
                "{\"QueueUrl\":\"" + QUEUE + "\",\"Entries\":[{\"Id\":\"a\",\"ReceiptHandle\":\"r1\"},"
                        + "{\"Id\":\"b\",\"ReceiptHandle\":\"r2\"}]}",
                "{\"Successful\":[{\"Id\":\"a\"}],\"Failed\":[{\"Id\":\"b\",\"Code\":\"ReceiptHandleIsInvalid\"}]}");
        clock.advance(Duration.ofSeconds(300));

        assertThat(shown()).containsExactly("r2");
    }

    @Test
    void aQueueIsTheUrlsPathWhicheverHostTheClientNamed() {
        receive("300", "m1", "r1");

        observe(
                "DeleteMessage",
                "{\"QueueUrl\":\"http://localhost:4566/000000000000/orders\",\"ReceiptHandle\":\"r1\"}",
                "{}");
        clock.advance(Duration.ofSeconds(300));

        assertThat(shown()).isEmpty();
    }

    @Test
    void refusedRequestsAndUnreadableBodiesChangeNothing() {
        receive("300", "m1", "r1");

        timeouts.observe(
                "DeleteMessage",
                ("{\"QueueUrl\":\"" + QUEUE + "\",\"ReceiptHandle\":\"r1\"}").getBytes(StandardCharsets.UTF_8),
                400,
                "{\"__type\":\"com.amazonaws.sqs#ReceiptHandleIsInvalid\"}".getBytes(StandardCharsets.UTF_8));
        observe("ReceiveMessage", "not json", "{}");
        observe("PurgeQueue", "{}", "{}");
        clock.advance(Duration.ofSeconds(300));

        assertThat(shown()).containsExactly("r1");
    }

    @Test
    void aStaleReceiptThatElasticMqRefusesIsLeftAlone() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        VisibilityTimeouts refusing = new VisibilityTimeouts(clock, wall, (operation, request) -> {
            attempts.add(operation);
            throw new IOException(operation + " answered 400 ReceiptHandleIsInvalid");
        });
        refusing.observe(
                "ReceiveMessage",
                ("{\"QueueUrl\":\"" + QUEUE + "\",\"VisibilityTimeout\":30}").getBytes(StandardCharsets.UTF_8),
                200,
                "{\"Messages\":[{\"MessageId\":\"m1\",\"ReceiptHandle\":\"r1\"}]}".getBytes(StandardCharsets.UTF_8));

        clock.advance(Duration.ofSeconds(30));

        assertThat(attempts).containsExactly("ChangeMessageVisibility");
        assertThat(refusing.followed()).isZero();
    }

    @Test
    void theCallThatShowsAMessageRunsOffTheClocksThreadAndTheAdvanceWaitsForItsAnswer() {
        Thread advancing = Thread.currentThread();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        List<String> shown = new CopyOnWriteArrayList<>();
        VisibilityTimeouts answeringLate = new VisibilityTimeouts(clock, wall, (operation, request) -> {
            callers.add(Thread.currentThread());
            // Answers only once the advance waits for it: an advance that returned without waiting
            // would find nothing shown yet, and one that made the call itself would never wait.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> advancing.getState() == Thread.State.TIMED_WAITING
                            || advancing.getState() == Thread.State.WAITING);
            shown.add(request.path("ReceiptHandle").asText());
            return JSON.createObjectNode();
        });
        receiveOn(answeringLate, 300, "m1", "r1");

        clock.advance(Duration.ofSeconds(300));

        assertThat(shown).containsExactly("r1");
        assertThat(callers).singleElement().isNotSameAs(advancing);
    }

    @Test
    void anElasticMqThatDoesNotAnswerHoldsUpNoOtherTimer() {
        SettableClock base = new SettableClock(START);
        VirtualClock flowing = VirtualClock.flowing(base);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> shown = new CopyOnWriteArrayList<>();
        try {
            VisibilityTimeouts hanging = new VisibilityTimeouts(flowing, wall, (operation, request) -> {
                String receipt = request.path("ReceiptHandle").asText();
                if (receipt.equals("r1")) {
                    // ElasticMQ not answering this one call (until the test lets it).
                    answer.await(30, TimeUnit.SECONDS);
                }
                shown.add(receipt);
                return JSON.createObjectNode();
            });
            receiveOn(hanging, 30, "m1", "r1");
            receiveOn(hanging, 60, "m2", "r2");
            CountDownLatch laterTimer = new CountDownLatch(1);
            flowing.schedule(START.plusSeconds(90), laterTimer::countDown);

            // The stack clock flows past every deadline; ElasticMQ's wall clock stays behind them.
            base.set(START.plusSeconds(120));

            await().atMost(Duration.ofSeconds(10)).until(() -> shown.contains("r2") && laterTimer.getCount() == 0);
            assertThat(shown).as("still waiting for ElasticMQ").doesNotContain("r1");
            answer.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> shown.contains("r1"));
        } finally {
            answer.countDown();
            flowing.close();
        }
    }

    private static void receiveOn(VisibilityTimeouts observer, int visibility, String messageId, String receipt) {
        observer.observe(
                "ReceiveMessage",
                ("{\"QueueUrl\":\"" + QUEUE + "\",\"VisibilityTimeout\":" + visibility + "}")
                        .getBytes(StandardCharsets.UTF_8),
                200,
                ("{\"Messages\":[{\"MessageId\":\"" + messageId + "\",\"ReceiptHandle\":\"" + receipt + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The wall clock, where the test says it is. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
