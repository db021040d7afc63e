package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.NotifyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The store notifier: target of the EventBridge rules on {@code PickTaskCreated} (source {@code
 * commerce.fulfillment}) and {@code OrderCancelled} (source {@code commerce.ordering}); the event is
 * the whole EventBridge event. Pushes {@code {"type":"PickTaskCreated","orderId","storeId","lines",
 * "createdAt","dueAt"}} or {@code {"type":"OrderCancelled","orderId","storeId","reason"}} to every
 * device connected for the event's store, and forgets devices that have left (410 Gone).
 *
 * <p>Idempotent on {@code detail.metadata.eventId}. Failure behaviour: a schema violation is
 * permanent ({@link UnprocessableEventException}); a push or storage failure throws after every
 * device was tried, for Lambda's asynchronous retry (devices may then see a message twice).
 */
public final class StoreNotifierHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(StoreNotifierHandler.class);

    private final NotifyStore notifyStore;

    public StoreNotifierHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public StoreNotifierHandler(FulfillmentWiring wiring) {
        this.notifyStore = wiring.notifyStore();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventHandling.handle(input, output, LOG, "store notifier", notifyStore::execute);
    }
}
