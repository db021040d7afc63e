package dev.asynccommerce.localstack.eventsources;

import dev.asynccommerce.localstack.eventsources.MappingDefinition.StartingPosition;
import dev.asynccommerce.localstack.spi.FunctionInvoker.Invocation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * A DynamoDB Streams event-source mapping, as Lambda's stream pollers run one.
 *
 * <p>Reads every shard from the {@code StartingPosition} (shards that appear later from their start),
 * a child only after its parent is done, and invokes the function with batches of up to {@code
 * BatchSize} records, one batch of a shard at a time, so records reach the function in shard order.
 * A batch is checkpointed (never sent again) when the function succeeds.
 *
 * <p>On a function error the batch is retried after a backoff on the stack's clock; with {@code
 * BisectBatchOnFunctionError} it is first split in two and the halves are retried in order (a split
 * does not count as a retry). With {@code ReportBatchItemFailures} the records before the lowest
 * reported sequence number are checkpointed and the batch is retried from it. A batch whose retries
 * pass {@code MaximumRetryAttempts}, or records older than {@code MaximumRecordAgeInSeconds}, are
 * discarded: their {@code DDBStreamBatchInfo} goes to the on-failure destination and the shard moves
 * on. When the function cannot be invoked at all, the batch is retried without spending retries.
 *
 * <p>Record age is measured from when this poller first read the record, on the stack's clock (the
 * stream's own timestamps are wall-clock time, which a virtual clock may have left behind).
 */
final class StreamPoller extends Poller {
    private static final Logger LOG = LogManager.getLogger(StreamPoller.class);
    private static final int READ_LIMIT = 1000;
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(1);

    /** A record and when this poller first read it (stack clock). */
    private record Read(Record record, Instant seenAt) {
        String sequenceNumber() {
            return record.dynamodb().sequenceNumber();
        }
    }

    /** Records sent together, with their history of attempts. */
    private static final class Batch {
        List<Read> records;
        /** The last record taken from the shard for this batch (filtered-out ones included): handled with it. */
        final String through;

        int retries;
        int invocations;
        int unreachable;
        String requestId;
        String functionError;
        String pendingDiscard;

        Batch(List<Read> records, String through, int retries, int invocations) {
            this.records = records;
            this.through = through;
            this.retries = retries;
            this.invocations = invocations;
        }
    }

    private static final class ShardState {
        final String id;
        final String parentId;
        String iterator;
        ShardIteratorType startType;
        String lastRead;
        /** A checkpoint's first unhandled record, read again from there until something is read. */
        String resumeAt;
        /** The position comes from a checkpoint and no iterator was taken at it yet. */
        boolean fromCheckpoint;

        boolean endReached;
        boolean parked;
        boolean windowStarted;
        boolean windowElapsed;
        final Deque<Read> buffer = new ArrayDeque<>();
        final Deque<Batch> work = new ArrayDeque<>();

        ShardState(String id, String parentId, ShardIteratorType startType) {
            this.id = id;
            this.parentId = parentId;
            this.startType = startType;
        }

        boolean finished() {
            return endReached && buffer.isEmpty() && work.isEmpty();
        }
    }

    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Per shard, the last record completely handled: what a checkpoint resumes after. */
    private final Map<String, String> handled = new ConcurrentHashMap<>();

    private final StreamCheckpoint resumeFrom;
    private final Destination destination;
    private long nextRefresh;
    private String lastProblem;

    StreamPoller(String id, MappingDefinition definition, Settings settings) {
        this(id, definition, settings, null);
    }

    /**
     * A poller that takes up the shards where {@code resumeFrom} left them (null: from the mapping's
     * {@code StartingPosition}); shards the checkpoint does not name are read from their start.
     */
    StreamPoller(String id, MappingDefinition definition, Settings settings, StreamCheckpoint resumeFrom) {
        super(id, definition, settings);
        this.resumeFrom = resumeFrom;
        this.destination = definition.onFailureDestination() == null
                ? null
                : new Destination(settings.sqs(), definition.onFailureDestination());
    }

    @Override
    void prepare() {
        ShardIteratorType start = definition.startingPosition() == StartingPosition.LATEST
                ? ShardIteratorType.LATEST
                : ShardIteratorType.TRIM_HORIZON;
        for (Shard shard : describe()) {
            if (resumeFrom != null) {
                resume(shard);
                continue;
            }
            ShardState state = new ShardState(shard.shardId(), shard.parentShardId(), start);
            // Taken now, so that LATEST means "written after the mapping was created".
            state.iterator = iterator(state);
            shards.put(shard.shardId(), state);
        }
        nextRefresh = System.nanoTime() + SHARD_REFRESH.toNanos();
    }

