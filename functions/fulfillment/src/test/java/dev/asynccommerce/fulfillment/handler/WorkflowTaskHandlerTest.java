package dev.asynccommerce.fulfillment.handler;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.fulfillment.application.FulfillmentFixture;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import dev.asynccommerce.fulfillment.domain.PickupCodeDigest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The workflow's fulfillment steps, invoked with the Payloads the state machine sends. */
class WorkflowTaskHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = """
            {"command":"CREATE_PICK_TASK","taskToken":"AQCEAAAAKgAAAAMAAAAAAAAAAfirst-token",
             "orderId":"ord_01jdq8r5w3k7m2n9p4t6v8x0zb","correlationId":"req-5b0e1c7a9d3f4e2a",
             "storeId":"store-001","lines":[{"sku":"SKU-0001","quantity":2},{"sku":"SKU-0042","quantity":1}],
             "pickingSlaSeconds":7200,"escalated":false}""";
    private static final String AWAIT = """
            {"command":"AWAIT_COLLECTION","taskToken":"AQCEAAAAKgAAAAMAAAAAAAAAAfirst-token",
             "orderId":"ord_01jdq8r5w3k7m2n9p4t6v8x0zb","correlationId":"req-5b0e1c7a9d3f4e2a",
             "storeId":"store-001","pickupCode":"048213","reminded":false}""";

    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final WorkflowTaskHandler handler = new WorkflowTaskHandler(fixture.wiring);

    private JsonNode invoke(String payload) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output, null);
        return JSON.readTree(output.toByteArray());
    }

    @Test
    void createPickTaskStoresTheOpenTaskAndItsEvent() throws IOException {
        JsonNode answer = invoke(CREATE);

        assertThat(answer.path("status").asText()).isEqualTo("CREATED");
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.OPEN);
        assertThat(fixture.pickTasks.outbox()).hasSize(1);
        assertThat(invoke(CREATE).path("status").asText()).isEqualTo("WAITING");
        assertThat(fixture.pickTasks.outbox()).hasSize(1);
    }

    @Test
    void anEscalationTakesTheNewTokenWithoutASecondEvent() throws IOException {
        invoke(CREATE);

        JsonNode answer = invoke(
                CREATE.replace("first-token", "second-token").replace("\"escalated\":false", "\"escalated\":true"));

        assertThat(answer.path("status").asText()).isEqualTo("ESCALATED");
        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().token().value()).endsWith("second-token");
        assertThat(fixture.pickTasks.outbox()).hasSize(1);
    }

    @Test
    void theTaskIsDueThePickingSlaAfterItsCreationAndAgainAfterItsEscalation() throws IOException {
        Instant createdAt = fixture.clock.instant();
        invoke(CREATE);

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt()).isEqualTo(createdAt.plusSeconds(7200));

        fixture.clock.advance(Duration.ofSeconds(7200));
        Instant escalatedAt = fixture.clock.instant();
        invoke(CREATE.replace("first-token", "second-token")
                .replace("\"escalated\":false", "\"escalated\":true")
                .replace("7200", "3600"));

        assertThat(fixture.pickTasks.find(ORDER).orElseThrow().dueAt()).isEqualTo(escalatedAt.plusSeconds(3600));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "\"pickingSlaSeconds\":null,",
                "\"pickingSlaSeconds\":\"7200\",",
                "\"pickingSlaSeconds\":7200.5,",
                "\"pickingSlaSeconds\":0,",
                "\"pickingSlaSeconds\":-60,",
                "\"pickingSlaSeconds\":2147483648,",
                "\"pickingSlaSeconds\":true,"
            })
    void aPickingSlaThatIsNotAPositiveWholeNumberIsRefusedAndChangesNothing(String sla) {
        String payload = CREATE.replace("\"pickingSlaSeconds\":7200,", sla);

        assertThatThrownBy(() -> invoke(payload))
                .isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("pickingSlaSeconds");
        assertThat(fixture.pickTasks.find(ORDER)).isEmpty();
        assertThat(fixture.pickTasks.outbox()).isEmpty();
    }

    @Test
    void anEscalationWithABadPickingSlaLeavesTheTaskAsItWas() throws IOException {
        invoke(CREATE);
        var before = fixture.pickTasks.find(ORDER).orElseThrow();

        assertThatThrownBy(() -> invoke(CREATE.replace("first-token", "second-token")
                        .replace("\"escalated\":false", "\"escalated\":true")
                        .replace("7200", "0")))
                .isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("pickingSlaSeconds");
        assertThat(fixture.pickTasks.find(ORDER)).contains(before);
        assertThat(fixture.push.pushes()).isEmpty();
    }

    @Test
    void awaitCollectionKeepsOnlyTheCodesDigest() throws IOException {
        assertThat(invoke(AWAIT).path("status").asText()).isEqualTo("AWAITING");

        assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().code())
                .isEqualTo(PickupCodeDigest.of(ORDER, "048213"));
    }

    @Test
    void badInputIsAClearPermanentErrorNamingTheFieldsAndChangesNothing() {
        String bad = CREATE.replace("\"store-001\"", "\"Store 1\"")
                .replace("\"quantity\":2", "\"quantity\":0")
                .replace("7200", "\"2h\"")
                .replace("\"escalated\":false", "\"escalated\":false,\"extra\":1");

        assertThatThrownBy(() -> invoke(bad))
                .isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("storeId")
                .hasMessageContaining("lines[0].quantity")
                .hasMessageContaining("pickingSlaSeconds")
                .hasMessageContaining("extra")
                .hasMessageNotContaining("first-token");
        assertThat(fixture.pickTasks.find(ORDER)).isEmpty();
    }

    @Test
    void anUnknownCommandOrNoObjectIsRefused() {
        assertThatThrownBy(() -> invoke(CREATE.replace("CREATE_PICK_TASK", "DELETE_EVERYTHING")))
                .isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("command");
        assertThatThrownBy(() -> invoke("[1,2]")).isInstanceOf(InvalidTaskInputException.class);
        assertThatThrownBy(() -> invoke(AWAIT.replace("048213", "48213")))
                .isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("pickupCode")
                .hasMessageNotContaining("48213");
    }

    @Test
    void neitherTheTokenNorTheCodeIsLoggedButTheOrderAndCorrelationAre() throws IOException {
        try (CapturedLogs logs = new CapturedLogs()) {
            invoke(CREATE);
            invoke(AWAIT);

            assertThat(logs.lines())
                    .isNotEmpty()
                    .noneMatch(l -> l.contains("first-token") || l.contains("048213"))
                    .allMatch(l -> l.contains(ORDER.value()) && l.contains("req-5b0e1c7a9d3f4e2a"));
        }
    }
}
