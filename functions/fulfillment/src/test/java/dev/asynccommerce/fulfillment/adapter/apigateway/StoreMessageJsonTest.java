package dev.asynccommerce.fulfillment.adapter.apigateway;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.DUE;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.LINES;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.fulfillment.application.OpenPickTask;
import dev.asynccommerce.fulfillment.application.StoreMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pushes' JSON, as API.md promises it to devices: {"type", "orderId", ...}. */
class StoreMessageJsonTest {
    private static final Instant CREATED = Instant.parse("2026-11-21T09:00:00Z");

    private static JsonNode json(StoreMessage message) throws Exception {
        return new ObjectMapper().readTree(StoreMessageJson.write(message));
    }

    @Test
    void aPickTaskCreatedCarriesTheTask() throws Exception {
        JsonNode json = json(new StoreMessage.PickTaskCreated(ORDER, STORE, LINES, CREATED, DUE));

        assertThat(json.path("type").asText()).isEqualTo("PickTaskCreated");
        assertThat(json.path("orderId").asText()).isEqualTo(ORDER.value());
        assertThat(json.path("storeId").asText()).isEqualTo("store-001");
        assertThat(json.path("lines").get(1).path("sku").asText()).isEqualTo("SKU-0042");
        assertThat(json.path("lines").get(1).path("quantity").asInt()).isEqualTo(1);
        assertThat(json.path("createdAt").asText()).isEqualTo("2026-11-21T09:00:00Z");
        assertThat(json.path("dueAt").asText()).isEqualTo("2026-11-21T11:00:00Z");
    }

    @Test
    void escalationCancellationAndSyncHaveTheirTypes() throws Exception {
        assertThat(json(new StoreMessage.PickTaskEscalated(ORDER, STORE, LINES, CREATED, DUE))
                        .path("type")
                        .asText())
                .isEqualTo("PickTaskEscalated");
        JsonNode cancelled = json(new StoreMessage.OrderCancelled(ORDER, STORE, "CUSTOMER_REQUESTED"));
        assertThat(cancelled.path("type").asText()).isEqualTo("OrderCancelled");
        assertThat(cancelled.path("reason").asText()).isEqualTo("CUSTOMER_REQUESTED");
        JsonNode sync =
                json(new StoreMessage.PickTasks(STORE, List.of(new OpenPickTask(ORDER, LINES, CREATED, DUE, true))));
        assertThat(sync.path("type").asText()).isEqualTo("PickTasks");
        assertThat(sync.path("tasks").get(0).path("orderId").asText()).isEqualTo(ORDER.value());
        assertThat(sync.path("tasks").get(0).path("escalated").asBoolean()).isTrue();
    }
}
