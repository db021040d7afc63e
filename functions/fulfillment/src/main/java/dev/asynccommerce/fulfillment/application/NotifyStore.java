package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.events.EventData;
import dev.asynccommerce.events.EventDetail;
import dev.asynccommerce.events.Line;
import dev.asynccommerce.events.OrderCancelled;
import dev.asynccommerce.events.PickTaskCreated;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Clock;
import java.util.List;

/**
 * The store notifier: {@code PickTaskCreated} and {@code OrderCancelled} are pushed to every device
 * connected for the event's store, and to no other store.
 *
 * <p>Idempotent on {@code metadata.eventId}: the event is claimed in the inbox (one conditional
 * write) before pushing, so a redelivered event pushes nothing. If pushing fails for a technical
 * reason the claim is given up and the failure rethrown, so EventBridge's retry pushes again.
 */
public final class NotifyStore {
    static final String CONSUMER = "STORE_NOTIFIER";

    private final Inbox inbox;
    private final StoreDevices devices;
    private final Clock clock;

    public NotifyStore(Inbox inbox, StoreDevices devices, Clock clock) {
        this.inbox = inbox;
        this.devices = devices;
        this.clock = clock;
    }

    public EventOutcome execute(String eventBridgeEventJson) {
        return switch (ReceivedEvents.read(eventBridgeEventJson)) {
            case ReceivedEvents.Read.Invalid invalid -> new EventOutcome.Invalid(invalid.problems());
            case ReceivedEvents.Read.Valid valid -> notify(valid.detail());
        };
    }

    private EventOutcome notify(EventDetail<? extends EventData> detail) {
        StoreMessage message = switch (detail.data()) {
            case PickTaskCreated p ->
                new StoreMessage.PickTaskCreated(
                        new OrderId(p.orderId()), new StoreId(p.storeId()), lines(p.lines()), p.createdAt(), p.dueAt());
            case OrderCancelled c ->
                new StoreMessage.OrderCancelled(new OrderId(c.orderId()), new StoreId(c.storeId()), c.reason());
            default -> null;
        };
        if (message == null) {
            return new EventOutcome.Ignored(detail.metadata().eventType());
        }
        String eventId = detail.metadata().eventId();
        if (!inbox.claim(CONSUMER, eventId, clock.instant())) {
            return new EventOutcome.Duplicate(eventId);
        }
        StoreDevices.Report report;
        try {
            report = devices.pushToStore(message);
        } catch (RuntimeException e) {
            inbox.release(CONSUMER, eventId);
            throw e;
        }
        return new EventOutcome.Handled(
                message.type() + " pushed to " + report.delivered() + " device(s), " + report.gone() + " gone");
    }

    private static List<PickLine> lines(List<Line> lines) {
        return lines.stream()
                .map(l -> new PickLine(new Sku(l.sku()), l.quantity()))
                .toList();
    }
}
