package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.CancelFulfillment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Target of the EventBridge rule on {@code OrderCancelled} (source {@code commerce.ordering}); the
 * event is the whole EventBridge event. Records the cancellation, fails any workflow step
 * fulfillment holds for the order with error {@code Order.Cancelled} (cause: the reason) and closes
 * its pick task or collection wait. The devices are told by {@link StoreNotifierHandler}.
 *
 * <p>Idempotent on {@code detail.metadata.eventId}: a repeat finds everything closed. Failure
 * behaviour: a schema violation is permanent ({@link UnprocessableEventException}); a storage or
 * Step Functions failure throws, for Lambda's asynchronous retry.
 */
public final class OrderCancelledHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(OrderCancelledHandler.class);

    private final CancelFulfillment cancelFulfillment;

    public OrderCancelledHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public OrderCancelledHandler(FulfillmentWiring wiring) {
        this.cancelFulfillment = wiring.cancelFulfillment();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventHandling.handle(input, output, LOG, "order cancellation", cancelFulfillment::execute);
    }
}
