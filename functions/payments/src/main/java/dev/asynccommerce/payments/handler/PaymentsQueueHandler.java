package dev.asynccommerce.payments.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asynccommerce.payments.PaymentsWiring;
import dev.asynccommerce.payments.application.AuthorizationResult;
import dev.asynccommerce.payments.application.AuthorizePayment;
import dev.asynccommerce.payments.application.AuthorizeRequest;
import dev.asynccommerce.payments.application.CommandContext;
import dev.asynccommerce.payments.application.Delivery;
import dev.asynccommerce.payments.application.InvalidPaymentRequestException;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * The payments-queue consumer (SQS event source with {@code ReportBatchItemFailures}): each message
 * is an AUTHORIZE request of the BOPIS workflow, answered through its task token.
 *
 * <p>Per message: authorized, declined or (after the last delivery) failed attempts are answered and
 * acknowledged; a message whose provider is unavailable is reported as a batch item failure with its
 * visibility set to a growing backoff; the last delivery's FAILED is answered and still reported, so
 * the queue parks the message in its failure queue. A malformed message is logged (ids and field
 * problems only, never its body or tokens), its task token failed with {@code
 * Payment.InvalidRequest} when it has one, and dropped. Any unexpected error fails only its own
 * message, which comes back.
 */
public final class PaymentsQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(PaymentsQueueHandler.class);
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final AuthorizePayment authorizePayment;

    public PaymentsQueueHandler() {
        this(PaymentsWiring.fromEnvironment());
    }

    public PaymentsQueueHandler(PaymentsWiring wiring) {
        this.authorizePayment = wiring.authorizePayment();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (!settle(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        ThreadContext.clearMap();
        return new SQSBatchResponse(failures);
    }

    /** Whether the message is done with (true) or must come back (false). */
    private boolean settle(SQSEvent.SQSMessage message) {
        ThreadContext.clearMap();
        ThreadContext.put("messageId", String.valueOf(message.getMessageId()));
        try {
            AuthorizeRequest request;
            try {
                request = AuthorizeMessage.parse(message.getBody());
            } catch (InvalidPaymentRequestException e) {
                return reject(message, e);
            }
            RequestContext.log(request.correlationId(), request.orderId().value());
            ThreadContext.put("messageId", message.getMessageId());
            Delivery delivery = new Delivery(message.getMessageId(), message.getReceiptHandle(), receiveCount(message));
            AuthorizationResult result = authorizePayment.authorize(
                    request,
                    delivery,
                    new CommandContext(request.correlationId(), message.getMessageId(), RequestContext.traceHeader()));
            LOG.info(
                    "payment attempt {} delivery {}: {}", request.attempt(), delivery.receiveCount(), describe(result));
            return !result.redeliver();
        } catch (RuntimeException e) {
            // The exception's own text only: its stack trace says nothing the class and message do not.
            LOG.error("payment message failed; it will be delivered again: {}", e.toString());
            return false;
        }
    }

    private boolean reject(SQSEvent.SQSMessage message, InvalidPaymentRequestException problem) {
        AuthorizeMessage.orderId(message.getBody()).ifPresent(RequestContext::logOrderId);
        Optional<String> token = AuthorizeMessage.taskToken(message.getBody());
        LOG.warn(
                "dropping a malformed payment message ({} task token): {}",
                token.isPresent() ? "failing its" : "no",
                problem.problems());
        token.ifPresent(t -> authorizePayment.reject(t, problem.getMessage()));
        return true;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String value = attributes == null ? null : attributes.get(RECEIVE_COUNT);
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String describe(AuthorizationResult result) {
        return switch (result) {
            case AuthorizationResult.Answered answered ->
                "answered " + answered.outcome().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
            case AuthorizationResult.RetryLater later -> "provider unavailable, delivered again in " + later.delay();
            case AuthorizationResult.GaveUp ignored -> "provider unavailable on the last delivery: answered FAILED";
            case AuthorizationResult.Rejected rejected -> "rejected: " + rejected.problem();
        };
    }
}
