package dev.asynccommerce.notifications.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.notifications.NotificationsWiring;
import dev.asynccommerce.notifications.application.NotifyCustomer;
import dev.asynccommerce.notifications.application.OrderEvents;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Target of the EventBridge rules on {@code commerce.ordering} OrderConfirmed, OrderReadyForPickup,
 * OrderCancelled, OrderExpired and OrderPaymentFailed: the whole EventBridge event in, the
 * customer notified by e-mail (the configured channel), with a CustomerNotified event.
 *
 * <p>Guarantees: one notification per {@code detail.metadata.eventId}, however often the event is
 * delivered; answers {@code {"outcome": "SENT"|"ALREADY_SENT"|"SKIPPED", "notificationType"}}
 * ({@code SKIPPED}: no contact for the order), or {@code {"outcome": "IGNORED", "detailType"}} for
 * another valid commerce event. Failure behaviour: an event that breaks the schema is refused with
 * {@link RefusedInputException} (permanent: park it, do not retry) and nothing is sent; a technical
 * failure is an exception with nothing sent, and the retry sends once. Logs carry orderId and
 * correlationId, never the address, the text or the pickup code.
 */
public final class OrderEventNotificationHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(OrderEventNotificationHandler.class);

    private final OrderEvents orderEvents;
    private final NotifyCustomer notifyCustomer;

    public OrderEventNotificationHandler() {
        this(NotificationsWiring.fromEnvironment());
    }

    public OrderEventNotificationHandler(NotificationsWiring wiring) {
        this.orderEvents = wiring.orderEvents();
        this.notifyCustomer = wiring.notifyCustomer();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.logContext(null, null);
        switch (orderEvents.read(LambdaIo.read(input), RequestContext.traceHeader())) {
            case OrderEvents.Read.Invalid invalid -> {
                LOG.error("order event refused: {}", String.join("; ", invalid.problems()));
                throw new RefusedInputException("order event refused", invalid.problems());
            }
            case OrderEvents.Read.NotOurs notOurs -> {
                LOG.warn("{} is not an event customers are notified of: ignored", notOurs.detailType());
                LambdaIo.write(output, Outcomes.ignored(notOurs.detailType()));
            }
            case OrderEvents.Read.Notify notify -> {
                LambdaIo.logContext(
                        notify.trigger().correlationId(),
                        notify.occasion().orderId().value());
                LambdaIo.write(output, Outcomes.of(notifyCustomer.execute(notify.occasion(), notify.trigger())));
            }
        }
    }
}
