package dev.asynccommerce.relay.application;

import java.util.List;

/**
 * Port to the event bus: publishes one chunk of outbox records in one call.
 *
 * <p>The relay hands over chunks that already respect the bus's limits (at most {@link
 * OutboxRelay#MAX_ENTRIES_PER_CALL} entries and {@link OutboxRelay#MAX_REQUEST_BYTES} by {@link
 * EntrySize}). Each record becomes one event with the record's source, detail-type, detail, time
 * and trace header.
 *
 * <p>Guarantees: the answer has exactly one result per record, in the order of {@code records}.
 * A call that fails as a whole (throttling, a server error after the client's own retries, a
 * network failure) does not throw: it answers {@link PublishResult.Failed} for every record, with
 * the call's error code, so the relay can retry it like any failed entry.
 */
public interface EventPublisher {

    List<PublishResult> publish(List<OutboxRecord> records);
}
