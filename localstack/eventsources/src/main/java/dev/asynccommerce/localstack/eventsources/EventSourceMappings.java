package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.PersistentState;
import dev.asynccommerce.localstack.spi.Timers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack's Lambda event-source mappings: each one polls an SQS queue or a DynamoDB stream
 * through the unmodified SDK clients and invokes its function through the {@link FunctionInvoker},
 * with the batching, partial-failure, retry and failure-destination behaviour of the Lambda service
 * (see {@link SqsPoller} and {@link StreamPoller} for each source's guarantees).
 *
 * <p>Time: batching windows, stream retry backoff and record age run on the injected {@link Timers}
 * (the stack's virtual clock); register {@link #awaitIdle(Duration)} with that clock so that it
 * waits for the work a fired timer caused. Polling runs on background (virtual) threads.
 *
 * <p>Refusals: {@link #create(MappingDefinition)} throws {@link IllegalArgumentException} naming the
 * property it cannot honour, and {@link IllegalStateException} when the source does not exist.
 *
 * <p>Restarts ({@link PersistentState}, state name {@value #STATE_NAME}): what is kept per mapping,
 * keyed by function ARN and event source ARN (a deployment gives mappings new UUIDs), is whether it
 * is enabled and, for a DynamoDB stream, its {@link StreamCheckpoint} per shard, so that a restarted
 * mapping goes on after the last record it completely handled instead of reading the stream again.
 * SQS mappings carry nothing else: their messages wait in the queue. Not carried: a failing stream
 * batch's retry count and its records' age (the batch is read again and starts afresh), and a
 * checkpoint of a mapping the deployment no longer has. For the checkpoints to be exact the stack
 * calls {@link #hold()} before it deploys, then {@link #restoreState(JsonNode)}, then {@link
 * #release()}: mappings the deployment creates meanwhile take their position but read nothing.
 */
public final class EventSourceMappings implements AutoCloseable, PersistentState {
    /** The stack's name for this state (and its file). */
    public static final String STATE_NAME = "mappings";

    private static final Logger LOG = LogManager.getLogger(EventSourceMappings.class);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    private static final int STATE_VERSION = 1;

    private final Settings settings;
    private final Map<String, MappingDefinition> definitions = new ConcurrentHashMap<>();
    /** Pollers of enabled mappings; while held, stopped (or not yet launched) with their positions. */
    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    /** Where a disabled stream mapping goes on once enabled again (guarded by this). */
    private final Map<String, StreamCheckpoint> resumePoints = new HashMap<>();

    private volatile boolean closed;
    private boolean held; // guarded by this

    private EventSourceMappings(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a mapping and, when it is enabled, starts polling. The starting position is taken before
     * this returns: with {@code LATEST}, every record written after it is delivered.
     *
     * @return the mapping's id (a UUID, as Lambda's {@code UUID})
     */
    public synchronized String create(MappingDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (closed) {
            throw new IllegalStateException("the event-source mappings are closed");
        }
        String id = UUID.randomUUID().toString();
        Poller poller = poller(id, definition, null);
        if (definition.enabled()) {
            prepare(poller, definition);
            if (!held) {
                poller.launch();
            }
            pollers.put(id, poller);
        }
        definitions.put(id, definition);
        LOG.info(
                "event source mapping {}: {} -> {}{}",
                id,
                definition.eventSourceArn(),
                definition.functionArn(),
                definition.enabled() ? "" : " (disabled)");
        return id;
    }

    private Poller poller(String id, MappingDefinition definition, StreamCheckpoint resumeFrom) {
        return switch (definition.kind()) {
            case SQS -> {
                requireClient(settings.sqs(), "an SqsClient", definition);
                yield new SqsPoller(id, definition, settings);
            }
            case DYNAMODB_STREAMS -> {
                requireClient(settings.streams(), "a DynamoDbStreamsClient", definition);
                if (definition.onFailureDestination() != null) {
                    requireClient(settings.sqs(), "an SqsClient (for the on-failure destination)", definition);
                }
                yield new StreamPoller(id, definition, settings, resumeFrom);
            }
        };
    }

    private static void prepare(Poller poller, MappingDefinition definition) {
        try {
            poller.prepare();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "EventSourceArn: cannot read " + definition.eventSourceArn() + ": " + e.getMessage(), e);
        }
    }

    /** Stops and removes a mapping; a batch in flight is allowed to finish. */
    public synchronized void delete(String id) {
        if (definitions.remove(id) == null) {
            throw new NoSuchElementException("no event source mapping " + id);
        }
        resumePoints.remove(id);
        Poller poller = pollers.remove(id);
        if (poller != null) {
            poller.stop(STOP_LIMIT);
        }
    }

    /** The mapping's definition; throws {@link NoSuchElementException} when there is none. */
    public MappingDefinition definition(String id) {
        MappingDefinition definition = definitions.get(id);
        if (definition == null) {
            throw new NoSuchElementException("no event source mapping " + id);
        }
        return definition;
    }

    /** Every mapping, by id. */
    public Map<String, MappingDefinition> list() {
        return Map.copyOf(new LinkedHashMap<>(definitions));
    }

    /**
     * Enables or disables a mapping, as Lambda's {@code UpdateEventSourceMapping} with {@code Enabled}:
     * a disabled mapping stops after its batch in flight; a stream mapping enabled again goes on after
     * the last record it handled (a mapping created disabled starts at its {@code StartingPosition}).
     *
     * @throws NoSuchElementException when there is no such mapping
     * @throws IllegalStateException when enabling and the source cannot be read
     */
    public synchronized void setEnabled(String id, boolean enabled) {
        if (closed) {
            throw new IllegalStateException("the event-source mappings are closed");
        }
        MappingDefinition current = definition(id);
        if (current.enabled() == enabled) {
            return;
        }
        MappingDefinition changed = current.withEnabled(enabled);
        if (enabled) {
            Poller poller = poller(id, changed, resumePoints.get(id));
            prepare(poller, changed);
            resumePoints.remove(id);
            if (!held) {
                poller.launch();
            }
            pollers.put(id, poller);
        } else {
            Poller poller = pollers.remove(id);
            if (poller != null) {
                poller.stop(STOP_LIMIT, true);
                if (poller instanceof StreamPoller stream) {
                    resumePoints.put(id, stream.checkpoint());
                }
            }
        }
        definitions.put(id, changed);
        LOG.info("event source mapping {}: {}", id, enabled ? "enabled" : "disabled");
    }

    /**
     * Stops every mapping's polling after its batch in flight, keeping each one's position; mappings
     * created while held take their starting position but read nothing until {@link #release()}.
     * The stack holds the mappings while it deploys and restores, and before it saves.
     */
    public synchronized void hold() {
        if (held) {
            return;
        }
        held = true;
        stopAll(List.copyOf(pollers.values()), true);
    }

    /** Lets every enabled mapping poll again, from where it was held. */
    public synchronized void release() {
        if (!held) {
            return;
        }
        held = false;
        if (!closed) {
            pollers.values().forEach(Poller::launch);
        }
    }

    @Override
    public String stateName() {
        return STATE_NAME;
    }

    /**
     * {@code {"version": 1, "mappings": [{"functionArn", "eventSourceArn", "kind", "enabled", "shards":
     * [{"shardId", "position", "sequenceNumber"}]}]}}. Holds the mappings first (a position is exact
     * only while nothing polls) and leaves them held: the stack closes them next.
     */
    @Override
    public synchronized JsonNode saveState() {
        hold();
        ObjectNode state = JsonNodeFactory.instance.objectNode().put("version", STATE_VERSION);
        ArrayNode saved = state.putArray("mappings");
        definitions.forEach((id, definition) -> {
            ObjectNode mapping = saved.addObject()
                    .put("functionArn", definition.functionArn())
                    .put("eventSourceArn", definition.eventSourceArn())
                    .put("kind", definition.kind().name())
                    .put("enabled", definition.enabled());
            if (definition.kind() != MappingDefinition.SourceKind.DYNAMODB_STREAMS) {
                return;
            }
            try {
                StreamCheckpoint checkpoint =
                        pollers.get(id) instanceof StreamPoller stream ? stream.checkpoint() : resumePoints.get(id);
                if (checkpoint != null) {
                    mapping.set("shards", checkpoint.toJson());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "event source mapping {}: its stream position could not be saved ({}); after a restart it"
                                + " starts at its StartingPosition",
                        id,
                        e.toString());
            }
        });
        return state;
    }

    /**
     * Takes back what {@link #saveState()} answered, for the mappings the deployment created again
     * (matched by function and event source ARN): the enabled state changed at runtime, and a stream
     * mapping's shard positions. A stream mapping already polling is stopped and restarted from the
     * checkpoint (what it read meanwhile may be delivered twice: {@link #hold()} first avoids that).
     * A saved mapping the deployment no longer has is skipped with a warning.
     */
    @Override
    public synchronized void restoreState(JsonNode state) {
        if (!PersistentState.isVersion(state, STATE_VERSION, stateName())) {
            return;
        }
        Map<List<String>, Deque<String>> byKey = new HashMap<>();
        definitions.forEach(
                (id, d) -> byKey.computeIfAbsent(List.of(d.functionArn(), d.eventSourceArn()), k -> new ArrayDeque<>())
                        .add(id));
        int restored = 0;
        for (JsonNode saved : state.path("mappings")) {
            String function = saved.path("functionArn").asText("");
            String source = saved.path("eventSourceArn").asText("");
            Deque<String> ids = byKey.get(List.of(function, source));
            String id = ids == null ? null : ids.poll();
            if (id == null) {
                LOG.warn(
                        "event source mappings: the deployment has no mapping from {} to {}; its saved state is skipped",
                        source,
                        function);
                continue;
            }
            boolean enabled =
                    saved.path("enabled").asBoolean(definitions.get(id).enabled());
            JsonNode shards = saved.path("shards");
            StreamCheckpoint checkpoint =
                    definitions.get(id).kind() == MappingDefinition.SourceKind.DYNAMODB_STREAMS && shards.isArray()
                            ? StreamCheckpoint.fromJson(shards)
                            : null;
            try {
                restore(id, enabled, checkpoint);
                restored++;
            } catch (RuntimeException e) {
                LOG.warn("event source mapping {}: its saved state could not be restored: {}", id, e.toString());
            }
        }
        LOG.info("event source mappings: saved state restored for {} mappings", restored);
    }

    private void restore(String id, boolean enabled, StreamCheckpoint checkpoint) {
        if (checkpoint == null) {
            setEnabled(id, enabled);
            return;
        }
        MappingDefinition changed = definitions.get(id).withEnabled(enabled);
        Poller deployed = pollers.remove(id);
        if (deployed != null) {
            deployed.stop(STOP_LIMIT, true);
        }
        definitions.put(id, changed);
        resumePoints.remove(id);
        if (!enabled) {
            resumePoints.put(id, checkpoint);
            return;
        }
        Poller poller = poller(id, changed, checkpoint);
        prepare(poller, changed);
        if (!held) {
            poller.launch();
        }
        pollers.put(id, poller);
    }

    /**
     * Blocks until no mapping has work in hand — every poll has come back empty and no invocation is in
     * flight; a mapping waiting for a batching window or a retry backoff counts as idle — or until
     * {@code limit} passes. Answers whether idle was reached.
     */
    public boolean awaitIdle(Duration limit) {
        return settings.activity().await(this::allIdle, limit);
    }

    private boolean allIdle() {
        Collection<Poller> all = pollers.values();
        for (Poller poller : all) {
            if (!poller.idle()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every mapping, letting batches in flight finish. The SDK clients stay open (they are the
     * caller's). The mappings and their positions are kept, so {@link #saveState()} still answers
     * after it (a stack may stop its pollers by closing them before it saves).
     */
    @Override
    public synchronized void close() {
        closed = true;
        held = true;
        stopAll(List.copyOf(pollers.values()), true);
    }

    /** Stops pollers in parallel (each waits for its own batch in flight). */
    private static void stopAll(List<Poller> all, boolean join) {
        List<Thread> stopping = all.stream()
                .map(p -> Thread.ofVirtual().start(() -> p.stop(STOP_LIMIT, join)))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join(STOP_LIMIT.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void requireClient(Object client, String what, MappingDefinition definition) {
        if (client == null) {
            throw new IllegalStateException(
                    "EventSourceArn: " + definition.eventSourceArn() + " needs " + what + " on the builder");
        }
    }

    /** Configures the mappings; {@link #invoker} and {@link #timers} are required. */
    public static final class Builder {
        private FunctionInvoker invoker;
        private Timers timers;
        private SqsClient sqs;
        private DynamoDbStreamsClient streams;
        private String region = "us-east-1";
        private Duration pollInterval = Duration.ofMillis(50);
        private Duration retryBackoffFirst = Duration.ofSeconds(1);
        private Duration retryBackoffMax = Duration.ofSeconds(60);
        private int defaultSqsConcurrency = 5;

        private Builder() {}

        /** How functions are invoked: the stack's Lambda service. */
        public Builder invoker(FunctionInvoker invoker) {
            this.invoker = invoker;
            return this;
        }

        /** The stack's clock. */
        public Builder timers(Timers timers) {
            this.timers = timers;
            return this;
        }

        /** The SQS client that polls queues and sends to on-failure destinations (pointed at the stack). */
        public Builder sqs(SqsClient sqs) {
            this.sqs = sqs;
            return this;
        }

        /** The DynamoDB Streams client that reads streams (pointed at the stack). */
        public Builder streams(DynamoDbStreamsClient streams) {
            this.streams = streams;
            return this;
        }

        /** The region written as {@code awsRegion} into stream events (SQS events take the queue ARN's). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Rest between stream polls that found nothing, on the wall clock (Lambda: 250 ms). Default 50 ms. */
        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * Backoff between retries of a failed stream batch, on the stack's clock: {@code first}, doubling up
         * to {@code max}. Default 1 s to 60 s. {@code Duration.ZERO} retries at once.
         */
        public Builder retryBackoff(Duration first, Duration max) {
            if (first.isNegative() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 <= first <= max");
            }
            this.retryBackoffFirst = first;
            this.retryBackoffMax = max;
            return this;
        }

        /** Concurrent invocations of an SQS mapping without {@code ScalingConfig.MaximumConcurrency}. Default 5. */
        public Builder defaultSqsConcurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("defaultSqsConcurrency must be at least 1");
            }
            this.defaultSqsConcurrency = concurrency;
            return this;
        }

        public EventSourceMappings build() {
            Objects.requireNonNull(invoker, "invoker");
            Objects.requireNonNull(timers, "timers");
            return new EventSourceMappings(new Settings(
                    invoker,
                    timers,
                    sqs,
                    streams,
                    region,
                    pollInterval,
                    retryBackoffFirst,
                    retryBackoffMax,
                    defaultSqsConcurrency,
                    new Activity()));
        }
    }
}
