package dev.asynccommerce.statemachines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.TaskInterceptor;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of statemachines/bopis-fulfillment.asl.json on the local engine, with the contexts'
 * functions played by small fakes that answer as docs/bopis-workflow.md says and record what they
 * were asked. Waits are answered through their task tokens; timeouts pass on the engine's clock.
 */
class BopisFulfillmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "ord_0123456789abcdefghijklmnop";
    private static final Duration PICKING_SLA = Duration.ofHours(2);
    private static final Duration FIRST_PICKUP_WAIT = Duration.ofDays(2);
    private static final Duration REMINDER_LEAD = Duration.ofDays(1);
    private static final Duration PAYMENT_RETRY_WINDOW = Duration.ofDays(1);

    private static final String ORDER_PLACED = """
            {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "OrderPlaced",
             "source": "commerce.ordering", "account": "000000000000", "time": "2026-11-21T09:00:00Z",
             "region": "us-east-1", "resources": [],
             "detail": {"metadata": {"eventId": "312a22dd-3b95-463d-8776-ac85598b252a", "eventType": "OrderPlaced",
                                     "schemaVersion": 1, "occurredAt": "2026-11-21T09:00:00Z",
                                     "correlationId": "corr-1", "causationId": "req-1",
                                     "aggregateId": "%s", "sequence": 1},
                        "data": {"orderId": "%s", "customerId": "c-123", "storeId": "store-001",
                                 "fulfillmentType": "PICKUP",
                                 "lines": [{"sku": "SKU-0001", "quantity": 2, "unitPriceCents": 1299},
                                           {"sku": "SKU-0042", "quantity": 1, "unitPriceCents": 4999}],
                                 "totalCents": 7597, "currency": "EUR",
                                 "paymentMethods": [{"type": "CARD", "token": "tok_insufficient"},
                                                    {"type": "WALLET", "token": "tok_visa"}]}}}
            """.formatted(ORDER, ORDER);

    private static final String AUTHORIZED =
            "{\"outcome\": \"AUTHORIZED\", \"paymentId\": \"pay-1\", \"methodType\": \"WALLET\", \"methodIndex\": 1}";
    private static final String DECLINED = "{\"outcome\": \"DECLINED\", \"reason\": \"all methods declined\"}";

    /** What each context was asked, in order, as "context COMMAND detail". */
    private final List<String> calls = new ArrayList<>();
    /** Order steps the fake order refuses (the customer cancelled meanwhile). */
    private final Map<String, Boolean> refusedSteps = new HashMap<>();

    private String reserveOutcome = "RESERVED";
    private AslRun run;

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
    }

    private AslRun start(String authorizeResult) {
        run = harness(authorizeResult).start(ORDER_PLACED);
        return run;
    }

    private AslHarness harness(String authorizeResult) {
        AslHarness harness = AslHarness.fromFile(Path.of("bopis-fulfillment.asl.json"))
                .substitution("PaymentsQueueUrl", "https://sqs.us-east-1.amazonaws.com/000000000000/payments")
                .substitution("OrderWorkflowFunction", "order-workflow")
                .substitution("PaymentCommandsFunction", "payment-commands")
                .substitution("InventoryReservationsFunction", "inventory-reservations")
                .substitution("FulfillmentTasksFunction", "fulfillment-tasks")
                .substitution("NotificationsFunction", "notifications")
                .substitution("PaymentRetryWindowSeconds", seconds(PAYMENT_RETRY_WINDOW))
                .substitution("PickingSlaSeconds", seconds(PICKING_SLA))
                .substitution("PickupFirstWaitSeconds", seconds(FIRST_PICKUP_WAIT))
                .substitution("PickupReminderLeadSeconds", seconds(REMINDER_LEAD))
                .function("order-workflow", this::order)
                .function("payment-commands", this::payments)
                .function("inventory-reservations", this::inventory)
                .function("fulfillment-tasks", in -> answer("fulfillment", in, "WAITING"))
                .function("notifications", in -> answer("notifications", in, "SENT"));
        return authorizeResult == null ? harness : harness.stub("Authorize", authorizeResult);
    }

    private static String seconds(Duration duration) {
        return Long.toString(duration.toSeconds());
    }

    private JsonNode order(JsonNode in) {
        String command = in.path("command").asText();
        calls.add("order " + command + detail(in));
        boolean applied = !refusedSteps.getOrDefault(command, false);
        ObjectNode out = JSON.createObjectNode().put("applied", applied).put("status", applied ? command : "CANCELLED");
        if (applied && command.equals("READY_FOR_PICKUP")) {
            out.put("pickupCode", "482913");
        } else {
            out.putNull("pickupCode");
        }
        return out;
    }

    private JsonNode payments(JsonNode in) {
        String command = in.path("command").asText();
        String outcome = switch (command) {
            case "CAPTURE" -> "CAPTURED";
            case "VOID" -> "VOIDED";
            default -> "REFUNDED";
        };
        return answer("payments", in, outcome);
    }

    private JsonNode inventory(JsonNode in) {
        String command = in.path("command").asText();
        String outcome = switch (command) {
            case "RESERVE" -> reserveOutcome;
            case "RELEASE" -> "RELEASED";
            default -> "COMMITTED";
        };
        return answer("inventory", in, outcome);
    }

    private JsonNode answer(String context, JsonNode in, String outcome) {
        calls.add(context + " " + in.path("command").asText() + detail(in));
        return JSON.createObjectNode().put("outcome", outcome);
    }

    /** The parts of a call that tell paths apart; everything else is the same on every call. */
    private static String detail(JsonNode in) {
        StringBuilder detail = new StringBuilder();
        for (String field : List.of("reason", "reservationId", "escalated", "reminded", "pickupCode")) {
            if (in.hasNonNull(field)) {
                detail.append(' ')
                        .append(field)
                        .append('=')
                        .append(in.get(field).asText());
            }
        }
        return detail.toString();
    }

    private AslRun collectAfterPicking() {
        run.sendTaskSuccess("CreatePickTask", "{\"outcome\": \"PICKED\", \"lines\": []}");
        return run;
    }

    @Test
    void theHappyPathConfirmsPicksCollectsCapturesAndCommits() {
        start(AUTHORIZED);
        collectAfterPicking();
        run.sendTaskSuccess("AwaitCollection", "{\"outcome\": \"COLLECTED\"}").awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls)
                .containsExactly(
                        "inventory RESERVE reservationId=" + ORDER + "#1",
                        "order CONFIRM",
                        "order START_PICKING",
                        "fulfillment CREATE_PICK_TASK escalated=false",
                        "order READY_FOR_PICKUP",
                        "fulfillment AWAIT_COLLECTION reminded=false pickupCode=482913",
                        "payments CAPTURE",
                        "inventory COMMIT reservationId=" + ORDER + "#1",
                        "order COLLECT pickupCode=482913");
    }

    @Test
    void paymentAndReservationRunTogetherAndThePaymentMessageCarriesTheTokenAndTheMethods() {
        start(null);

        var message = run.recordedCalls().stream()
                .filter(c -> c.service().equals("sqs"))
                .findFirst()
                .orElseThrow()
                .parameters()
                .path("MessageBody");
        assertThat(message.path("command").asText()).isEqualTo("AUTHORIZE");
        assertThat(message.path("taskToken").asText()).isEqualTo(run.taskToken("Authorize"));
        assertThat(message.path("amountCents").asLong()).isEqualTo(7597);
        assertThat(message.path("methods")).hasSize(2);
        assertThat(calls).containsExactly("inventory RESERVE reservationId=" + ORDER + "#1");

        run.sendTaskSuccess("Authorize", AUTHORIZED);
        assertThat(calls).contains("order CONFIRM", "fulfillment CREATE_PICK_TASK escalated=false");
    }

    @Test
    void aDeclinedPaymentReleasesTheStockWaitsForNewMethodsAndTriesAgainAsAttemptTwo() {
        start(null);
        run.sendTaskSuccess("Authorize", DECLINED);

        assertThat(calls)
                .containsExactly(
                        "inventory RESERVE reservationId=" + ORDER + "#1",
                        "inventory RELEASE reservationId=" + ORDER + "#1",
                        "order FAIL_PAYMENT reason=all methods declined");

        run.sendTaskSuccess(
                "FailPayment", "{\"attempt\": 2, \"methods\": [{\"type\": \"CARD\", \"token\": \"tok_visa\"}]}");

        assertThat(calls).last().isEqualTo("inventory RESERVE reservationId=" + ORDER + "#2");
        var retry = run.recordedCalls().stream()
                .filter(c -> c.service().equals("sqs"))
                .toList()
                .getLast()
                .parameters()
                .path("MessageBody");
        assertThat(retry.path("attempt").asInt()).isEqualTo(2);
        assertThat(retry.path("methods").get(0).path("token").asText()).isEqualTo("tok_visa");
    }

    @Test
    void noNewMethodsWithinTheRetryWindowExpiresTheOrder() {
        start(DECLINED).advance(PAYMENT_RETRY_WINDOW.plusMinutes(1)).awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls).last().isEqualTo("order EXPIRE");
    }

    @Test
    void aCancelWhilePaymentFailedEndsWithNothingToCompensate() {
        start(DECLINED);
        run.sendTaskFailure("FailPayment", "Order.Cancelled", "CUSTOMER_REQUESTED")
                .awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls).last().isEqualTo("order FAIL_PAYMENT reason=all methods declined");
    }

    @Test
    void outOfStockAtTheChosenStoreVoidsThePaymentAndCancels() {
        reserveOutcome = "OUT_OF_STOCK";
        start(AUTHORIZED).awaitEnd();

        assertThat(calls)
                .containsExactly(
                        "inventory RESERVE reservationId=" + ORDER + "#1",
                        "payments VOID",
                        "order CANCEL reason=OUT_OF_STOCK");
    }

    @Test
    void anOrderCancelledBeforeConfirmationIsCompensatedInFull() {
        refusedSteps.put("CONFIRM", true);
        start(AUTHORIZED).awaitEnd();

        assertThat(calls).endsWith("order CONFIRM", "payments VOID", "inventory RELEASE reservationId=" + ORDER + "#1");
    }

    @Test
    void aShortPickCancelsVoidsAndReleases() {
        start(AUTHORIZED);
        run.sendTaskSuccess("CreatePickTask", "{\"outcome\": \"SHORT_PICKED\", \"lines\": []}")
                .awaitEnd();

        assertThat(calls)
                .endsWith(
                        "order CANCEL reason=SHORT_PICK",
                        "payments VOID",
                        "inventory RELEASE reservationId=" + ORDER + "#1");
    }

    @Test
    void aCancelWhileTheStorePicksVoidsAndReleases() {
        start(AUTHORIZED);
        run.sendTaskFailure("CreatePickTask", "Order.Cancelled", "CUSTOMER_REQUESTED")
                .awaitEnd();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls)
                .endsWith(
                        "fulfillment CREATE_PICK_TASK escalated=false",
                        "payments VOID",
                        "inventory RELEASE reservationId=" + ORDER + "#1");
    }

    @Test
    void aStoreThatMissesThePickingSlaTwiceLosesTheOrder() {
        start(AUTHORIZED).advance(PICKING_SLA.plusMinutes(1));

        assertThat(calls).last().isEqualTo("fulfillment CREATE_PICK_TASK escalated=true");

        run.advance(PICKING_SLA.plusMinutes(1)).awaitEnd();
        assertThat(calls)
                .endsWith(
                        "order CANCEL reason=STORE_UNAVAILABLE",
                        "payments VOID",
                        "inventory RELEASE reservationId=" + ORDER + "#1");
    }

    @Test
    void anUncollectedOrderIsRemindedThenExpiresAndIsCompensated() {
        start(AUTHORIZED);
        collectAfterPicking().advance(FIRST_PICKUP_WAIT.plusMinutes(1));

        assertThat(calls)
                .endsWith(
                        "notifications PICKUP_REMINDER",
                        "fulfillment AWAIT_COLLECTION reminded=true pickupCode=482913");

        run.advance(REMINDER_LEAD.plusMinutes(1)).awaitEnd();
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(calls).endsWith("order EXPIRE", "payments VOID", "inventory RELEASE reservationId=" + ORDER + "#1");
    }

    @Test
    void collectionAfterTheReminderStillCompletesTheOrder() {
        start(AUTHORIZED);
        collectAfterPicking().advance(FIRST_PICKUP_WAIT.plusMinutes(1));
        run.sendTaskSuccess("AwaitCollectionAfterReminder", "{\"outcome\": \"COLLECTED\"}")
                .awaitEnd();

        assertThat(calls).last().isEqualTo("order COLLECT pickupCode=482913");
    }

    @Test
    void aCancelThatRacesTheHandOverIsRefunded() {
        refusedSteps.put("COLLECT", true);
        start(AUTHORIZED);
        collectAfterPicking();
        run.sendTaskSuccess("AwaitCollection", "{\"outcome\": \"COLLECTED\"}").awaitEnd();

        assertThat(calls).endsWith("order COLLECT pickupCode=482913", "payments REFUND");
    }

    @Test
    void transientFunctionErrorsAreRetriedWithBackoff() {
        TaskInterceptor.Outcome unavailable = new TaskInterceptor.Throw("Lambda.ServiceException", "try again");
        run = harness(AUTHORIZED)
                .stubSequence(
                        "Confirm",
                        unavailable,
                        unavailable,
                        new TaskInterceptor.Return(JSON.createObjectNode()
                                .set(
                                        "Payload",
                                        JSON.createObjectNode()
                                                .put("applied", true)
                                                .put("status", "CONFIRMED")
                                                .putNull("pickupCode"))))
                .start(ORDER_PLACED);

        assertThat(run.enteredStates()).doesNotContain("StartPicking");

        run.advance(Duration.ofSeconds(10));
        assertThat(run.enteredStates()).contains("StartPicking", "CreatePickTask");
        assertThat(run.events().stream()
                        .filter(e -> e.path("type").asText().equals("TaskFailed"))
                        .count())
                .isEqualTo(2);
    }
}
