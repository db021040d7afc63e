package dev.asynccommerce.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.notifications.adapter.dynamodb.OrdersTable;
import dev.asynccommerce.notifications.adapter.simulated.SentNotification;
import dev.asynccommerce.notifications.adapter.simulated.SentNotifications;
import dev.asynccommerce.notifications.handler.OrderEventNotificationHandler;
import dev.asynccommerce.notifications.handler.PickupReminderHandler;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import dev.asynccommerce.testkit.TestTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Both handlers as the environment wires them, over DynamoDB Local: order event in, message recorded. */
class NotificationsWiringIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";

    private final MutableClock clock = MutableClock.at("2026-11-21T09:10:43Z");
    private String notificationsTable;
    private NotificationsWiring wiring;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void wire() {
        String ordersTable = OrdersTable.create(DYNAMO);
        OrdersTable.put(DYNAMO, ordersTable, OrdersTable.orderItem(ORDER_ID, "c-123", "ana@example.com"));
        notificationsTable =
                TestTable.named("notifications").withSortKey("sk").withStream().create(DYNAMO);
        wiring = NotificationsWiring.fromEnvironment(
                new Environment(Map.of(
                        "ORDERS_TABLE", ordersTable,
                        "NOTIFICATIONS_TABLE", notificationsTable,
                        "NOTIFICATIONS_CHANNEL", "simulated")),
                DYNAMO,
                clock);
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = NotificationsWiringIT.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String input)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void anOrderEventAndTheReminderEndUpAsRecordedMessagesOnce() throws IOException {
        OrderEventNotificationHandler events = new OrderEventNotificationHandler(wiring);
        PickupReminderHandler reminders = new PickupReminderHandler(wiring);

        assertThat(invoke(events, recorded("order-ready-for-pickup.json"))
                        .path("outcome")
                        .asText())
                .isEqualTo("SENT");
        assertThat(invoke(events, recorded("order-ready-for-pickup.json"))
                        .path("outcome")
                        .asText())
                .isEqualTo("ALREADY_SENT");
        clock.advance(java.time.Duration.ofDays(2));
        assertThat(invoke(reminders, recorded("pickup-reminder.json"))
                        .path("outcome")
                        .asText())
                .isEqualTo("SENT");
        assertThat(invoke(reminders, recorded("pickup-reminder.json"))
                        .path("outcome")
                        .asText())
                .isEqualTo("ALREADY_SENT");

        List<SentNotification> sent = SentNotifications.forOrder(DYNAMO, notificationsTable, ORDER_ID);
        assertThat(sent)
                .extracting(SentNotification::notificationType)
                .containsExactly("READY_FOR_PICKUP", "PICKUP_REMINDER");
        assertThat(sent).extracting(SentNotification::recipient).containsOnly("a***@example.com");
        assertThat(sent.get(0).body()).contains("048213");
        assertThat(sent.get(1).sentAt()).isEqualTo(Instant.parse("2026-11-23T09:10:43Z"));
        // The recorded task leaves 86400 s: the deadline is a day after the reminder is sent.
        assertThat(sent.get(1).body()).contains("Please collect it by Tuesday 24 November 2026 at 09:10 UTC");
        assertThat(SentNotifications.all(DYNAMO, notificationsTable)).isEqualTo(sent);
    }

    @Test
    void onlyTheSimulatedChannelIsKnown() {
        assertThatThrownBy(() -> NotificationsWiring.fromEnvironment(
                        new Environment(Map.of(
                                "ORDERS_TABLE", "o", "NOTIFICATIONS_TABLE", "n", "NOTIFICATIONS_CHANNEL", "ses")),
                        DYNAMO,
                        clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOTIFICATIONS_CHANNEL");
        assertThatThrownBy(() -> NotificationsWiring.fromEnvironment(
                        new Environment(Map.of("ORDERS_TABLE", "o", "NOTIFICATIONS_TABLE", "n")), DYNAMO, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOTIFICATIONS_CHANNEL");
    }
}
