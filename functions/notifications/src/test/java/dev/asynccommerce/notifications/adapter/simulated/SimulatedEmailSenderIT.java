package dev.asynccommerce.notifications.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.events.EventJson;
import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.application.NotificationSender;
import dev.asynccommerce.notifications.application.OutboxMessage;
import dev.asynccommerce.notifications.domain.Channel;
import dev.asynccommerce.notifications.domain.EmailAddress;
import dev.asynccommerce.notifications.domain.Message;
import dev.asynccommerce.notifications.domain.Notification;
import dev.asynccommerce.notifications.domain.NotificationKey;
import dev.asynccommerce.notifications.domain.NotificationType;
import dev.asynccommerce.platform.outbox.OutboxItem;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.StreamEvents;
import dev.asynccommerce.testkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The simulated channel on DynamoDB Local: one transaction, real conditions, the stream the relay reads. */
class SimulatedEmailSenderIT {
    private static final DynamoDbLocal LOCAL = DynamoDbLocal.shared();
    private static final DynamoDbClient DYNAMO = LOCAL.client();
    private static final DynamoDbStreamsClient STREAMS = LOCAL.streamsClient();
    private static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";
    private static final Instant SENT_AT = Instant.parse("2026-11-21T09:10:43Z");

    private String table;
    private SimulatedEmailSender sender;

    @AfterAll
    static void closeClients() {
        DYNAMO.close();
        STREAMS.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("notifications").withSortKey("sk").withStream().create(DYNAMO);
        sender = new SimulatedEmailSender(DYNAMO, table);
    }

    private static Notification notification(String orderId, NotificationKey key, String eventId, Instant sentAt) {
        return new Notification(
                key,
                new OrderId(orderId),
                new CustomerId("c-123"),
                NotificationType.READY_FOR_PICKUP,
                Channel.EMAIL,
                new EmailAddress("ana@example.com"),
                new Message("Your order is ready for pickup", "Show this pickup code at the counter: 048213."),
                sentAt,
                eventId,
                "req-5b0e1c7a9d3f4e2a",
                "cff275db-a0c1-4a31-aa30-8c8ae43836ed");
    }

    private static OutboxMessage event(String orderId, String eventId, Instant at) {
        String detail = EventJson.write(dev.asynccommerce.events.Events.detail(
                new dev.asynccommerce.events.CustomerNotified(orderId, "c-123", "READY_FOR_PICKUP", "EMAIL"),
                eventId,
                at,
                "req-5b0e1c7a9d3f4e2a",
                "cff275db-a0c1-4a31-aa30-8c8ae43836ed",
                orderId,
                1));
        return new OutboxMessage(
                eventId, "commerce.notifications", "CustomerNotified", detail, orderId, at, "Root=1-abc");
    }

    private NotificationSender.Result send(String orderId, NotificationKey key, String eventId, Instant at) {
        return sender.send(notification(orderId, key, eventId, at), event(orderId, eventId, at));
    }

