package dev.asynccommerce.inventory.adapter.dynamodb;

import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.CONDITIONAL_CHECK_FAILED;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.MAX_TRANSACTION_ITEMS;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.PK;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.THROTTLING_ERROR;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.TRANSACTION_CONFLICT;
import static dev.asynccommerce.inventory.adapter.dynamodb.InventoryTable.number;

import dev.asynccommerce.inventory.application.OutboxMessage;
import dev.asynccommerce.inventory.application.ReservationStore;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.inventory.domain.ReservationStatus;
import dev.asynccommerce.inventory.domain.ShortLine;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reservations in the inventory table ({@code pk=RESERVATION#<reservationId>, sk=RESERVATION}),
 * each change written in one {@code TransactWriteItems} with the stock rows it moves and its outbox
 * items.
 *
 * <p>DynamoDB allows 100 items per transaction; a 50-line reservation with its 51 events needs 102.
 * Events that do not fit ride in the reservation item itself ({@code pendingOutbox}, written in the
 * same transaction, so nothing is lost) and are moved to the outbox by a second transaction right
 * after. Should that second step not happen (the function dies in between), every later read of
 * the reservation ({@link #find}, used by RESERVE, RELEASE and COMMIT alike) finishes it first, and
 * a change is refused while any are pending, so they are never overwritten.
 */
public final class DynamoDbReservationStore implements ReservationStore {
    static final String ITEM_TYPE = "Reservation";
    static final String STATUS = "status";
    static final String PENDING_OUTBOX = "pendingOutbox";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbReservationStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<Reservation> find(ReservationId id) {
        Map<String, AttributeValue> item = get(id);
        if (item == null) {
            return Optional.empty();
        }
        if (item.containsKey(PENDING_OUTBOX)) {
            flushPending(id, item);
        }
        return Optional.of(toReservation(item));
    }

    @Override
    public WriteResult write(ReservationChange change) {
        List<TransactWriteItem> items = new ArrayList<>();
        change.stock()
                .forEach(level -> items.add(TransactWriteItem.builder()
                        .update(DynamoDbStockRepository.stockUpdate(tableName, level))
                        .build()));
        int reservationIndex = items.size();
        int room = MAX_TRANSACTION_ITEMS - items.size() - 1;
        List<OutboxMessage> now =
                change.events().subList(0, Math.min(room, change.events().size()));
        List<OutboxMessage> later =
                change.events().subList(now.size(), change.events().size());
        items.add(reservationPut(change, later));
        now.forEach(message -> items.add(OutboxItems.put(tableName, message)));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            return lost(e, reservationIndex);
        }
        if (!later.isEmpty()) {
            flushPending(change.reservation().id(), get(change.reservation().id()));
        }
        return new WriteResult.Written();
    }

    private static WriteResult lost(TransactionCanceledException e, int reservationIndex) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        if (reasons.size() > reservationIndex
                && CONDITIONAL_CHECK_FAILED.equals(reasons.get(reservationIndex).code())) {
            return new WriteResult.ReservationMoved();
        }
        for (int i = 0; i < Math.min(reservationIndex, reasons.size()); i++) {
            if (CONDITIONAL_CHECK_FAILED.equals(reasons.get(i).code())) {
                return new WriteResult.StockMoved();
            }
        }
        // Another transaction held one of the items, or the table throttled: a fresh read and a
        // jittered retry resolve both, as a moved stock row does.
        if (reasons.stream()
                .anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()) || THROTTLING_ERROR.equals(r.code()))) {
            return new WriteResult.StockMoved();
        }
        throw e;
    }

    private TransactWriteItem reservationPut(ReservationChange change, List<OutboxMessage> pending) {
        Reservation reservation = change.reservation();
        Map<String, AttributeValue> item = new HashMap<>(InventoryTable.reservationKey(reservation.id()));
        item.put("itemType", AttributeValue.fromS(ITEM_TYPE));
        item.put("reservationId", AttributeValue.fromS(reservation.id().value()));
        item.put("orderId", AttributeValue.fromS(reservation.id().orderId().value()));
        item.put("attempt", number(reservation.id().attempt()));
        item.put("storeId", AttributeValue.fromS(reservation.storeId().value()));
        item.put(STATUS, AttributeValue.fromS(reservation.status().name()));
        item.put(
                "lines",
                AttributeValue.fromL(reservation.lines().stream()
                        .map(l -> AttributeValue.fromM(
                                Map.of("sku", AttributeValue.fromS(l.sku().value()), "quantity", number(l.quantity()))))
                        .toList()));
        if (!reservation.shortLines().isEmpty()) {
            item.put(
                    "shortLines",
                    AttributeValue.fromL(reservation.shortLines().stream()
                            .map(s -> AttributeValue.fromM(Map.of(
                                    "sku", AttributeValue.fromS(s.sku().value()),
                                    "requested", number(s.requested()),
                                    "available", number(s.available()))))
                            .toList()));
        }
        if (!pending.isEmpty()) {
            item.put(
                    PENDING_OUTBOX,
                    AttributeValue.fromL(pending.stream()
                            .map(m -> AttributeValue.fromM(OutboxItems.item(m)))
                            .toList()));
        }
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (change.expectedStatus().isEmpty()) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
        } else {
            // Pending events are moved out before any change; a put over them would lose them.
            put.conditionExpression("#status = :expected AND attribute_not_exists(#pending)")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#pending", PENDING_OUTBOX))
                    .expressionAttributeValues(Map.of(
                            ":expected",
                            AttributeValue.fromS(change.expectedStatus().get().name())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * Moves the events parked in the reservation item to the outbox, and removes them from the item,
     * in one transaction. Losing it to a concurrent flush is fine: the events are out either way.
     */
    private void flushPending(ReservationId id, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(PENDING_OUTBOX)) {
            return;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        item.get(PENDING_OUTBOX).l().forEach(pending -> items.add(OutboxItems.put(tableName, pending.m())));
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(tableName)
                        .key(InventoryTable.reservationKey(id))
                        .updateExpression("REMOVE #pending")
                        .conditionExpression("attribute_exists(#pending)")
                        .expressionAttributeNames(Map.of("#pending", PENDING_OUTBOX))
                        .build())
                .build());
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException alreadyFlushed) {
            // Someone else moved them first (their condition held, ours did not).
        }
    }

    private Map<String, AttributeValue> get(ReservationId id) {
        var response = dynamoDb.getItem(b ->
                b.tableName(tableName).key(InventoryTable.reservationKey(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static Reservation toReservation(Map<String, AttributeValue> item) {
        ReservationId id = ReservationId.parse(item.get("reservationId").s());
        List<ReservationLine> lines = item.get("lines").l().stream()
                .map(l -> new ReservationLine(new Sku(l.m().get("sku").s()), intOf(l.m().get("quantity"))))
                .toList();
        List<ShortLine> shortLines = item.containsKey("shortLines")
                ? item.get("shortLines").l().stream()
                        .map(s -> new ShortLine(
                                new Sku(s.m().get("sku").s()),
                                intOf(s.m().get("requested")),
                                intOf(s.m().get("available"))))
                        .toList()
                : List.of();
        return new Reservation(
                id,
                new StoreId(item.get("storeId").s()),
                lines,
                ReservationStatus.valueOf(item.get(STATUS).s()),
                shortLines);
    }

    private static int intOf(AttributeValue value) {
        return Integer.parseInt(value.n());
    }

    /** For tests: whether any events are still parked in the reservation item. */
    boolean hasPendingEvents(ReservationId id) {
        Map<String, AttributeValue> item = get(id);
        return item != null && item.containsKey(PENDING_OUTBOX);
    }
}
