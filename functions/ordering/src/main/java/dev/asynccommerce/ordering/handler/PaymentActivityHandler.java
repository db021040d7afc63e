package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.RecordPaymentActivity;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The target of the rule on the payments context's {@code PaymentAuthorized}, {@code
 * PaymentDeclined}, {@code PaymentFailed}, {@code PaymentCaptured}, {@code PaymentVoided} and {@code
 * PaymentRefunded}: the whole EventBridge event in, one entry on the order's public timeline
 * (application {@link RecordPaymentActivity}), and {@code {"outcome": "RECORDED" |
 * "ALREADY_RECORDED" | "UNKNOWN_ORDER" | "NOT_PAYMENT_ACTIVITY"}} out.
 *
 * <p>Idempotent on the event's {@code eventId}. An event for an order that does not exist is logged
 * and dropped. An invalid event, or an order that kept changing under every attempt, fails the
 * invocation, so EventBridge retries and finally sends it to the target's dead-letter queue.
 */
public final class PaymentActivityHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(PaymentActivityHandler.class);

    private final RecordPaymentActivity recordPaymentActivity;

    public PaymentActivityHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public PaymentActivityHandler(OrderingWiring wiring) {
        this.recordPaymentActivity = wiring.recordPaymentActivity();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        WorkflowInput input = WorkflowInput.read(in).logAsEvent();
        RecordPaymentActivity.Outcome outcome = recordPaymentActivity.handle(input.raw());
        if (outcome == RecordPaymentActivity.Outcome.UNKNOWN_ORDER) {
            LOG.warn("payment activity for an unknown order, dropped");
        } else {
            LOG.info("payment activity: {}", outcome);
        }
        WorkflowInput.write(out, WorkflowInput.JSON.createObjectNode().put("outcome", outcome.name()));
    }
}
