package dev.asynccommerce.relay.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Use case: publish one stream batch's outbox records to the event bus, in stream order.
 *
 * <p>Records are grouped into calls of at most {@value #MAX_ENTRIES_PER_CALL} entries and {@value
 * #MAX_REQUEST_BYTES} bytes (by {@link EntrySize}). Entries the bus refuses are retried, only those,
 * with exponential backoff, up to {@link RetryPolicy#maxAttempts()} calls; an entry the bus
 * accepted is never sent again in the same run, and an event id repeated within the batch is sent
 * once. When a record cannot be published (still failing after the retries, malformed, or larger
 * than a whole request), the run stops there: no later call is made, and the outcome names that
 * record so the stream is re-read from it. Records after it that were accepted in the same call
 * may therefore be published again on re-delivery; consumers are idempotent on the event id.
 */
public final class OutboxRelay {
    /** The most entries one {@code PutEvents} call takes. */
    public static final int MAX_ENTRIES_PER_CALL = 10;

    /** The most bytes one {@code PutEvents} call takes, all entries together (256 KiB). */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;

    /**
     * Entry error codes EventBridge documents as not retryable: another attempt fails the same way,
     * so the relay stops at once instead of spending its retries.
     */
    private static final Set<String> NOT_RETRYABLE = Set.of(
            "AccessDeniedException",
            "InvalidAccountIdException",
            "InvalidArgument",
            "MalformedDetail",
            "RedactionFailure",
            "NotAuthorizedForSourceException",
            "NotAuthorizedForDetailTypeException");

    private static final Logger LOG = LogManager.getLogger(OutboxRelay.class);

    private final EventPublisher publisher;
    private final Backoff backoff;
    private final RetryPolicy retryPolicy;

    public OutboxRelay(EventPublisher publisher, Backoff backoff, RetryPolicy retryPolicy) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** Publishes {@code records}, which must be in stream order. */
    public RelayOutcome relay(List<OutboxRecord> records) {
        List<Entry> publishable = new ArrayList<>();
        Blocker blocker = null;
        Set<String> eventIds = new HashSet<>();
        for (OutboxRecord record : records) {
            if (record.eventId() != null && eventIds.contains(record.eventId())) {
                LOG.info(
                        "skipping repeated outbox event: eventId={} detailType={} sequenceNumber={}",
                        record.eventId(),
                        record.detailType(),
                        record.sequenceNumber());
                continue;
            }
            Optional<String> defect = record.defect();
            if (defect.isPresent()) {
                LOG.error(
                        "malformed outbox record, not publishable: eventId={} detailType={} sequenceNumber={}"
                                + " reason={}",
                        record.eventId(),
                        record.detailType(),
                        record.sequenceNumber(),
                        defect.get());
                blocker = new Blocker(record, defect.get());
                break;
            }
            int size = EntrySize.of(record);
            if (size > MAX_REQUEST_BYTES) {
                String reason = "entry of " + size + " bytes exceeds the PutEvents limit of " + MAX_REQUEST_BYTES;
                LOG.error(
                        "outbox event too large for PutEvents, not publishable: eventId={} detailType={}"
                                + " sequenceNumber={} reason={}",
                        record.eventId(),
                        record.detailType(),
                        record.sequenceNumber(),
                        reason);
                blocker = new Blocker(record, reason);
                break;
            }
            eventIds.add(record.eventId());
            publishable.add(new Entry(record, size));
        }

        List<String> published = new ArrayList<>();
        for (List<Entry> chunk : chunks(publishable)) {
            ChunkResult result = publishWithRetries(chunk);
            published.addAll(result.published());
            if (result.failure() != null) {
                return stopped(published, result.failure());
            }
        }
        return blocker == null ? new RelayOutcome.Completed(published) : stopped(published, blocker);
    }

    private static RelayOutcome stopped(List<String> published, Blocker blocker) {
        return new RelayOutcome.Stopped(
                published, blocker.record().sequenceNumber(), blocker.record().eventId(), blocker.reason());
    }

    /** Greedy, in order: a call closes when one more entry would pass either limit. */
    private static List<List<Entry>> chunks(List<Entry> entries) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long currentBytes = 0;
        for (Entry entry : entries) {
            if (current.size() == MAX_ENTRIES_PER_CALL || currentBytes + entry.size() > MAX_REQUEST_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += entry.size();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private ChunkResult publishWithRetries(List<Entry> chunk) {
        int n = chunk.size();
        boolean[] accepted = new boolean[n];
        String[] lastError = new String[n];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        List<Integer> givenUp = new ArrayList<>();

        for (int attempt = 1; attempt <= retryPolicy.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff.pause(retryPolicy.delayBeforeRetry(attempt - 1));
            }
            List<Integer> sending = List.copyOf(pending);
            List<PublishResult> results =
                    call(sending.stream().map(i -> chunk.get(i).record()).toList());
            pending.clear();
            for (int k = 0; k < sending.size(); k++) {
                int index = sending.get(k);
                OutboxRecord record = chunk.get(index).record();
                switch (results.get(k)) {
                    case PublishResult.Published published -> accepted[index] = true;
                    case PublishResult.Failed failed -> {
                        lastError[index] = failed.errorCode();
                        boolean retryable = !NOT_RETRYABLE.contains(failed.errorCode());
                        LOG.warn(
                                "event bus refused outbox event: eventId={} detailType={} sequenceNumber={}"
                                        + " errorCode={} attempt={}/{} retryable={}",
                                record.eventId(),
                                record.detailType(),
                                record.sequenceNumber(),
                                failed.errorCode(),
                                attempt,
                                retryPolicy.maxAttempts(),
                                retryable);
                        (retryable ? pending : givenUp).add(index);
                    }
                }
            }
        }
        givenUp.addAll(pending);

        List<String> published = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (accepted[i]) {
                published.add(chunk.get(i).record().eventId());
            }
        }
        Blocker failure = givenUp.stream()
                .min(Integer::compare)
                .map(i -> new Blocker(chunk.get(i).record(), "event bus error " + lastError[i]))
                .orElse(null);
        if (failure != null) {
            LOG.error(
                    "outbox event not published, stopping the batch: eventId={} detailType={} sequenceNumber={}"
                            + " reason={}",
                    failure.record().eventId(),
                    failure.record().detailType(),
                    failure.record().sequenceNumber(),
                    failure.reason());
        }
        return new ChunkResult(published, failure);
    }

    /**
     * One call, with its failures as values: a port that throws or answers short is treated as a
     * failed call for the entries it left unanswered, so a surprise never loses track of which
     * entries are already on the bus.
     */
    private List<PublishResult> call(List<OutboxRecord> records) {
        List<PublishResult> results;
        try {
            results = publisher.publish(records);
        } catch (RuntimeException e) {
            LOG.warn(
                    "publish call failed: entries={} error={}",
                    records.size(),
                    e.getClass().getSimpleName());
            return records.stream()
                    .<PublishResult>map(
                            r -> new PublishResult.Failed(e.getClass().getSimpleName()))
                    .toList();
        }
        List<PublishResult> complete = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PublishResult result = results != null && i < results.size() ? results.get(i) : null;
            complete.add(result == null ? new PublishResult.Failed("NoResultForEntry") : result);
        }
        return complete;
    }

    private record Entry(OutboxRecord record, int size) {}

    private record Blocker(OutboxRecord record, String reason) {}

    private record ChunkResult(List<String> published, Blocker failure) {}
}
