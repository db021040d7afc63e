package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.AwaitCollection;
import dev.asynccommerce.fulfillment.application.CommandContext;
import dev.asynccommerce.fulfillment.application.CreatePickTask;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.fulfillment.domain.PickupCodeDigest;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The fulfillment steps of the BOPIS workflow ({@code FulfillmentTasksFunction}, invoked with
 * {@code arn:aws:states:::lambda:invoke.waitForTaskToken}; the event is the task's Payload):
 *
 * <ul>
 *   <li>{@code {"command":"CREATE_PICK_TASK","taskToken","orderId","correlationId","storeId",
 *       "lines":[{"sku","quantity"}],"pickingSlaSeconds","escalated"?}}: stores the open pick task
 *       with its token and {@code PickTaskCreated}; with {@code "escalated": true} the same task
 *       takes the new token and is pushed to the store again ({@code PickTaskEscalated}).
 *       {@code pickingSlaSeconds} is a positive whole number (e.g. {@code 7200}): the state machine
 *       can pass a duration but not compute an instant, so the task's {@code dueAt} is now plus the
 *       SLA, taken at creation and again at the escalation (the store gets a fresh SLA).
 *   <li>{@code {"command":"AWAIT_COLLECTION","taskToken","orderId","correlationId","storeId",
 *       "pickupCode","reminded"?}}: keeps the code's digest with the token.
 * </ul>
 *
 * Answers {@code {"orderId","status"}}, which the workflow ignores: its step completes when the
 * token does (the store routes, or {@code Order.Cancelled}). Idempotent: the same call again
 * changes nothing.
 *
 * <p>Failure behaviour: input that breaks the contract throws {@link InvalidTaskInputException}
 * (permanent, nothing changed); a storage or service failure throws, for the state machine's Retry.
 * The task token and the pickup code are never logged.
 */
public final class WorkflowTaskHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(WorkflowTaskHandler.class);

    private static final Set<String> PICK_FIELDS = Set.of(
            "command", "taskToken", "orderId", "correlationId", "storeId", "lines", "pickingSlaSeconds", "escalated");
    private static final Set<String> COLLECTION_FIELDS =
            Set.of("command", "taskToken", "orderId", "correlationId", "storeId", "pickupCode", "reminded");

    private final CreatePickTask createPickTask;
    private final AwaitCollection awaitCollection;

    public WorkflowTaskHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public WorkflowTaskHandler(FulfillmentWiring wiring) {
        this.createPickTask = wiring.createPickTask();
        this.awaitCollection = wiring.awaitCollection();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode task = StreamJson.objectOrNull(StreamJson.readText(input));
        if (task == null) {
            throw new InvalidTaskInputException(List.of(new FieldError("$", "must be a JSON object")));
        }
        String correlationId = StreamJson.safeId(task.get("correlationId"));
        String orderId = StreamJson.safeId(task.get("orderId"));
        RequestContext.log(correlationId == null ? "unknown" : correlationId, orderId);
        String command = task.path("command").asText("");
        String status = switch (command) {
            case "CREATE_PICK_TASK" -> createPickTask(task, context);
            case "AWAIT_COLLECTION" -> awaitCollection(task);
            default ->
                throw new InvalidTaskInputException(
                        List.of(new FieldError("command", "must be CREATE_PICK_TASK or AWAIT_COLLECTION")));
        };
        LOG.info("{}: {}", command, status);
        StreamJson.write(output, Map.of("orderId", orderId, "status", status));
    }

    private String createPickTask(JsonNode task, Context context) {
        JsonFields fields = new JsonFields();
        fields.refuseUnknown(task, "", PICK_FIELDS);
        Common common = common(task, fields);
        List<PickLine> lines = fields.lines(task, "lines", PickTask.MAX_LINES, 1);
        Integer slaSeconds = fields.positiveInt(task, "pickingSlaSeconds", "pickingSlaSeconds");
        boolean escalated = fields.optionalBoolean(task, "escalated", "escalated", false);
        if (!fields.valid()) {
            throw new InvalidTaskInputException(fields.errors());
        }
        if (lines.stream().map(PickLine::sku).distinct().count() != lines.size()) {
            throw new InvalidTaskInputException(List.of(new FieldError("lines", "must name each SKU once")));
        }
        String causation = context == null ? common.correlationId() : context.getAwsRequestId();
        CreatePickTask.Outcome outcome = createPickTask.execute(
                new CreatePickTask.Command(
                        common.orderId(),
                        common.storeId(),
                        lines,
                        Duration.ofSeconds(slaSeconds),
                        common.token(),
                        escalated,
                        common.correlationId()),
                new CommandContext(causation, RequestContext.traceHeader()));
        return switch (outcome) {
            case CreatePickTask.Outcome.Created c -> "CREATED";
            case CreatePickTask.Outcome.Waiting w -> w.escalated() ? "ESCALATED" : "WAITING";
            case CreatePickTask.Outcome.AlreadyReported a -> "ALREADY_REPORTED";
            case CreatePickTask.Outcome.Cancelled c -> "CANCELLED";
        };
    }

    private String awaitCollection(JsonNode task) {
        JsonFields fields = new JsonFields();
        fields.refuseUnknown(task, "", COLLECTION_FIELDS);
        Common common = common(task, fields);
        String code = fields.string(task, "pickupCode", "pickupCode");
        if (code != null && !PickupCodeDigest.isCode(code)) {
            fields.invalid("pickupCode", "must be six digits");
        }
        boolean reminded = fields.optionalBoolean(task, "reminded", "reminded", false);
        if (!fields.valid()) {
            throw new InvalidTaskInputException(fields.errors());
        }
        AwaitCollection.Outcome outcome = awaitCollection.execute(new AwaitCollection.Command(
                common.orderId(), common.storeId(), code, common.token(), reminded, common.correlationId()));
        return switch (outcome) {
            case AwaitCollection.Outcome.Awaiting a -> "AWAITING";
            case AwaitCollection.Outcome.AlreadyCollected a -> "ALREADY_COLLECTED";
            case AwaitCollection.Outcome.Cancelled c -> "CANCELLED";
        };
    }

    private record Common(OrderId orderId, StoreId storeId, TaskToken token, String correlationId) {}

    /** The fields every task has; null parts (noted in {@code fields}) when invalid. */
    private static Common common(JsonNode task, JsonFields fields) {
        String token = fields.string(task, "taskToken", "taskToken");
        if (token != null && !TaskToken.isValid(token)) {
            fields.invalid("taskToken", "must be a task token of at most " + TaskToken.MAX_LENGTH + " characters");
            token = null;
        }
        String orderId = fields.string(task, "orderId", "orderId");
        if (orderId != null && !OrderId.isValid(orderId)) {
            fields.invalid("orderId", "must be an order id (ord_ and 26 characters)");
            orderId = null;
        }
        String storeId = fields.string(task, "storeId", "storeId");
        if (storeId != null && !StoreId.isValid(storeId)) {
            fields.invalid("storeId", "must be a store id, e.g. store-001");
            storeId = null;
        }
        String correlationId = fields.string(task, "correlationId", "correlationId");
        if (correlationId != null && StreamJson.safeId(task.get("correlationId")) == null) {
            fields.invalid("correlationId", "must be 1 to 128 printable ASCII characters");
            correlationId = null;
        }
        return new Common(
                orderId == null ? null : new OrderId(orderId),
                storeId == null ? null : new StoreId(storeId),
                token == null ? null : new TaskToken(token),
                correlationId);
    }
}
