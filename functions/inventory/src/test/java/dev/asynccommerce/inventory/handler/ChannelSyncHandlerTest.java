package dev.asynccommerce.inventory.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asynccommerce.inventory.TestWiring;
import dev.asynccommerce.inventory.application.ChannelEvents;
import dev.asynccommerce.inventory.application.InMemoryChannelProjection;
import dev.asynccommerce.inventory.application.InMemoryStockRepository;
import dev.asynccommerce.inventory.domain.ChannelStock;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSyncHandlerTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final Sku SKU = new Sku("SKU-0001");

    private final InMemoryChannelProjection projection = new InMemoryChannelProjection();
    private final ChannelSyncHandler handler =
            new ChannelSyncHandler(TestWiring.of(new InMemoryStockRepository(), projection));

    @Test
    void appliesABatchInOrderAndIgnoresDuplicates() {
        SQSBatchResponse response = handler.handleRequest(
                batch(
                        ChannelEvents.adjusted(1, 25, 25),
                        ChannelEvents.adjusted(2, 25, 24),
                        ChannelEvents.adjusted(2, 25, 24)),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(projection.find(STORE, SKU)).contains(new ChannelStock(STORE, SKU, 2, 25, 24));
    }

    @Test
    void aGapFailsThatMessageAndEveryLaterOne() {
        SQSBatchResponse response = handler.handleRequest(
                batch(
                        ChannelEvents.adjusted(1, 25, 25),
                        ChannelEvents.adjusted(3, 25, 23),
                        ChannelEvents.adjusted(2, 25, 24)),
                null);

        assertThat(failedIds(response)).containsExactly("m-2", "m-3");
        assertThat(projection.find(STORE, SKU).orElseThrow().lastSkuSequence()).isEqualTo(1);

        // SQS delivers the rest again once the missing adjustment is there.
        handler.handleRequest(batch(ChannelEvents.adjusted(2, 25, 24)), null);
        assertThat(handler.handleRequest(batch(ChannelEvents.adjusted(3, 25, 23)), null)
                        .getBatchItemFailures())
                .isEmpty();
        assertThat(projection.find(STORE, SKU).orElseThrow().lastSkuSequence()).isEqualTo(3);
    }

    @Test
    void aPoisonMessageOrAFailureStopsTheBatchThere() {
        assertThat(failedIds(handler.handleRequest(
                        batch(ChannelEvents.adjusted(1, 1, 1), "{}", ChannelEvents.adjusted(2, 1, 1)), null)))
                .containsExactly("m-2", "m-3");

        projection.failWith(new IllegalStateException("throttled"));
        assertThat(failedIds(handler.handleRequest(batch(ChannelEvents.adjusted(2, 1, 1)), null)))
                .containsExactly("m-1");
    }

    private static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + (i + 1));
            message.setBody(bodies[i]);
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
