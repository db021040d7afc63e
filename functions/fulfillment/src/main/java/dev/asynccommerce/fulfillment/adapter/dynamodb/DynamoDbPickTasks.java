package dev.asynccommerce.fulfillment.adapter.dynamodb;

import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.CLOSED_RETENTION;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.STORE_PREFIX;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.epochSeconds;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.instant;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.key;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.lines;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.n;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.orderKey;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.outboxPut;
import static dev.asynccommerce.fulfillment.adapter.dynamodb.FulfillmentItems.s;

import dev.asynccommerce.fulfillment.application.Creation;
import dev.asynccommerce.fulfillment.application.OpenPickTask;
import dev.asynccommerce.fulfillment.application.OutboxMessage;
import dev.asynccommerce.fulfillment.application.PickTasks;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import dev.asynccommerce.fulfillment.domain.PickTask;
import dev.asynccommerce.fulfillment.domain.TaskToken;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Pick tasks in the fulfillment table, through the low-level client, every change in one {@code
 * TransactWriteItems} with its outbox item.
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>pk</th><th>sk</th><th>what</th></tr>
 *   <tr><td>{@code ORDER#<orderId>}</td><td>{@code PICK_TASK}</td><td>the task: lines, times,
 *       token, status, picked lines, {@code version}; {@code expiresAt} once closed</td></tr>
 *   <tr><td>{@code STORE#<storeId>}</td><td>{@code PICK_TASK#<orderId>}</td><td>an open task as
 *       the store lists it (no token); present exactly while the task is open</td></tr>
 *   <tr><td>{@code OUTBOX#<eventId>}</td><td>{@code OUTBOX}</td><td>platform's outbox item, for the
 *       relay</td></tr>
 * </table>
 *
 * <p>Failure behaviour: a lost condition comes back as a value; anything else is an exception for
 * the platform to retry.
 */
public final class DynamoDbPickTasks implements PickTasks {
    static final String TASK_SK = "PICK_TASK";
    static final String LISTED_PREFIX = "PICK_TASK#";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final OrderItems tasks;

    public DynamoDbPickTasks(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.tasks = new OrderItems(dynamo, tableName, TASK_SK);
    }

    @Override
    public Optional<PickTask> find(OrderId orderId) {
        return tasks.find(orderId).map(DynamoDbPickTasks::task);
    }

    /** Strongly consistent and paginated, so a task created a moment ago is listed however many. */
    @Override
    public List<OpenPickTask> openAt(StoreId storeId) {
        List<OpenPickTask> open = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(
                                Map.of(":pk", s(STORE_PREFIX + storeId.value()), ":prefix", s(LISTED_PREFIX)))
                        .consistentRead(true))
                .items()
                .forEach(item -> open.add(new OpenPickTask(
                        new OrderId(item.get("orderId").s()),
                        lines(item.get("lines")),
                        instant(item, "createdAt"),
                        instant(item, "dueAt"),
                        item.get("escalated").bool())));
        open.sort(Comparator.comparing(OpenPickTask::dueAt)
                .thenComparing(t -> t.orderId().value()));
        return open;
    }

    /**
     * One transaction: no cancellation recorded for the order (a condition check), the task (new
     * key), its listing, its {@code PickTaskCreated}.
     */
    @Override
    public Creation create(PickTask task, OutboxMessage created) {
        return tasks.create(task.orderId(), taskItem(task), listingPut(task), outboxPut(tableName, created));
    }

    /** One transaction: the task over its expected version, its listing put or removed, the event. */
    @Override
    public boolean save(PickTask task, long expectedVersion, OutboxMessage event) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder()
                .put(p -> p.tableName(tableName)
                        .item(taskItem(task))
                        .conditionExpression(OrderItems.VERSION_IS_EXPECTED)
                        .expressionAttributeValues(OrderItems.expecting(expectedVersion)))
                .build());
        if (task.status().isOpen()) {
            writes.add(listingPut(task));
        } else {
            writes.add(TransactWriteItem.builder()
                    .delete(d -> d.tableName(tableName).key(listingKey(task)))
                    .build());
        }
        if (event != null) {
            writes.add(outboxPut(tableName, event));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> taskItem(PickTask task) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderKey(task.orderId()), TASK_SK));
        item.put("itemType", s("PickTask"));
        item.put("orderId", s(task.orderId().value()));
        item.put("storeId", s(task.storeId().value()));
        item.put("lines", lines(task.lines()));
        item.put("createdAt", s(task.createdAt().toString()));
        item.put("dueAt", s(task.dueAt().toString()));
        item.put("taskToken", s(task.token().value()));
        item.put("escalated", AttributeValue.fromBool(task.escalated()));
        item.put("status", s(task.status().name()));
        item.put("correlationId", s(task.correlationId()));
        item.put("version", n(task.version()));
        if (!task.picked().isEmpty()) {
            item.put("picked", lines(task.picked()));
        }
        if (task.closedAt() != null) {
            item.put("closedAt", s(task.closedAt().toString()));
            item.put("expiresAt", epochSeconds(task.closedAt().plus(CLOSED_RETENTION)));
        }
        return item;
    }

    private static Map<String, AttributeValue> listingKey(PickTask task) {
        return key(
                STORE_PREFIX + task.storeId().value(),
                LISTED_PREFIX + task.orderId().value());
    }

    private TransactWriteItem listingPut(PickTask task) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(listing(task)))
                .build();
    }

    private static Map<String, AttributeValue> listing(PickTask task) {
        Map<String, AttributeValue> item = new HashMap<>(listingKey(task));
        item.put("itemType", s("OpenPickTask"));
        item.put("orderId", s(task.orderId().value()));
        item.put("lines", lines(task.lines()));
        item.put("createdAt", s(task.createdAt().toString()));
        item.put("dueAt", s(task.dueAt().toString()));
        item.put("escalated", AttributeValue.fromBool(task.escalated()));
        return item;
    }

    private static PickTask task(Map<String, AttributeValue> item) {
        return new PickTask(
                new OrderId(item.get("orderId").s()),
                new StoreId(item.get("storeId").s()),
                lines(item.get("lines")),
                instant(item, "createdAt"),
                instant(item, "dueAt"),
                new TaskToken(item.get("taskToken").s()),
                item.get("escalated").bool(),
                PickStatus.valueOf(item.get("status").s()),
                lines(item.get("picked")),
                item.get("correlationId").s(),
                Long.parseLong(item.get("version").n()),
                instant(item, "closedAt"));
    }
}
