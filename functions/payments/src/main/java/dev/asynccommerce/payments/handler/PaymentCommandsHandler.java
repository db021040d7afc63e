package dev.asynccommerce.payments.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.payments.PaymentsWiring;
import dev.asynccommerce.payments.application.CommandContext;
import dev.asynccommerce.payments.application.InvalidPaymentRequestException;
import dev.asynccommerce.payments.application.PaymentCommandRequest;
import dev.asynccommerce.payments.application.RunPaymentCommand;
import dev.asynccommerce.payments.domain.CommandOutcome;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Payment commands of the BOPIS workflow ({@code lambda:invoke}): {@code {"command":
 * "CAPTURE"|"VOID"|"REFUND", "orderId", "correlationId", "paymentId", "amountCents", "currency",
 * "reason"?}} → {@code {"outcome": "CAPTURED"|"VOIDED"|"REFUNDED"}}, or a refusal outcome
 * ({@code NOTHING_TO_VOID}, {@code ALREADY_CAPTURED}, {@code ALREADY_VOIDED}, {@code
 * NOT_AUTHORIZED}, {@code NOTHING_TO_REFUND}, {@code AMOUNT_MISMATCH}, {@code
 * DECLINED_BY_PROVIDER}). {@code paymentId} may be omitted for VOID (the order's latest
 * authorization); {@code reason} is for REFUND.
 *
 * <p>A repeated command answers the recorded outcome without a second provider call. Errors: {@code
 * PaymentProviderUnavailableException} and {@code LedgerContentionException} are transient (retry
 * with backoff); {@code InvalidPaymentRequestException} is invalid input (never retry), with a
 * message naming the fields and no stack trace.
 */
public final class PaymentCommandsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LogManager.getLogger(PaymentCommandsHandler.class);
    private static final Set<String> FIELDS =
            Set.of("command", "orderId", "correlationId", "paymentId", "amountCents", "currency", "reason");

    private final RunPaymentCommand runPaymentCommand;

    public PaymentCommandsHandler() {
        this(PaymentsWiring.fromEnvironment());
    }

    public PaymentCommandsHandler(PaymentsWiring wiring) {
        this.runPaymentCommand = wiring.runPaymentCommand();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        ThreadContext.clearMap();
        PaymentCommandRequest request;
        try {
            request = parse(input);
        } catch (InvalidPaymentRequestException e) {
            LOG.warn("refusing an invalid payment command: {}", e.problems());
            throw e;
        }
        RequestContext.log(request.correlationId(), request.orderId().value());
        String causationId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId()
                : request.correlationId();
        CommandOutcome outcome = runPaymentCommand.execute(
                request, new CommandContext(request.correlationId(), causationId, RequestContext.traceHeader()));
        LOG.info("payment command {} for payment {}: {}", request.command(), request.paymentId(), outcome);
        return Map.of("outcome", outcome.name());
    }

    private static PaymentCommandRequest parse(Map<String, Object> input) {
        if (input == null) {
            throw new InvalidPaymentRequestException(List.of("payload: must be a JSON object"));
        }
        JsonNode json = JsonFields.MAPPER.valueToTree(input);
        JsonFields fields = JsonFields.of(json, FIELDS);
        String command = fields.text("command");
        String orderId = fields.text("orderId");
        String correlationId = fields.text("correlationId");
        String paymentId = fields.text("paymentId");
        Long amountCents = fields.integer("amountCents");
        String currency = fields.text("currency");
        String reason = fields.text("reason");
        fields.throwIfAny();
        return PaymentCommandRequest.of(command, orderId, correlationId, paymentId, amountCents, currency, reason);
    }
}