    @Test
    void recordsTheNotificationAndItsOutboxEventTogether() {
        String eventId = "08656b88-99d8-4c98-b49e-6a2cf8b0b86c";

        assertThat(send(ORDER_ID, NotificationKey.forEvent("cff275db-a0c1-4a31-aa30-8c8ae43836ed"), eventId, SENT_AT))
                .isInstanceOf(NotificationSender.Result.Sent.class);

        Map<String, AttributeValue> item = DYNAMO.getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("ORDER#" + ORDER_ID),
                                "sk", AttributeValue.fromS("NOTIFICATION#EVENT#cff275db-a0c1-4a31-aa30-8c8ae43836ed")))
                        .consistentRead(true))
                .item();
        assertThat(item.get("itemType").s()).isEqualTo("Notification");
        assertThat(item.get("orderId").s()).isEqualTo(ORDER_ID);
        assertThat(item.get("customerId").s()).isEqualTo("c-123");
        assertThat(item.get("notificationType").s()).isEqualTo("READY_FOR_PICKUP");
        assertThat(item.get("channel").s()).isEqualTo("email");
        assertThat(item.get("recipient").s()).isEqualTo("a***@example.com");
        assertThat(item.get("subject").s()).isEqualTo("Your order is ready for pickup");
        assertThat(item.get("body").s()).contains("048213");
        assertThat(item.get("sentAt").s()).isEqualTo("2026-11-21T09:10:43Z");
        assertThat(item.get("eventId").s()).isEqualTo(eventId);
        assertThat(item.get("causationId").s()).isEqualTo("cff275db-a0c1-4a31-aa30-8c8ae43836ed");
        assertThat(item.get("correlationId").s()).isEqualTo("req-5b0e1c7a9d3f4e2a");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(SENT_AT.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(item.values()).noneMatch(v -> v.s() != null && v.s().contains("ana@"));

        Map<String, AttributeValue> outbox = DYNAMO.getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS(OutboxItem.KEY_PREFIX + eventId),
                                "sk", AttributeValue.fromS("OUTBOX")))
                        .consistentRead(true))
                .item();
        assertThat(outbox.get(OutboxItem.ATTR_ITEM_TYPE).s()).isEqualTo(OutboxItem.ITEM_TYPE);
        assertThat(outbox.get(OutboxItem.ATTR_EVENT_ID).s()).isEqualTo(eventId);
        assertThat(outbox.get(OutboxItem.ATTR_SOURCE).s()).isEqualTo("commerce.notifications");
        assertThat(outbox.get(OutboxItem.ATTR_DETAIL_TYPE).s()).isEqualTo("CustomerNotified");
        assertThat(outbox.get(OutboxItem.ATTR_AGGREGATE_ID).s()).isEqualTo(ORDER_ID);
        assertThat(outbox.get(OutboxItem.ATTR_TRACE_HEADER).s()).isEqualTo("Root=1-abc");
        assertThat(Long.parseLong(outbox.get(OutboxItem.ATTR_EXPIRES_AT).n()))
                .isEqualTo(SENT_AT.plus(Duration.ofDays(2)).getEpochSecond());
        assertThat(EventJson.read(
                                "CustomerNotified",
                                outbox.get(OutboxItem.ATTR_DETAIL).s())
                        .metadata()
                        .eventId())
                .isEqualTo(eventId);
    }

    @Test
    void theStreamCarriesBothInsertsInOneGoForTheRelay() {
        send(ORDER_ID, NotificationKey.pickupReminder(), "08656b88-99d8-4c98-b49e-6a2cf8b0b86c", SENT_AT);

        List<Record> records = StreamEvents.readAll(STREAMS, StreamEvents.latestStreamArn(DYNAMO, table));

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.eventName()).isEqualTo(OperationType.INSERT));
        assertThat(records)
                .extracting(r -> r.dynamodb().newImage().get("itemType").s())
                .containsExactlyInAnyOrder("Notification", OutboxItem.ITEM_TYPE);
    }

    @Test
    void aRepeatedKeyIsAlreadySentAndWritesNothing() {
        NotificationKey key = NotificationKey.pickupReminder();
        send(ORDER_ID, key, "08656b88-99d8-4c98-b49e-6a2cf8b0b86c", SENT_AT);

        // Even under another event id, the key decides: a retry never adds a second message or event.
        NotificationSender.Result again =
                send(ORDER_ID, key, "1f3c2a5e-7b9d-4e1f-8a2b-3c4d5e6f7a8b", SENT_AT.plusSeconds(60));

        assertThat(again).isInstanceOf(NotificationSender.Result.AlreadySent.class);
        assertThat(DYNAMO.scan(b -> b.tableName(table).consistentRead(true)).count())
                .isEqualTo(2);
        assertThat(SentNotifications.forOrder(DYNAMO, table, ORDER_ID))
                .singleElement()
                .satisfies(n -> assertThat(n.sentAt()).isEqualTo(SENT_AT));
    }

    @Test
    void theReaderListsEveryNotificationOldestFirstAndOneOrdersAlone() {
        String other = "ord_11111111111111111111111111";
        send(
                ORDER_ID,
                NotificationKey.pickupReminder(),
                "08656b88-99d8-4c98-b49e-6a2cf8b0b86c",
                SENT_AT.plusSeconds(120));
        send(
                other,
                NotificationKey.forEvent("aaaaaaaa-0000-4000-8000-000000000001"),
                "1f3c2a5e-7b9d-4e1f-8a2b-3c4d5e6f7a8b",
                SENT_AT);
        send(
                ORDER_ID,
                NotificationKey.forEvent("cff275db-a0c1-4a31-aa30-8c8ae43836ed"),
                "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                SENT_AT.plusSeconds(60));

        List<SentNotification> all = SentNotifications.all(DYNAMO, table);
        assertThat(all)
                .extracting(SentNotification::eventId)
                .containsExactly(
                        "1f3c2a5e-7b9d-4e1f-8a2b-3c4d5e6f7a8b",
                        "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                        "08656b88-99d8-4c98-b49e-6a2cf8b0b86c");
        assertThat(all.getFirst())
                .isEqualTo(new SentNotification(
                        other,
                        "c-123",
                        "READY_FOR_PICKUP",
                        "email",
                        "a***@example.com",
                        "Your order is ready for pickup",
                        "Show this pickup code at the counter: 048213.",
                        SENT_AT,
                        "1f3c2a5e-7b9d-4e1f-8a2b-3c4d5e6f7a8b",
                        "cff275db-a0c1-4a31-aa30-8c8ae43836ed",
                        "req-5b0e1c7a9d3f4e2a"));

        assertThat(SentNotifications.forOrder(DYNAMO, table, ORDER_ID))
                .extracting(SentNotification::eventId)
                .containsExactly("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "08656b88-99d8-4c98-b49e-6a2cf8b0b86c");
        assertThat(SentNotifications.forOrder(DYNAMO, table, "ord_22222222222222222222222222"))
                .isEmpty();
    }
}