    /** Takes a shard up where the checkpoint left it; iterators of a sequence number are taken at the first read. */
    private void resume(Shard shard) {
        StreamCheckpoint.Position position = resumeFrom.shards().get(shard.shardId());
        if (position == null) {
            // Appeared after the checkpoint was taken (or a child of a shard it knew): all of it is new.
            shards.put(
                    shard.shardId(),
                    new ShardState(shard.shardId(), shard.parentShardId(), ShardIteratorType.TRIM_HORIZON));
            return;
        }
        if (position.kind() == StreamCheckpoint.Kind.SHARD_END) {
            finished.add(shard.shardId());
            return;
        }
        ShardIteratorType type = position.kind() == StreamCheckpoint.Kind.LATEST
                ? ShardIteratorType.LATEST
                : ShardIteratorType.TRIM_HORIZON;
        ShardState state = new ShardState(shard.shardId(), shard.parentShardId(), type);
        switch (position.kind()) {
            case AFTER_SEQUENCE_NUMBER -> {
                state.lastRead = position.sequenceNumber();
                state.fromCheckpoint = true;
                handled.put(shard.shardId(), position.sequenceNumber());
            }
            case AT_SEQUENCE_NUMBER -> {
                state.resumeAt = position.sequenceNumber();
                state.fromCheckpoint = true;
            }
            case LATEST -> state.iterator = iterator(state);
            default -> {} // TRIM_HORIZON: taken at the first read
        }
        shards.put(shard.shardId(), state);
    }

    /**
     * Where each shard stands: after the last record completely handled, at the first record read but
     * not handled, or the shard's start position when nothing was read. Only while not polling (after
     * {@link #stop(Duration, boolean)} with join, or before the first launch): a {@code LATEST} shard
     * with nothing read is read once here, so that records written since are not skipped on resuming.
     */
    StreamCheckpoint checkpoint() {
        Map<String, StreamCheckpoint.Position> out = new LinkedHashMap<>();
        finished.forEach(shardId -> out.put(shardId, StreamCheckpoint.Position.of(StreamCheckpoint.Kind.SHARD_END)));
        for (ShardState shard : shards.values()) {
            String done = handled.get(shard.id);
            String pending = !shard.work.isEmpty()
                    ? shard.work.peekFirst().records.getFirst().sequenceNumber()
                    : shard.buffer.isEmpty() ? null : shard.buffer.peekFirst().sequenceNumber();
            StreamCheckpoint.Position position;
            if (done != null) {
                position = StreamCheckpoint.Position.after(done);
            } else if (pending != null) {
                position = StreamCheckpoint.Position.at(pending);
            } else if (shard.resumeAt != null) {
                position = StreamCheckpoint.Position.at(shard.resumeAt);
            } else if (shard.lastRead != null) {
                position = StreamCheckpoint.Position.after(shard.lastRead);
            } else if (shard.startType == ShardIteratorType.LATEST) {
                position = firstUnread(shard);
            } else {
                position = StreamCheckpoint.Position.of(StreamCheckpoint.Kind.TRIM_HORIZON);
            }
            out.put(shard.id, position);
        }
        return new StreamCheckpoint(out);
    }

