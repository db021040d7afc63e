package dev.asynccommerce.relay.application;

import java.util.List;

/** What became of one stream batch's outbox records. */
public sealed interface RelayOutcome {

    /** The event ids the bus accepted in this run, in stream order, each once. */
    List<String> publishedEventIds();

    /** Every outbox record of the batch is on the bus. */
    record Completed(List<String> publishedEventIds) implements RelayOutcome {
        public Completed {
            publishedEventIds = List.copyOf(publishedEventIds);
        }
    }

    /**
     * The record at {@code failedSequenceNumber} could not be published; nothing after it in the
     * stream was sent after that was known, so the stream must be re-read from that record.
     *
     * @param failedEventId the failed record's event id, null when the record had none
     * @param reason why, fit for a log line: an error code or the missing attributes, never data
     */
    record Stopped(List<String> publishedEventIds, String failedSequenceNumber, String failedEventId, String reason)
            implements RelayOutcome {
        public Stopped {
            publishedEventIds = List.copyOf(publishedEventIds);
        }
    }
}
