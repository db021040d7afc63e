package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.WorkflowSignals;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The target of the rule on {@code OrderPaymentMethodsUpdated} and {@code OrderCancelled}: resumes
 * or fails the workflow waiting on a {@code PAYMENT_FAILED} order. A failure (Step Functions
 * unreachable) fails the invocation, so EventBridge retries.
 */
public final class WorkflowSignalsHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(WorkflowSignalsHandler.class);

    private final WorkflowSignals signals;

    public WorkflowSignalsHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public WorkflowSignalsHandler(OrderingWiring wiring) {
        this.signals = wiring.workflowSignals();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        WorkflowInput input = WorkflowInput.read(in).logAsEvent();
        LOG.info("workflow signal: {}", signals.handle(input.raw()));
    }
}
