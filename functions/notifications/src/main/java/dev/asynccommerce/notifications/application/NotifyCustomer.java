package dev.asynccommerce.notifications.application;

import dev.asynccommerce.notifications.domain.Channel;
import dev.asynccommerce.notifications.domain.CustomerContact;
import dev.asynccommerce.notifications.domain.CustomerMessages;
import dev.asynccommerce.notifications.domain.Notification;
import dev.asynccommerce.notifications.domain.NotificationType;
import dev.asynccommerce.notifications.domain.Occasion;
import java.time.Clock;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tells the customer about an occasion of their order, once per trigger: looks up where to write,
 * composes the message, and sends it with its CustomerNotified event.
 *
 * <p>An order nobody can be written to (unknown, or without a usable address) is logged and
 * skipped: retrying would not change that. Neither the address nor the text is ever logged.
 */
public final class NotifyCustomer {
    private static final Logger LOG = LogManager.getLogger(NotifyCustomer.class);

    private final CustomerContacts contacts;
    private final NotificationSender sender;
    private final Clock clock;

    public NotifyCustomer(CustomerContacts contacts, NotificationSender sender, Clock clock) {
        this.contacts = contacts;
        this.sender = sender;
        this.clock = clock;
    }

    public sealed interface Outcome {
        NotificationType type();

        record Sent(NotificationType type, String eventId) implements Outcome {}

        record AlreadySent(NotificationType type) implements Outcome {}

        /** Nothing was sent: the order is unknown, or has no usable address. */
        record NoContact(NotificationType type) implements Outcome {}
    }

    public Outcome execute(Occasion occasion, Trigger trigger) {
        Optional<CustomerContact> contact = contacts.findByOrder(occasion.orderId());
        if (contact.isEmpty()) {
            LOG.warn("no customer contact for the order: {} notification skipped", occasion.type());
            return new Outcome.NoContact(occasion.type());
        }
        Notification notification = new Notification(
                trigger.key(),
                occasion.orderId(),
                contact.get().customerId(),
                occasion.type(),
                Channel.EMAIL,
                contact.get().email(),
                CustomerMessages.compose(occasion),
                clock.instant(),
                NotificationEvents.eventId(occasion.orderId(), trigger.key()),
                trigger.correlationId(),
                trigger.causationId());
        OutboxMessage event = NotificationEvents.customerNotified(notification, trigger.traceHeader());
        return switch (sender.send(notification, event)) {
            case NotificationSender.Result.Sent s -> {
                LOG.info("{} notification sent, eventId={}", occasion.type(), notification.eventId());
                yield new Outcome.Sent(occasion.type(), notification.eventId());
            }
            case NotificationSender.Result.AlreadySent a -> {
                LOG.info("{} notification was already sent: nothing sent again", occasion.type());
                yield new Outcome.AlreadySent(occasion.type());
            }
        };
    }
}
