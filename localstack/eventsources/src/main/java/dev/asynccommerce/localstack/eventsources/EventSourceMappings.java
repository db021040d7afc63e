package dev.asynccommerce.localstack.eventsources;

import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.Timers;
import java.time.Duration;
import java.util.Collection;
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
 */
public final class EventSourceMappings implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EventSourceMappings.class);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Settings settings;
    private final Map<String, MappingDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    private volatile boolean closed;

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
    public String create(MappingDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (closed) {
            throw new IllegalStateException("the event-source mappings are closed");
        }
        String id = UUID.randomUUID().toString();
        Poller poller = switch (definition.kind()) {
            case SQS -> {
                requireClient(settings.sqs(), "an SqsClient", definition);
                yield new SqsPoller(id, definition, settings);
            }
            case DYNAMODB_STREAMS -> {
                requireClient(settings.streams(), "a DynamoDbStreamsClient", definition);
                if (definition.onFailureDestination() != null) {
                    requireClient(settings.sqs(), "an SqsClient (for the on-failure destination)", definition);
                }
                yield new StreamPoller(id, definition, settings);
            }
        };
        if (definition.enabled()) {
            try {
                poller.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "EventSourceArn: cannot read " + definition.eventSourceArn() + ": " + e.getMessage(), e);
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

    /** Stops and removes a mapping; a batch in flight is allowed to finish. */
    public void delete(String id) {
        if (definitions.remove(id) == null) {
            throw new NoSuchElementException("no event source mapping " + id);
        }
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

    /** Stops every mapping, letting batches in flight finish. The SDK clients stay open (they are the caller's). */
    @Override
    public void close() {
        closed = true;
        List<Poller> all = List.copyOf(pollers.values());
        pollers.clear();
        definitions.clear();
        List<Thread> stopping = all.stream()
                .map(p -> Thread.ofVirtual().start(() -> p.stop(STOP_LIMIT)))
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
