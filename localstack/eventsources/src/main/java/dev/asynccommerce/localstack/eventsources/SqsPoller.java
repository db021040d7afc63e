package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.FunctionInvoker.Invocation;
import dev.asynccommerce.localstack.spi.TraceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS event-source mapping, as Lambda's SQS pollers run one: long-poll the queue, gather a batch
 * (up to {@code BatchSize}, within the batching window), invoke the function synchronously, and then
 * delete what succeeded. A failed invocation deletes nothing, so the messages come back after their
 * visibility timeout and, past the queue's {@code maxReceiveCount}, the queue's own redrive policy
 * moves them to its dead-letter queue. With {@code ReportBatchItemFailures} every message but the
 * reported ones is deleted; an invalid report fails the whole batch. Messages filtered out by {@code
 * FilterCriteria} are deleted without an invocation, as Lambda does.
 *
 * <p>Concurrency: at most {@code ScalingConfig.MaximumConcurrency} invocations at once (the default
 * is set on the builder). FIFO queues: the queue gives out a message group only when none of its
 * messages is in flight, and this poller additionally never starts a batch holding a group that an
 * unfinished batch holds, so a group is processed in order, one batch at a time.
 */
final class SqsPoller extends Poller {
    private static final Logger LOG = LogManager.getLogger(SqsPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECEIVE_MAX = 10;
    private static final int LONG_POLL_SECONDS = 1;

    private final Semaphore permits;
    private final Set<String> groupsInFlight = new HashSet<>(); // guarded by itself
    private final AtomicLong windowGeneration = new AtomicLong();
    private volatile long windowElapsed = -1;
    private String queueUrl;
    private boolean fifo;

    SqsPoller(String id, MappingDefinition definition, Settings settings) {
        super(id, definition, settings);
        Integer concurrency = definition.maximumConcurrency();
        this.permits = new Semaphore(concurrency == null ? settings.defaultSqsConcurrency() : concurrency);
    }

    @Override
    void prepare() {
        String[] arn = definition.eventSourceArn().split(":", 6);
        this.queueUrl = settings.sqs().getQueueUrl(b -> b.queueName(arn[5])).queueUrl();
        Map<String, String> attributes = settings.sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.FIFO_QUEUE))
                .attributesAsStrings();
        this.fifo = Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false"));
    }

    @Override
    Duration idlePause() {
        return Duration.ZERO; // the long poll already waited
    }

    @Override
    boolean pollOnce() {
        try {
            if (!permits.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        boolean dispatched = false;
        try {
            List<Message> batch = gather();
            if (batch.isEmpty()) {
                return false;
            }
            if (!running()) {
                release(batch);
                return false;
            }
            List<Message> matching = applyFilter(batch);
            if (matching.isEmpty()) {
                return true;
            }
            Set<String> groups = fifo ? groupsOf(matching) : Set.of();
            if (!claimGroups(groups)) {
                release(matching);
                return false;
            }
            invocationStarted();
            dispatched = true;
            Thread.ofVirtual().name("esm-" + id + "-invoke").start(() -> {
                try {
                    invoke(matching);
                } finally {
                    releaseGroups(groups);
                    permits.release();
                    invocationFinished();
                }
            });
            return true;
        } finally {
            if (!dispatched) {
                permits.release();
            }
        }
    }

    /** Receives until the batch is full, or the window has elapsed (no window: the first non-empty receive). */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long generation = windowGeneration.incrementAndGet();
        boolean windowStarted = false;
        while (running()) {
            int wanted = Math.min(RECEIVE_MAX, definition.batchSize() - batch.size());
            List<Message> received = receive(wanted, batch.isEmpty() ? LONG_POLL_SECONDS : 0);
            if (!received.isEmpty()) {
                markActive(true);
                batch.addAll(received);
            } else {
                markActive(false);
            }
            if (batch.size() >= definition.batchSize()) {
                return batch;
            }
            if (batch.isEmpty()) {
                return batch;
            }
            if (definition.maximumBatchingWindow().isZero()) {
                return batch;
            }
            if (!windowStarted) {
                windowStarted = true;
                at(settings.timers().now().plus(definition.maximumBatchingWindow()), () -> windowElapsed = generation);
            }
            if (windowElapsed == generation) {
                markActive(true);
                return batch;
            }
            if (received.isEmpty()) {
                pause(settings.pollInterval());
                if (windowElapsed == generation) {
                    markActive(true);
                    return batch;
                }
            }
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return settings.sqs()
                .receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    private List<Message> applyFilter(List<Message> batch) {
        if (filter.acceptsEverything()) {
            return batch;
        }
        List<Message> matching = new ArrayList<>();
        List<Message> rejected = new ArrayList<>();
        for (Message message : batch) {
            (filter.accepts(filterView(message)) ? matching : rejected).add(message);
        }
        delete(rejected);
        return matching;
    }

    /** The record as Lambda filters it: {@code body} as JSON when it is a JSON object, else as the plain string. */
    private String filterView(Message message) {
        ObjectNode record = SqsRecords.record(message, definition.eventSourceArn(), region());
        try {
            JsonNode body = JSON.readTree(message.body());
            if (body != null && body.isObject()) {
                record.set("body", body);
            }
        } catch (IOException e) {
            // not JSON: filtered as the plain string it is
        }
        return record.toString();
    }

    private void invoke(List<Message> batch) {
        byte[] payload = SqsRecords.event(batch, definition.eventSourceArn(), region())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        Invocation invocation;
        try {
            invocation = settings.invoker().invoke(definition.functionArn(), payload, traceOf(batch));
        } catch (RuntimeException e) {
            LOG.warn(
                    "{}: could not invoke the function ({}); the batch returns after its visibility timeout",
                    sourceDescription(),
                    e.toString());
            return;
        }
        if (invocation.failed()) {
            LOG.debug("{}: the function failed ({}); nothing deleted", sourceDescription(), invocation.functionError());
            return;
        }
        if (!definition.reportBatchItemFailures()) {
            delete(batch);
            return;
        }
        Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        switch (BatchResponse.parse(invocation.payload(), ids)) {
            case BatchResponse.Complete c -> delete(batch);
            case BatchResponse.Partial p -> {
                Set<String> failed = Set.copyOf(p.failedItems());
                delete(batch.stream()
                        .filter(m -> !failed.contains(m.messageId()))
                        .toList());
            }
            case BatchResponse.Invalid invalid ->
                LOG.warn(
                        "{}: invalid partial batch response ({}); the whole batch failed",
                        sourceDescription(),
                        invalid.reason());
        }
    }

    /**
     * The batch's invocation starts a trace of its own, linked to the traces of the messages' senders
     * (their {@code AWSTraceHeader}): a batch may hold messages of many traces, and X-Ray links producer
     * traces to the Lambda consumer's (https://docs.aws.amazon.com/xray/latest/devguide/xray-tracelinking.html).
     */
    private static TraceContext traceOf(List<Message> batch) {
        List<String> headers = new ArrayList<>();
        for (Message message : batch) {
            String header = message.attributesAsStrings().get("AWSTraceHeader");
            if (header != null) {
                headers.add(header);
            }
        }
        return TraceContext.linkedTo(headers);
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += RECEIVE_MAX) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + RECEIVE_MAX));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .build());
            }
            try {
                DeleteMessageBatchResponse response = settings.sqs()
                        .deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                if (response.hasFailed() && !response.failed().isEmpty()) {
                    LOG.warn(
                            "{}: {} messages could not be deleted and will be delivered again: {}",
                            sourceDescription(),
                            response.failed().size(),
                            response.failed());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "{}: deleting processed messages failed ({}); they will be delivered again",
                        sourceDescription(),
                        e.toString());
            }
        }
    }

    /** Hands messages back to the queue at once (the mapping stopped, or their group is busy). */
    private void release(List<Message> messages) {
        for (Message message : messages) {
            try {
                settings.sqs()
                        .changeMessageVisibility(b -> b.queueUrl(queueUrl)
                                .receiptHandle(message.receiptHandle())
                                .visibilityTimeout(0));
            } catch (RuntimeException e) {
                // they come back after their visibility timeout instead
            }
        }
    }

    private static Set<String> groupsOf(List<Message> messages) {
        Set<String> groups = new HashSet<>();
        for (Message message : messages) {
            String group = message.attributesAsStrings().get("MessageGroupId");
            if (group != null) {
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * Takes the batch's message groups, waiting while an unfinished batch holds one of them (the queue
     * hands a group out again only when its visibility timeout ran out under a slow function).
     */
    private boolean claimGroups(Set<String> groups) {
        if (groups.isEmpty()) {
            return true;
        }
        synchronized (groupsInFlight) {
            while (groups.stream().anyMatch(groupsInFlight::contains)) {
                if (!running()) {
                    return false;
                }
                try {
                    groupsInFlight.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            groupsInFlight.addAll(groups);
            return true;
        }
    }

    private void releaseGroups(Set<String> groups) {
        if (groups.isEmpty()) {
            return;
        }
        synchronized (groupsInFlight) {
            groupsInFlight.removeAll(groups);
            groupsInFlight.notifyAll();
        }
    }

    private String region() {
        return definition.eventSourceArn().split(":", 6)[3];
    }
}
