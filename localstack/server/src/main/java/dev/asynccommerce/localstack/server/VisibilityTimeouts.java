package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.Monitors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * SQS visibility timeouts on the stack's clock, so that {@code POST /_local/clock/advance} brings an
 * in-flight message back as AWS would once its timeout has passed. ElasticMQ hides a received message
 * on the wall clock and cannot be given another (docs/decisions/2026-11-21-sqs-on-wall-time.md); this
 * class watches the SQS traffic {@link SqsProxy} hands over (the AWS JSON protocol, which the SDK v2
 * speaks, and the query protocol of the AWS CLI v1 and older SDKs, read into the same JSON shapes by
 * {@link SqsQueryProtocol}) and keeps, per in-flight message, its queue, receipt handle and two
 * deadlines: the wall instant ElasticMQ will show it again and the stack-clock instant AWS would. A
 * timer on the stack clock fires at the latter; if the wall deadline is still ahead then, the clock was advanced past the
 * timeout, and the message is made visible at once ({@code ChangeMessageVisibility} to 0 on
 * ElasticMQ). Otherwise ElasticMQ has already shown it, and nothing is done.
 *
 * <p>That call to ElasticMQ is made off the clock's thread, so that an ElasticMQ slow to answer holds
 * up no other timer of the stack; the calls under way are a {@link VirtualClock.Quiescence} of the
 * clock, so the message is receivable when {@link VirtualClock#advance} returns all the same.
 *
 * <p>Followed: {@code ReceiveMessage} (the request's {@code VisibilityTimeout}, else the queue's
 * attribute, cached per queue), {@code ChangeMessageVisibility(Batch)} (a new timeout counts from the
 * call, as on AWS), {@code DeleteMessage(Batch)}, {@code PurgeQueue} and {@code DeleteQueue} (forget),
 * {@code SetQueueAttributes} and {@code CreateQueue} (the cached attribute is read again). A later
 * receive of the same message replaces its entry. Only successful answers count: a refused request
 * changed nothing on the queue either.
 *
 * <p>Not followed: delays ({@code DelaySeconds}) and retention; a query-protocol call {@link
 * SqsQueryProtocol} cannot read (its messages stay on ElasticMQ's wall-time timeouts).
 */
final class VisibilityTimeouts {
    private static final Logger LOG = LogManager.getLogger(VisibilityTimeouts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Below this much wall time left, ElasticMQ shows the message about as soon as the stack would: a
     * timer that fires on a flowing clock that was never advanced finds its wall deadline just due (or
     * a few milliseconds ahead, since ElasticMQ stamped its own deadline slightly before this class saw
     * the answer), and must not race ElasticMQ with a receipt that may be about to be replaced.
     */
    static final Duration WALL_TOLERANCE = Duration.ofMillis(250);

    /** Calls an SQS operation (JSON protocol) on ElasticMQ directly, bypassing the gateway and this class. */
    @FunctionalInterface
    interface ElasticMq {
        /** Answers the response body of a successful call; throws on an error answer or I/O failure. */
        JsonNode call(String operation, ObjectNode request) throws Exception;
    }

    /**
     * One received, not yet deleted message, and the timer that brings it back on the stack clock.
     * Compared by identity: a message received or changed again is a new entry.
     */
    private static final class InFlight {
        final String queue;
        final String queueUrl;
        final String messageId;
        final String receiptHandle;
        final Instant wallDeadline;
        VirtualClock.Timer timer; // guarded by the lock

        InFlight(String queue, String queueUrl, String messageId, String receiptHandle, Instant wallDeadline) {
            this.queue = queue;
            this.queueUrl = queueUrl;
            this.messageId = messageId;
            this.receiptHandle = receiptHandle;
            this.wallDeadline = wallDeadline;
        }

        String receiptKey() {
            return queue + " " + receiptHandle;
        }

        String messageKey() {
            return queue + " " + messageId;
        }
    }

    private final VirtualClock clock;
    private final Clock wall;
    private final ElasticMq elasticMq;
    private final Object lock = new Object();
    // Both guarded by lock; an entry is in both or in neither.
    private final Map<String, InFlight> byReceipt = new HashMap<>();
    private final Map<String, InFlight> byMessage = new HashMap<>();
    /** The queues' own VisibilityTimeout attribute, by queue (the URL's path). */
    private final Map<String, Duration> queueTimeouts = new ConcurrentHashMap<>();
    /** Runs the calls that show messages again, one thread each: none waits for another to answer. */
    private final Executor showing = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sqs-visibility-", 0).factory());

    private final Object showingLock = new Object();
    /** Calls to show a message again not yet answered; guarded by showingLock. */
    private int showingNow;

    /**
     * @param wall the clock ElasticMQ hides messages on (the system clock; a test may pass its own)
     */
    VisibilityTimeouts(VirtualClock clock, Clock wall, ElasticMq elasticMq) {
        this.clock = clock;
        this.wall = wall;
        this.elasticMq = elasticMq;
        clock.addQuiescence(this::awaitShown);
    }

    /** How many received messages it follows now. */
    int followed() {
        synchronized (lock) {
            return byReceipt.size();
        }
    }

    /**
     * Takes note of one SQS call that ElasticMQ answered. Never throws: a request this class cannot read
     * is left to ElasticMQ's wall-time timeouts.
     *
     * @param operation the operation, from {@code X-Amz-Target: AmazonSQS.<operation>} (or the query
     *     protocol's {@code Action})
     * @param request the request body in the JSON protocol
     * @param response the answer's body in the JSON protocol
     */
    void observe(String operation, byte[] request, int status, byte[] response) {
        if (status != 200) {
            return;
        }
        try {
            switch (operation) {
                case "ReceiveMessage" -> received(JSON.readTree(request), JSON.readTree(response));
                case "ChangeMessageVisibility" -> changed(JSON.readTree(request));
                case "ChangeMessageVisibilityBatch" -> changedBatch(JSON.readTree(request), JSON.readTree(response));
                case "DeleteMessage" -> deleted(JSON.readTree(request));
                case "DeleteMessageBatch" -> deletedBatch(JSON.readTree(request), JSON.readTree(response));
                case "PurgeQueue" ->
                    forgetQueue(JSON.readTree(request).path("QueueUrl").asText());
                case "DeleteQueue" -> {
                    String url = JSON.readTree(request).path("QueueUrl").asText();
                    forgetQueue(url);
                    forgetAttributes(url);
                }
                case "SetQueueAttributes" ->
                    forgetAttributes(JSON.readTree(request).path("QueueUrl").asText());
                case "CreateQueue" ->
                    forgetAttributes(JSON.readTree(response).path("QueueUrl").asText());
                default -> {
                    // Sending, listing and reading attributes hide nothing.
                }
            }
        } catch (Exception e) {
            LOG.warn("could not follow SQS {} on the stack clock: {}", operation, e.toString());
        }
    }

    private void received(JsonNode request, JsonNode response) throws Exception {
        JsonNode messages = response.path("Messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return;
        }
        String queueUrl = request.path("QueueUrl").asText();
        String queue = queueOf(queueUrl);
        if (queue == null) {
            return;
        }
        JsonNode requested = request.get("VisibilityTimeout");
        Duration timeout = requested != null && requested.canConvertToInt()
                ? Duration.ofSeconds(requested.asInt())
                : queueTimeout(queueUrl, queue);
        for (JsonNode message : messages) {
            String messageId = message.path("MessageId").asText(null);
            String receipt = message.path("ReceiptHandle").asText(null);
            if (messageId != null && receipt != null) {
                hide(new InFlight(queue, queueUrl, messageId, receipt, null), timeout);
            }
        }
    }

    private void changed(JsonNode request) {
        reschedule(
                request.path("QueueUrl").asText(),
                request.path("ReceiptHandle").asText(),
                request.path("VisibilityTimeout").asInt(0));
    }

    private void changedBatch(JsonNode request, JsonNode response) {
        String queueUrl = request.path("QueueUrl").asText();
        Map<String, JsonNode> entries = entriesById(request);
        for (JsonNode ok : response.path("Successful")) {
            JsonNode entry = entries.get(ok.path("Id").asText());
            if (entry != null) {
                reschedule(
                        queueUrl,
                        entry.path("ReceiptHandle").asText(),
                        entry.path("VisibilityTimeout").asInt(0));
            }
        }
    }

    private void deleted(JsonNode request) {
        forget(request.path("QueueUrl").asText(), request.path("ReceiptHandle").asText());
    }

    private void deletedBatch(JsonNode request, JsonNode response) {
        String queueUrl = request.path("QueueUrl").asText();
        Map<String, JsonNode> entries = entriesById(request);
        for (JsonNode ok : response.path("Successful")) {
            JsonNode entry = entries.get(ok.path("Id").asText());
            if (entry != null) {
                forget(queueUrl, entry.path("ReceiptHandle").asText());
            }
        }
    }

    private static Map<String, JsonNode> entriesById(JsonNode request) {
        Map<String, JsonNode> entries = new HashMap<>();
        request.path("Entries").forEach(e -> entries.put(e.path("Id").asText(), e));
        return entries;
    }

    /**
     * A new timeout for a message this class follows, counted from now: "the 10 seconds begin to count
     * from the time that you make the ChangeMessageVisibility call"
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
     */
    private void reschedule(String queueUrl, String receipt, int seconds) {
        String queue = queueOf(queueUrl);
        if (queue == null) {
            return;
        }
        InFlight known;
        synchronized (lock) {
            known = byReceipt.get(queue + " " + receipt);
        }
        if (known != null) {
            hide(known, Duration.ofSeconds(seconds));
        }
    }

    /** Follows {@code message} anew, hidden for {@code timeout} from now; 0 means visible, nothing to follow. */
    private void hide(InFlight message, Duration timeout) {
        Instant wallNow = wall.instant();
        Instant stackDeadline = clock.now().plus(timeout);
        InFlight entry = new InFlight(
                message.queue, message.queueUrl, message.messageId, message.receiptHandle, wallNow.plus(timeout));
        synchronized (lock) {
            drop(byMessage.get(entry.messageKey()));
            if (timeout.isZero() || timeout.isNegative()) {
                return;
            }
            byReceipt.put(entry.receiptKey(), entry);
            byMessage.put(entry.messageKey(), entry);
            entry.timer = clock.schedule(stackDeadline, () -> due(entry));
        }
    }

    private void forget(String queueUrl, String receipt) {
        String queue = queueOf(queueUrl);
        if (queue == null) {
            return;
        }
        synchronized (lock) {
            drop(byReceipt.get(queue + " " + receipt));
        }
    }

    private void forgetQueue(String queueUrl) {
        String queue = queueOf(queueUrl);
        if (queue == null) {
            return;
        }
        synchronized (lock) {
            List<InFlight> ofQueue = new ArrayList<>();
            byReceipt.values().forEach(e -> {
                if (e.queue.equals(queue)) {
                    ofQueue.add(e);
                }
            });
            ofQueue.forEach(this::drop);
        }
    }

    /** Removes an entry and cancels its timer; callers hold the lock. */
    private void drop(InFlight entry) {
        if (entry == null) {
            return;
        }
        byReceipt.remove(entry.receiptKey(), entry);
        byMessage.remove(entry.messageKey(), entry);
        if (entry.timer != null) {
            entry.timer.cancel();
        }
    }

    /** The stack clock reached the message's deadline. */
    private void due(InFlight entry) {
        synchronized (lock) {
            if (byReceipt.get(entry.receiptKey()) != entry) {
                return; // deleted, received again or changed meanwhile
            }
            byReceipt.remove(entry.receiptKey());
            byMessage.remove(entry.messageKey());
        }
        if (Duration.between(wall.instant(), entry.wallDeadline).compareTo(WALL_TOLERANCE) <= 0) {
            return; // ElasticMQ shows it (or already did) on its own
        }
        // Counted before this timer returns, so that the advance that fired it waits for the call.
        synchronized (showingLock) {
            showingNow++;
        }
        showing.execute(() -> {
            try {
                show(entry);
            } finally {
                synchronized (showingLock) {
                    showingNow--;
                    showingLock.notifyAll();
                }
            }
        });
    }

    private void show(InFlight entry) {
        ObjectNode request = JSON.createObjectNode()
                .put("QueueUrl", entry.queueUrl)
                .put("ReceiptHandle", entry.receiptHandle)
                .put("VisibilityTimeout", 0);
        try {
            elasticMq.call("ChangeMessageVisibility", request);
        } catch (Exception e) {
            // A receipt gone stale (the message deleted, or moved to its dead-letter queue): nothing to show.
            LOG.debug("message {} of {} not shown again: {}", entry.messageId, entry.queue, e.toString());
        }
    }

    /**
     * The clock's {@link VirtualClock.Quiescence}: blocks until every call to show a message again has
     * been answered, or {@code limit} passed.
     */
    boolean awaitShown(Duration limit) {
        return Monitors.await(showingLock, () -> showingNow == 0, limit);
    }

    private Duration queueTimeout(String queueUrl, String queue) throws Exception {
        Duration known = queueTimeouts.get(queue);
        if (known != null) {
            return known;
        }
        ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl);
        request.putArray("AttributeNames").add("VisibilityTimeout");
        JsonNode attributes = elasticMq.call("GetQueueAttributes", request).path("Attributes");
        // SQS's default when a queue sets none.
        Duration timeout = Duration.ofSeconds(
                Long.parseLong(attributes.path("VisibilityTimeout").asText("30")));
        queueTimeouts.put(queue, timeout);
        return timeout;
    }

    private void forgetAttributes(String queueUrl) {
        String queue = queueOf(queueUrl);
        if (queue != null) {
            queueTimeouts.remove(queue);
        }
    }

    /**
     * A queue by its URL's path ({@code /<account>/<name>}): clients may name the same queue with another
     * host (localhost, the stack's address, a deployment's output).
     */
    private static String queueOf(String queueUrl) {
        if (queueUrl == null || queueUrl.isEmpty()) {
            return null;
        }
        try {
            String path = URI.create(queueUrl).getPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
