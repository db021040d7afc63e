package dev.asynccommerce.notifications;

import dev.asynccommerce.notifications.adapter.dynamodb.DynamoDbCustomerContacts;
import dev.asynccommerce.notifications.adapter.simulated.SimulatedEmailSender;
import dev.asynccommerce.notifications.application.CustomerContacts;
import dev.asynccommerce.notifications.application.NotificationSender;
import dev.asynccommerce.notifications.application.NotifyCustomer;
import dev.asynccommerce.notifications.application.OrderEvents;
import dev.asynccommerce.notifications.application.SendPickupReminder;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The notifications context's composition root: reads the environment once ({@code ORDERS_TABLE},
 * {@code NOTIFICATIONS_TABLE}, {@code NOTIFICATIONS_CHANNEL}), builds the clients and the use
 * cases. Built once per Lambda execution environment, never per request.
 */
public final class NotificationsWiring {
    /** The only channel so far: messages are recorded in the notifications table, not delivered. */
    public static final String SIMULATED_CHANNEL = "simulated";

    private final OrderEvents orderEvents = new OrderEvents();
    private final NotifyCustomer notifyCustomer;
    private final SendPickupReminder sendPickupReminder;

    public NotificationsWiring(CustomerContacts contacts, NotificationSender sender, Clock clock) {
        this.notifyCustomer = new NotifyCustomer(contacts, sender, clock);
        this.sendPickupReminder = new SendPickupReminder(notifyCustomer, clock);
    }

    public static NotificationsWiring fromEnvironment() {
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /** For the local stack and tests: its own environment, client and clock. */
    public static NotificationsWiring fromEnvironment(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        String channel = env.require("NOTIFICATIONS_CHANNEL");
        if (!SIMULATED_CHANNEL.equals(channel)) {
            // A deployment error: failing at start is better than silently sending nothing.
            throw new IllegalStateException("NOTIFICATIONS_CHANNEL must be '" + SIMULATED_CHANNEL + "'");
        }
        return new NotificationsWiring(
                new DynamoDbCustomerContacts(dynamoDb, env.require("ORDERS_TABLE")),
                new SimulatedEmailSender(dynamoDb, env.require("NOTIFICATIONS_TABLE")),
                clock);
    }

    public OrderEvents orderEvents() {
        return orderEvents;
    }

    public NotifyCustomer notifyCustomer() {
        return notifyCustomer;
    }

    public SendPickupReminder sendPickupReminder() {
        return sendPickupReminder;
    }
}
