package dev.asynccommerce.notifications.adapter.simulated;

/**
 * The notifications table (key {@code pk} + {@code sk}, stream NEW_AND_OLD_IMAGES, TTL on {@code
 * expiresAt}): the attribute names of its items, shared by the writer and the reader.
 *
 * <ul>
 *   <li>notification: {@code pk = ORDER#<orderId>}, {@code sk = NOTIFICATION#<key>} where key is
 *       {@code EVENT#<order event id>} or {@code PICKUP_REMINDER}; {@code itemType = Notification}.
 *   <li>outbox event: platform's OutboxItem ({@code pk = OUTBOX#<eventId>}) with {@code sk = OUTBOX}.
 * </ul>
 */
final class NotificationItems {
    static final String ITEM_TYPE = "Notification";
    static final String ORDER_PREFIX = "ORDER#";
    static final String NOTIFICATION_PREFIX = "NOTIFICATION#";
    /** The channel as operators read it in the table; the event uses its enum name. */
    static final String EMAIL_CHANNEL = "email";

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ITEM_TYPE_ATTR = "itemType";
    static final String ORDER_ID = "orderId";
    static final String CUSTOMER_ID = "customerId";
    static final String NOTIFICATION_TYPE = "notificationType";
    static final String CHANNEL = "channel";
    static final String RECIPIENT = "recipient";
    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String SENT_AT = "sentAt";
    static final String EVENT_ID = "eventId";
    static final String CAUSATION_ID = "causationId";
    static final String CORRELATION_ID = "correlationId";
    static final String EXPIRES_AT = "expiresAt";

    private NotificationItems() {}

    static String orderKey(String orderId) {
        return ORDER_PREFIX + orderId;
    }
}
