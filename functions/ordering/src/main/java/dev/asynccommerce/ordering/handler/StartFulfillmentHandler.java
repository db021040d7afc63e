package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.StartFulfillment;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The target of the {@code OrderPlaced} (pickup) rule: starts the order's BOPIS execution, named
 * after the order. A rule cannot name an execution itself, and the name is what makes a duplicate
 * event start nothing. An invalid event fails the invocation, so EventBridge retries and then
 * dead-letters it.
 */
public final class StartFulfillmentHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(StartFulfillmentHandler.class);

    private final StartFulfillment startFulfillment;

    public StartFulfillmentHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public StartFulfillmentHandler(OrderingWiring wiring) {
        this.startFulfillment = wiring.startFulfillment();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        WorkflowInput input = WorkflowInput.read(in).logAsEvent();
        LOG.info("pickup workflow: {}", startFulfillment.handle(input.raw()));
    }
}
