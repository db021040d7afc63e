package dev.asynccommerce.relay.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.asynccommerce.relay.OutboxRelayWiring;
import dev.asynccommerce.relay.application.OutboxRecord;
import dev.asynccommerce.relay.application.RecordingBackoff;
import dev.asynccommerce.relay.application.RecordingPublisher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRelayHandlerTest {
    private static final String ORDER_PLACED = "0b9c6c1e-4f0e-4c59-9d0a-6a1f3f1c2a01";
    private static final String ORDER_CONFIRMED = "5d7e2a90-1b3c-4d5e-8f70-9a1b2c3d4e02";

    private final RecordingPublisher bus = new RecordingPublisher();
    private final OutboxRelayHandler handler =
            new OutboxRelayHandler(OutboxRelayWiring.with(bus, new RecordingBackoff()));

    /** A batch as Lambda delivers it: an order insert, two outbox inserts, an update, a TTL deletion. */
    private final DynamodbEvent batch = EventLoader.loadDynamoDbEvent("events/dynamodb-outbox-batch.json");

    @Test
    void publishesOnlyTheOutboxInsertsOfABatchInStreamOrder() {
        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(bus.calls()).hasSize(1);
        List<OutboxRecord> sent = bus.calls().getFirst();
        assertThat(sent).extracting(OutboxRecord::eventId).containsExactly(ORDER_PLACED, ORDER_CONFIRMED);
        OutboxRecord placed = sent.getFirst();
        assertThat(placed.sequenceNumber()).isEqualTo("100000000000000000002");
        assertThat(placed.source()).isEqualTo("commerce.ordering");
        assertThat(placed.detailType()).isEqualTo("OrderPlaced");
        assertThat(placed.detail())
                .startsWith("{\"metadata\":{\"eventId\":\"" + ORDER_PLACED + "\"")
                .endsWith("\"data\":{\"orderId\":\"o-1001\",\"storeId\":\"store-001\"}}");
        assertThat(placed.occurredAt()).isEqualTo(Instant.parse("2026-11-21T08:15:30.123Z"));
        assertThat(placed.traceHeader())
                .isEqualTo("Root=1-6740f0b2-5f1e4b3c2d1a0f9e8d7c6b5a;Parent=53995c3f42cd8ad8;Sampled=1");
        assertThat(sent.get(1).traceHeader()).isNull();
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void namesTheSequenceNumberOfTheRecordTheBusKeepsRefusing() {
        bus.refuseAlways(ORDER_CONFIRMED, "InternalFailure");

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100000000000000000004");
    }

    @Test
    void answersAnEmptyBatchWithNoFailures() {
        DynamodbEvent empty = new DynamodbEvent();
        empty.setRecords(List.of());

        assertThat(handler.handleRequest(empty, null).getBatchItemFailures()).isEmpty();
        assertThat(bus.calls()).isEmpty();
    }
}