    /**
     * A LATEST shard read nothing so far. A position a restart can take up exactly: at the first record
     * written since its iterator was taken, else after the shard's last record (all of them were
     * before the mapping's start), else, for an empty shard, its start. LATEST only when the stream
     * cannot be read now.
     */
    private StreamCheckpoint.Position firstUnread(ShardState shard) {
        try {
            String current = shard.iterator;
            if (current != null) {
                List<Record> records = settings.streams()
                        .getRecords(b -> b.shardIterator(current).limit(1))
                        .records();
                if (!records.isEmpty()) {
                    return StreamCheckpoint.Position.at(
                            records.getFirst().dynamodb().sequenceNumber());
                }
            }
            String last = lastSequenceNumber(shard.id);
            return last == null
                    ? StreamCheckpoint.Position.of(StreamCheckpoint.Kind.TRIM_HORIZON)
                    : StreamCheckpoint.Position.after(last);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{}: shard {} could not be read for its checkpoint ({}); it resumes at LATEST",
                    sourceDescription(),
                    shard.id,
                    e.toString());
            return StreamCheckpoint.Position.of(StreamCheckpoint.Kind.LATEST);
        }
    }

    /** The newest record's sequence number in the shard, reading it from its start; null when it has none. */
    private String lastSequenceNumber(String shardId) {
        String iterator = settings.streams()
                .getShardIterator(b -> b.streamArn(definition.eventSourceArn())
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        String last = null;
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page =
                    settings.streams().getRecords(b -> b.shardIterator(current).limit(READ_LIMIT));
            if (page.records().isEmpty()) {
                break;
            }
            last = page.records().getLast().dynamodb().sequenceNumber();
            iterator = page.nextShardIterator();
        }
        return last;
    }

    /** The first batch of the shard's work is done: its records, and those filtered out with them, are handled. */
    private void complete(ShardState shard) {
        Batch batch = shard.work.removeFirst();
        handled.put(shard.id, batch.through);
    }

    @Override
    boolean pollOnce() {
        if (System.nanoTime() >= nextRefresh) {
            refreshShards();
        }
        boolean progressed = false;
        for (ShardState shard : List.copyOf(shards.values())) {
            if (!running()) {
                return false;
            }
            if (shard.parentId != null && shards.containsKey(shard.parentId)) {
                continue; // the parent's records come first
            }
            progressed |= step(shard);
            if (shard.finished()) {
                shards.remove(shard.id);
                finished.add(shard.id);
                progressed = true;
            }
        }
        return progressed;
    }

    private boolean step(ShardState shard) {
        if (shard.parked) {
            return false;
        }
        if (!shard.work.isEmpty()) {
            process(shard, shard.work.peekFirst());
            return true;
        }
        boolean progressed = false;
        if (!shard.endReached && shard.buffer.size() < definition.batchSize()) {
            progressed = read(shard);
        }
        if (shard.buffer.isEmpty()) {
            return progressed;
        }
        Duration window = definition.maximumBatchingWindow();
        boolean full = shard.buffer.size() >= definition.batchSize();
        if (full || window.isZero() || shard.windowElapsed || shard.endReached) {
            shard.windowStarted = false;
            shard.windowElapsed = false;
            Batch batch = form(shard);
            if (batch != null) {
                shard.work.addLast(batch);
            }
            return true;
        }
        if (!shard.windowStarted) {
            shard.windowStarted = true;
            at(settings.timers().now().plus(window), () -> shard.windowElapsed = true);
        }
        return progressed;
    }

    /** Takes the next batch from the buffer; records the filter rejects are passed over (checkpointed). */
    private Batch form(ShardState shard) {
        List<Read> records = new ArrayList<>();
        String through = null;
        while (!shard.buffer.isEmpty() && records.size() < definition.batchSize()) {
            Read read = shard.buffer.pollFirst();
            through = read.sequenceNumber();
            if (filter.acceptsEverything()
                    || filter.accepts(
                            StreamRecords.record(read.record(), definition.eventSourceArn(), settings.region())
                                    .toString())) {
                records.add(read);
            }
        }
        if (records.isEmpty()) {
            handled.put(shard.id, through); // nothing earlier is pending: step() forms only on empty work
            return null;
        }
        return new Batch(records, through, 0, 0);
    }

    private void process(ShardState shard, Batch batch) {
        if (batch.pendingDiscard != null) {
            if (discard(shard, batch, batch.records, batch.pendingDiscard)) {
                complete(shard);
            }
            return;
        }
        if (definition.maximumRecordAge() != null) {
            Instant oldest = settings.timers().now().minus(definition.maximumRecordAge());
            int expired = 0;
            while (expired < batch.records.size()
                    && batch.records.get(expired).seenAt().isBefore(oldest)) {
                expired++;
            }
            if (expired > 0) {
                List<Read> old = List.copyOf(batch.records.subList(0, expired));
                batch.records = List.copyOf(batch.records.subList(expired, batch.records.size()));
                if (!discard(shard, batch, old, "RecordAgeExceeded")) {
                    batch.records = concat(old, batch.records);
                    return;
                }
                if (batch.records.isEmpty()) {
                    complete(shard);
                    return;
                }
                handled.put(shard.id, old.getLast().sequenceNumber());
            }
        }

        byte[] payload = StreamRecords.event(
                        batch.records.stream().map(Read::record).toList(),
                        definition.eventSourceArn(),
                        settings.region())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        if (!running()) {
            return;
        }
        Invocation invocation;
        invocationStarted();
        try {
            invocation = settings.invoker().invoke(definition.functionArn(), payload);
        } catch (RuntimeException e) {
            batch.unreachable++;
            LOG.warn("{}: could not invoke the function ({}); retrying the batch", sourceDescription(), e.toString());
            park(shard, settings.retryBackoff(batch.unreachable));
            return;
        } finally {
            invocationFinished();
        }
        batch.unreachable = 0;
        batch.invocations++;
        batch.requestId = UUID.randomUUID().toString();
        batch.functionError = invocation.functionError();

        if (invocation.failed()) {
            failed(shard, batch, definition.bisectBatchOnFunctionError());
            return;
        }
        if (!definition.reportBatchItemFailures()) {
            complete(shard);
            return;
        }
        Set<String> sequenceNumbers =
                batch.records.stream().map(Read::sequenceNumber).collect(Collectors.toSet());
        switch (BatchResponse.parse(invocation.payload(), sequenceNumbers)) {
            case BatchResponse.Complete c -> complete(shard);
            case BatchResponse.Partial p -> {
                BigInteger lowest = p.failedItems().stream()
                        .map(BigInteger::new)
                        .min(BigInteger::compareTo)
                        .orElseThrow();
                int from = 0;
                while (!new BigInteger(batch.records.get(from).sequenceNumber()).equals(lowest)) {
                    from++;
                }
                // Checkpoint before the lowest reported record; retry from it.
                if (from > 0) {
                    handled.put(shard.id, batch.records.get(from - 1).sequenceNumber());
                }
                batch.records = List.copyOf(batch.records.subList(from, batch.records.size()));
                failed(shard, batch, false);
            }
            case BatchResponse.Invalid invalid -> {
                LOG.warn(
                        "{}: invalid partial batch response ({}); the whole batch failed",
                        sourceDescription(),
                        invalid.reason());
                failed(shard, batch, definition.bisectBatchOnFunctionError());
            }
        }
    }

    private void failed(ShardState shard, Batch batch, boolean bisect) {
        if (bisect && batch.records.size() > 1) {
            int half = batch.records.size() / 2;
            shard.work.removeFirst();
            shard.work.addFirst(new Batch(
                    List.copyOf(batch.records.subList(half, batch.records.size())),
                    batch.through,
                    batch.retries,
                    batch.invocations));
            shard.work.addFirst(new Batch(
                    List.copyOf(batch.records.subList(0, half)),
                    batch.records.get(half - 1).sequenceNumber(),
                    batch.retries,
                    batch.invocations));
            return;
        }
        batch.retries++;
        int limit = definition.maximumRetryAttempts();
        if (limit >= 0 && batch.retries > limit) {
            if (discard(shard, batch, batch.records, "RetryAttemptsExhausted")) {
                complete(shard);
            }
            return;
        }
        park(shard, settings.retryBackoff(batch.retries));
    }

    /**
     * Sends the records' batch info to the on-failure destination (or drops them when there is none);
     * answers false when sending failed, after parking the shard to try again.
     */
    private boolean discard(ShardState shard, Batch batch, List<Read> records, String condition) {
        String document = FailureRecords.streamBatch(
                batch.requestId == null ? UUID.randomUUID().toString() : batch.requestId,
                definition.functionArn(),
                condition,
                batch.invocations,
                batch.functionError,
                settings.timers().now(),
                shard.id,
                records.stream().map(Read::record).toList(),
                definition.eventSourceArn());
        if (destination == null) {
            LOG.warn(
                    "{}: {} records of shard {} discarded ({}), no on-failure destination",
                    sourceDescription(),
                    records.size(),
                    shard.id,
                    condition);
            return true;
        }
        try {
            destination.send(document);
            LOG.info(
                    "{}: {} records of shard {} discarded ({}), batch info sent to {}",
                    sourceDescription(),
                    records.size(),
                    shard.id,
                    condition,
                    definition.onFailureDestination());
            batch.pendingDiscard = null;
            return true;
        } catch (RuntimeException e) {
            LOG.warn(
                    "{}: sending to the on-failure destination failed ({}); trying again",
                    sourceDescription(),
                    e.toString());
            if (records == batch.records) {
                batch.pendingDiscard = condition;
            }
            batch.unreachable++;
            park(shard, settings.retryBackoff(batch.unreachable));
            return false;
        }
    }

    private void park(ShardState shard, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        shard.parked = true;
        at(settings.timers().now().plus(delay), () -> shard.parked = false);
    }

    private boolean read(ShardState shard) {
        if (shard.iterator == null) {
            try {
                shard.iterator = iterator(shard);
            } catch (TrimmedDataAccessException e) {
                // A position older than the stream keeps (AWS: trimmed after 24 hours): what is left is new.
                noLongerInStream(shard, e);
            } catch (DynamoDbException e) {
                if (!shard.fromCheckpoint) {
                    throw e;
                }
                // DynamoDB Local answers a sequence number it does not have (a stream that is not the one
                // the checkpoint was taken from) with a validation or internal error, not TrimmedDataAccess.
                noLongerInStream(shard, e);
            }
            shard.fromCheckpoint = false;
            if (shard.iterator == null) {
                shard.endReached = true;
                return true;
            }
        }
        GetRecordsResponse response;
        try {
            String current = shard.iterator;
            response =
                    settings.streams().getRecords(b -> b.shardIterator(current).limit(READ_LIMIT));
        } catch (ExpiredIteratorException e) {
            shard.iterator = null; // taken again after the last record read
            return true;
        } catch (TrimmedDataAccessException e) {
            LOG.warn("{}: records of shard {} were trimmed before they were read", sourceDescription(), shard.id);
            fromTrimHorizon(shard);
            return true;
        }
        lastProblem = null;
        Instant now = settings.timers().now();
        for (Record record : response.records()) {
            shard.buffer.addLast(new Read(record, now));
            shard.lastRead = record.dynamodb().sequenceNumber();
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.endReached = true;
            return true;
        }
        return !response.records().isEmpty();
    }

    private void noLongerInStream(ShardState shard, RuntimeException e) {
        LOG.warn(
                "{}: the position {} in shard {} is no longer in the stream ({}); reading from TRIM_HORIZON",
                sourceDescription(),
                shard.lastRead != null ? "after " + shard.lastRead : "at " + shard.resumeAt,
                shard.id,
                e.getClass().getSimpleName());
        fromTrimHorizon(shard);
        handled.remove(shard.id);
        shard.iterator = iterator(shard);
    }

    private static void fromTrimHorizon(ShardState shard) {
        shard.lastRead = null;
        shard.resumeAt = null;
        shard.startType = ShardIteratorType.TRIM_HORIZON;
        shard.iterator = null;
    }

    private String iterator(ShardState shard) {
        if (shard.lastRead == null && shard.resumeAt != null) {
            return settings.streams()
                    .getShardIterator(b -> b.streamArn(definition.eventSourceArn())
                            .shardId(shard.id)
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(shard.resumeAt))
                    .shardIterator();
        }
        if (shard.lastRead != null) {
            return settings.streams()
                    .getShardIterator(b -> b.streamArn(definition.eventSourceArn())
                            .shardId(shard.id)
                            .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(shard.lastRead))
                    .shardIterator();
        }
        return settings.streams()
                .getShardIterator(b -> b.streamArn(definition.eventSourceArn())
                        .shardId(shard.id)
                        .shardIteratorType(shard.startType))
                .shardIterator();
    }

    private void refreshShards() {
        nextRefresh = System.nanoTime() + SHARD_REFRESH.toNanos();
        try {
            for (Shard shard : describe()) {
                if (!shards.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
                    // A shard that appeared after the mapping started is read from its beginning.
                    shards.put(
                            shard.shardId(),
                            new ShardState(shard.shardId(), shard.parentShardId(), ShardIteratorType.TRIM_HORIZON));
                }
            }
        } catch (RuntimeException e) {
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                LOG.warn("{}: describing the stream failed: {}", sourceDescription(), problem);
                lastProblem = problem;
            }
        }
    }

    private List<Shard> describe() {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            DescribeStreamResponse response = settings.streams()
                    .describeStream(
                            b -> b.streamArn(definition.eventSourceArn()).exclusiveStartShardId(exclusiveStart));
            all.addAll(response.streamDescription().shards());
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    private static List<Read> concat(List<Read> first, List<Read> second) {
        List<Read> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
