package dev.asynccommerce.localstack.server;

import dev.asynccommerce.notifications.adapter.simulated.SentNotification;
import dev.asynccommerce.notifications.adapter.simulated.SentNotifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /_local/notifications}: what the notifications context's simulated channel sent, read
 * with that context's own reader from the deployed notifications table. Recipients are masked as the
 * channel stored them; bodies are what the customer read (a ready-for-pickup body holds its code).
 */
final class CustomerNotifications {
    private CustomerNotifications() {}

    static Supplier<List<Map<String, Object>>> of(LocalDeployment.Result deployed, DynamoDbClient dynamo) {
        boolean hasTable = deployed.stack().resources().keySet().stream().anyMatch(id -> id.startsWith(TABLE_PREFIX));
        if (!hasTable) {
            return List::of;
        }
        String table = DemoData.table(deployed, TABLE_PREFIX);
        return () -> SentNotifications.all(dynamo, table).stream()
                .map(CustomerNotifications::view)
                .toList();
    }

    static final String TABLE_PREFIX = "TablesNotifications";

    private static Map<String, Object> view(SentNotification sent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", sent.orderId());
        view.put("type", sent.notificationType());
        view.put("channel", sent.channel());
        view.put("recipient", sent.recipient());
        view.put("subject", sent.subject());
        view.put("body", sent.body());
        view.put("sentAt", sent.sentAt().toString());
        return view;
    }
}
