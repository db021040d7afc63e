package dev.asynccommerce.relay.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    private static final Instant OCCURRED_AT = Instant.parse("2026-11-21T10:15:30.123Z");

    private final RecordingPublisher bus = new RecordingPublisher();
    private final RecordingBackoff backoff = new RecordingBackoff();
    private final OutboxRelay relay = new OutboxRelay(bus, backoff, RetryPolicy.standard());

    @Test
    void publishesTwentyFiveRecordsInCallsOfTenTenAndFive() {
        List<OutboxRecord> records = records(1, 25);

        RelayOutcome outcome = relay.relay(records);

        assertThat(bus.calls()).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(bus.sentEventIds()).isEqualTo(ids(1, 25));
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(ids(1, 25)));
        assertThat(backoff.pauses()).isEmpty();
    }

    @Test
    void startsANewCallWhenTheNextEntryWouldPassTheRequestSizeLimit() {
        List<OutboxRecord> records = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> withEntrySize(record(i), 100_000))
                .toList();

        RelayOutcome outcome = relay.relay(records);

        assertThat(bus.callEventIds())
                .containsExactly(List.of("evt-1", "evt-2"), List.of("evt-3", "evt-4"), List.of("evt-5"));
        assertThat(bus.calls())
                .allSatisfy(call -> assertThat(requestBytes(call)).isLessThanOrEqualTo(OutboxRelay.MAX_REQUEST_BYTES));
        assertThat(outcome).isInstanceOf(RelayOutcome.Completed.class);
    }

    @Test
    void fillsACallUpToExactlyTheSizeLimitAndNotOneByteMore() {
        int half = OutboxRelay.MAX_REQUEST_BYTES / 2;
        relay.relay(List.of(withEntrySize(record(1), half), withEntrySize(record(2), half)));
        assertThat(bus.callEventIds()).containsExactly(List.of("evt-1", "evt-2"));

        RecordingPublisher otherBus = new RecordingPublisher();
        new OutboxRelay(otherBus, backoff, RetryPolicy.standard())
                .relay(List.of(withEntrySize(record(1), half), withEntrySize(record(2), half + 1)));
        assertThat(otherBus.callEventIds()).containsExactly(List.of("evt-1"), List.of("evt-2"));
    }

    @Test
    void countsEntrySizeByEventBridgeRuleInUtf8Bytes() {
        OutboxRecord record = new OutboxRecord(
                "seq-1", "evt-1", "commerce.ordering", "OrderPlaced", "{\"a\":\"é\"}", OCCURRED_AT, null);

        // Time 14 + "commerce.ordering" 17 + "OrderPlaced" 11 + detail 9 characters, "é" taking 2 bytes.
        assertThat(EntrySize.of(record)).isEqualTo(14 + 17 + 11 + 10);
        assertThat(EntrySize.of(withTraceHeader(record, "Root=1-5759e988-bd862e3fe1be46a994272793")))
                .as("the trace header is not part of the entry size")
                .isEqualTo(EntrySize.of(record));
    }

    @Test
    void publishesAnEntryOfExactlyTheLimitAlone() {
        RelayOutcome outcome = relay.relay(List.of(withEntrySize(record(1), OutboxRelay.MAX_REQUEST_BYTES)));

        assertThat(bus.callEventIds()).containsExactly(List.of("evt-1"));
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(List.of("evt-1")));
    }

    @Test
    void reportsAnEntryLargerThanAWholeRequestAsFailedAndSendsNothingAfterIt() {
        OutboxRecord tooLarge = withEntrySize(record(2), OutboxRelay.MAX_REQUEST_BYTES + 1);

        RelayOutcome outcome = relay.relay(List.of(record(1), tooLarge, record(3)));

        assertThat(bus.callEventIds()).containsExactly(List.of("evt-1"));
        assertThat(outcome).isInstanceOfSatisfying(RelayOutcome.Stopped.class, stopped -> {
            assertThat(stopped.failedSequenceNumber()).isEqualTo("seq-0002");
            assertThat(stopped.failedEventId()).isEqualTo("evt-2");
            assertThat(stopped.reason()).contains("262145 bytes exceeds the PutEvents limit of 262144");
            assertThat(stopped.publishedEventIds()).containsExactly("evt-1");
        });
    }

    @Test
    void retriesOnlyTheRefusedEntriesWithGrowingPausesUntilTheBusAcceptsThem() {
        bus.refuse("evt-2", "InternalFailure", 2).refuse("evt-4", "ThrottlingException", 1);

        RelayOutcome outcome = relay.relay(records(1, 5));

        assertThat(bus.callEventIds()).containsExactly(ids(1, 5), List.of("evt-2", "evt-4"), List.of("evt-2"));
        assertThat(backoff.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(ids(1, 5)));
    }

    @Test
    void stopsAtTheRecordTheBusKeepsRefusingAndSendsNothingAfterItInLaterCalls() {
        bus.refuseAlways("evt-3", "InternalFailure");

        RelayOutcome outcome = relay.relay(records(1, 15));

        assertThat(bus.callEventIds())
                .containsExactly(ids(1, 10), List.of("evt-3"), List.of("evt-3"), List.of("evt-3"));
        assertThat(bus.sentEventIds()).doesNotContainAnyElementsOf(ids(11, 15));
        assertThat(backoff.pauses())
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        List<String> published = new ArrayList<>(ids(1, 10));
        published.remove("evt-3");
        assertThat(outcome)
                .isEqualTo(new RelayOutcome.Stopped(published, "seq-0003", "evt-3", "event bus error InternalFailure"));
    }

    @Test
    void stopsAtTheFirstFailedRecordInStreamOrderWhenSeveralFail() {
        bus.refuseAlways("evt-7", "InternalFailure").refuseAlways("evt-4", "ThrottlingException");

        RelayOutcome outcome = relay.relay(records(1, 8));

        assertThat(outcome).isInstanceOfSatisfying(RelayOutcome.Stopped.class, stopped -> {
            assertThat(stopped.failedSequenceNumber()).isEqualTo("seq-0004");
            assertThat(stopped.publishedEventIds())
                    .containsExactly("evt-1", "evt-2", "evt-3", "evt-5", "evt-6", "evt-8");
        });
    }

    @Test
    void doesNotRetryAnEntryTheBusRefusesForGood() {
        bus.refuse("evt-2", "MalformedDetail", 1);

        RelayOutcome outcome = relay.relay(records(1, 3));

        assertThat(bus.callEventIds()).containsExactly(ids(1, 3));
        assertThat(backoff.pauses()).isEmpty();
        assertThat(outcome)
                .isEqualTo(new RelayOutcome.Stopped(
                        List.of("evt-1", "evt-3"), "seq-0002", "evt-2", "event bus error MalformedDetail"));
    }

    @Test
    void countsAFailedCallAsEveryEntryOfItFailed() {
        bus.throwOnNextCalls(1);

        RelayOutcome outcome = relay.relay(records(1, 3));

        assertThat(bus.callEventIds()).containsExactly(ids(1, 3), ids(1, 3));
        assertThat(backoff.pauses()).containsExactly(Duration.ofMillis(100));
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(ids(1, 3)));
    }

    @Test
    void countsEntriesAPublisherLeavesUnansweredAsFailed() {
        List<List<String>> calls = new ArrayList<>();
        EventPublisher answersOnlyTheFirst = records -> {
            calls.add(records.stream().map(OutboxRecord::eventId).toList());
            return List.of(new PublishResult.Published("bus-1"));
        };
        OutboxRelay shortAnswers = new OutboxRelay(answersOnlyTheFirst, backoff, RetryPolicy.standard());

        RelayOutcome outcome = shortAnswers.relay(records(1, 2));

        assertThat(calls).containsExactly(ids(1, 2), List.of("evt-2"));
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(ids(1, 2)));
    }

    @Test
    void publishesAnEventIdRepeatedWithinTheBatchOnce() {
        OutboxRecord again =
                new OutboxRecord("seq-0009", "evt-1", "commerce.ordering", "OrderPlaced", "{}", OCCURRED_AT, null);

        RelayOutcome outcome = relay.relay(List.of(record(1), record(2), again));

        assertThat(bus.sentEventIds()).containsExactly("evt-1", "evt-2");
        assertThat(outcome).isEqualTo(new RelayOutcome.Completed(List.of("evt-1", "evt-2")));
    }

    @Test
    void reportsAMalformedRecordAfterPublishingWhatCameBeforeIt() {
        OutboxRecord noDetail =
                new OutboxRecord("seq-0002", "evt-2", "commerce.ordering", "OrderPlaced", null, null, null);

        RelayOutcome outcome = relay.relay(List.of(record(1), noDetail, record(3)));

        assertThat(bus.callEventIds()).containsExactly(List.of("evt-1"));
        assertThat(outcome)
                .isEqualTo(new RelayOutcome.Stopped(
                        List.of("evt-1"), "seq-0002", "evt-2", "missing or unreadable attributes detail, occurredAt"));
    }

    @Test
    void sendsNothingWhenTheFirstRecordIsMalformed() {
        OutboxRecord noEventId =
                new OutboxRecord("seq-0001", null, "commerce.ordering", "OrderPlaced", "{}", OCCURRED_AT, null);

        RelayOutcome outcome = relay.relay(List.of(noEventId, record(2)));

        assertThat(bus.calls()).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(RelayOutcome.Stopped.class, stopped -> {
            assertThat(stopped.failedSequenceNumber()).isEqualTo("seq-0001");
            assertThat(stopped.reason()).isEqualTo("missing or unreadable attributes eventId");
        });
    }

    @Test
    void completesAnEmptyBatchWithoutCallingTheBus() {
        assertThat(relay.relay(List.of())).isEqualTo(new RelayOutcome.Completed(List.of()));
        assertThat(bus.calls()).isEmpty();
    }

    @Test
    void doublesTheWaitPerRetryUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(policy::delayBeforeRetry))
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(800),
                        Duration.ofSeconds(1));
    }

    static OutboxRecord record(int i) {
        return new OutboxRecord(
                "seq-%04d".formatted(i),
                "evt-" + i,
                "commerce.ordering",
                "OrderPlaced",
                "{\"metadata\":{\"eventId\":\"evt-%d\"},\"data\":{}}".formatted(i),
                OCCURRED_AT,
                null);
    }

    private static List<OutboxRecord> records(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(OutboxRelayTest::record).toList();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "evt-" + i).toList();
    }

    /** The record with a detail padded (with two-byte characters) to an entry size of exactly {@code bytes}. */
    static OutboxRecord withEntrySize(OutboxRecord record, int bytes) {
        String open = "{\"metadata\":{\"eventId\":\"" + record.eventId() + "\"},\"data\":{\"note\":\"";
        String close = "\"}}";
        OutboxRecord bare = withDetail(record, open + close);
        int missing = bytes - EntrySize.of(bare);
        String padding = "é".repeat(missing / 2) + "x".repeat(missing % 2);
        OutboxRecord padded = withDetail(record, open + padding + close);
        assertThat(padded.detail().getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(padded.detail().length());
        assertThat(EntrySize.of(padded)).isEqualTo(bytes);
        return padded;
    }

    private static OutboxRecord withDetail(OutboxRecord r, String detail) {
        return new OutboxRecord(
                r.sequenceNumber(), r.eventId(), r.source(), r.detailType(), detail, r.occurredAt(), r.traceHeader());
    }

    private static OutboxRecord withTraceHeader(OutboxRecord r, String traceHeader) {
        return new OutboxRecord(
                r.sequenceNumber(), r.eventId(), r.source(), r.detailType(), r.detail(), r.occurredAt(), traceHeader);
    }

    private static int requestBytes(List<OutboxRecord> call) {
        return call.stream().mapToInt(EntrySize::of).sum();
    }
}
