package dev.asynccommerce.ordering.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.ordering.OrderingWiring;
import dev.asynccommerce.ordering.application.AdvanceOrder;
import dev.asynccommerce.ordering.application.CommandContext;
import dev.asynccommerce.ordering.application.FailPayment;
import dev.asynccommerce.ordering.domain.CancellationReason;
import dev.asynccommerce.ordering.domain.PickupCode;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The BOPIS workflow's order steps ({@code lambda:invoke}; docs/bopis-workflow.md, "ordering"):
 * {@code {"command", "orderId", "correlationId", "reason"?, "pickupCode"?}} →
 * {@code {"applied", "status", "pickupCode"}} ({@code pickupCode} null until the order is ready). {@code FAIL_PAYMENT} comes with {@code taskToken}
 * ({@code lambda:invoke.waitForTaskToken}) and is answered later, by new payment methods or a cancel.
 * Bad input is an {@code IllegalArgumentException} that names the problem, never the payload.
 */
public final class OrderWorkflowHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(OrderWorkflowHandler.class);

    private final AdvanceOrder advanceOrder;
    private final FailPayment failPayment;

    public OrderWorkflowHandler() {
        this(OrderingWiring.fromEnvironment());
    }

    public OrderWorkflowHandler(OrderingWiring wiring) {
        this.advanceOrder = wiring.advanceOrder();
        this.failPayment = wiring.failPayment();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        WorkflowInput input = WorkflowInput.read(in).logAsTask();
        String command = input.required("command");
        String orderId = input.required("orderId");
        CommandContext commandContext = new CommandContext(
                input.text("correlationId").orElse(orderId), "workflow:" + command, RequestContext.traceHeader());
        AdvanceOrder.Outcome outcome = command.equals("FAIL_PAYMENT")
                ? failPayment.execute(
                        orderId,
                        input.text("reason").orElse("payment declined"),
                        input.required("taskToken"),
                        commandContext)
                : advanceOrder.execute(
                        step(command),
                        orderId,
                        input.text("reason").map(OrderWorkflowHandler::reason),
                        input.text("pickupCode").map(OrderWorkflowHandler::pickupCode),
                        commandContext);
        LOG.info("order step {}: applied={} status={}", command, outcome.applied(), outcome.status());
        ObjectNode answer = WorkflowInput.JSON
                .createObjectNode()
                .put("applied", outcome.applied())
                .put("status", outcome.status().name());
        // Always present (null when none): the state machine selects it without a Choice first.
        answer.put("pickupCode", outcome.pickupCode().map(PickupCode::value).orElse(null));
        WorkflowInput.write(out, answer);
    }

    private static AdvanceOrder.Step step(String command) {
        return Arrays.stream(AdvanceOrder.Step.values())
                .filter(s -> s.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown command; one of " + Arrays.toString(AdvanceOrder.Step.values()) + " or FAIL_PAYMENT"));
    }

    private static CancellationReason reason(String reason) {
        return Arrays.stream(CancellationReason.values())
                .filter(r -> r.name().equals(reason))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown cancellation reason; one of " + Arrays.toString(CancellationReason.values())));
    }

    private static PickupCode pickupCode(String code) {
        if (!PickupCode.isValid(code)) {
            throw new IllegalArgumentException("a pickup code is six digits");
        }
        return new PickupCode(code);
    }
}
