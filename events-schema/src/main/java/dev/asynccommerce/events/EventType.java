package dev.asynccommerce.events;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type with its EventBridge {@code source} and {@code detail-type}, its data record and
 * its schema. One constant per event and schema version: a breaking change adds a constant for the
 * new version (same detail-type, new record, new schema) beside the old one.
 */
public enum EventType {
    ORDER_PLACED("OrderPlaced", EventSources.ORDERING, OrderPlaced.class, 1),
    ORDER_CONFIRMED("OrderConfirmed", EventSources.ORDERING, OrderConfirmed.class, 1),
    ORDER_PICKING_STARTED("OrderPickingStarted", EventSources.ORDERING, OrderPickingStarted.class, 1),
    ORDER_READY_FOR_PICKUP("OrderReadyForPickup", EventSources.ORDERING, OrderReadyForPickup.class, 1),
    ORDER_COLLECTED("OrderCollected", EventSources.ORDERING, OrderCollected.class, 1),
    ORDER_CANCELLED("OrderCancelled", EventSources.ORDERING, OrderCancelled.class, 1),
    ORDER_EXPIRED("OrderExpired", EventSources.ORDERING, OrderExpired.class, 1),
    ORDER_PAYMENT_FAILED("OrderPaymentFailed", EventSources.ORDERING, OrderPaymentFailed.class, 1),
    ORDER_PAYMENT_METHODS_UPDATED(
            "OrderPaymentMethodsUpdated", EventSources.ORDERING, OrderPaymentMethodsUpdated.class, 1),
    PAYMENT_AUTHORIZED("PaymentAuthorized", EventSources.PAYMENTS, PaymentAuthorized.class, 1),
    PAYMENT_DECLINED("PaymentDeclined", EventSources.PAYMENTS, PaymentDeclined.class, 1),
    PAYMENT_FAILED("PaymentFailed", EventSources.PAYMENTS, PaymentFailed.class, 1),
    PAYMENT_CAPTURED("PaymentCaptured", EventSources.PAYMENTS, PaymentCaptured.class, 1),
    PAYMENT_VOIDED("PaymentVoided", EventSources.PAYMENTS, PaymentVoided.class, 1),
    PAYMENT_REFUNDED("PaymentRefunded", EventSources.PAYMENTS, PaymentRefunded.class, 1),
    INVENTORY_RESERVED("InventoryReserved", EventSources.INVENTORY, InventoryReserved.class, 1),
    INVENTORY_RESERVATION_FAILED(
            "InventoryReservationFailed", EventSources.INVENTORY, InventoryReservationFailed.class, 1),
    INVENTORY_RELEASED("InventoryReleased", EventSources.INVENTORY, InventoryReleased.class, 1),
    INVENTORY_ADJUSTED("InventoryAdjusted", EventSources.INVENTORY, InventoryAdjusted.class, 1),
    PICK_TASK_CREATED("PickTaskCreated", EventSources.FULFILLMENT, PickTaskCreated.class, 1),
    ORDER_PICKED("OrderPicked", EventSources.FULFILLMENT, OrderPicked.class, 1),
    ORDER_SHORT_PICKED("OrderShortPicked", EventSources.FULFILLMENT, OrderShortPicked.class, 1),
    CUSTOMER_NOTIFIED("CustomerNotified", EventSources.NOTIFICATIONS, CustomerNotified.class, 1);

    private static final Map<Class<? extends EventData>, EventType> BY_DATA_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::dataType, Function.identity()));

    private final String detailType;
    private final String source;
    private final Class<? extends EventData> dataType;
    private final int schemaVersion;

    EventType(String detailType, String source, Class<? extends EventData> dataType, int schemaVersion) {
        this.detailType = detailType;
        this.source = source;
        this.dataType = dataType;
        this.schemaVersion = schemaVersion;
    }

    /** The event name: EventBridge {@code detail-type} and {@code metadata.eventType}. */
    public String detailType() {
        return detailType;
    }

    /** The EventBridge {@code source}: {@code commerce.<context>} of the emitting context. */
    public String source() {
        return source;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Classpath location of the schema, e.g. {@code schemas/events/OrderPlaced.v1.schema.json}. */
    public String schemaResource() {
        return "schemas/events/" + detailType + ".v" + schemaVersion + ".schema.json";
    }

    /**
     * The type producers emit today under this detail-type: the highest schema version. Empty for a
     * detail-type that is not ours.
     */
    public static Optional<EventType> forDetailType(String detailType) {
        return Arrays.stream(values())
                .filter(type -> type.detailType.equals(detailType))
                .max(Comparator.comparingInt(EventType::schemaVersion));
    }

    /** The type of one schema version of a detail-type, as named by {@code metadata.schemaVersion}. */
    public static Optional<EventType> forDetailType(String detailType, int schemaVersion) {
        return Arrays.stream(values())
                .filter(type -> type.detailType.equals(detailType) && type.schemaVersion == schemaVersion)
                .findFirst();
    }

    public static EventType of(EventData data) {
        Objects.requireNonNull(data, "data");
        return BY_DATA_TYPE.get(data.getClass());
    }
}
