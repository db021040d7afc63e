package dev.asynccommerce.payments.application;

import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import dev.asynccommerce.payments.domain.AuthorizationStep;
import dev.asynccommerce.payments.domain.IdempotencyKeys;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.PaymentLedger;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import java.time.Clock;
import java.time.Duration;

/**
 * Authorizes one payment attempt for the workflow and answers its task token.
 *
 * <p>Guarantees: every provider answer is in the ledger, with its event, before the next method is
 * tried or the workflow is answered; a delivery of an attempt the ledger has already decided
 * answers the recorded outcome and calls no provider; a delivery that finds part of an attempt
 * done (a soft decline recorded, then a crash) goes on from there. Transient provider failures are
 * retried a few times in process, then the message is handed back to the queue with a growing
 * delay; on the queue's last delivery the attempt is recorded and answered as FAILED.
 */
public final class AuthorizePayment {
    /** The error a task token is failed with when its message can never be processed. */
    public static final String INVALID_REQUEST_ERROR = "Payment.InvalidRequest";

    private static final int MAX_LEDGER_CONFLICTS = 5;

    private final PaymentLedgers ledgers;
    private final PaymentGateway gateway;
    private final WorkflowCallbacks callbacks;
    private final MessageVisibility visibility;
    private final PaymentMessages messages;
    private final ProviderRetry retry;
    private final RedeliveryPolicy redelivery;
    private final PaymentMetrics metrics;
    private final Clock clock;

    public AuthorizePayment(
            PaymentLedgers ledgers,
            PaymentGateway gateway,
            WorkflowCallbacks callbacks,
            MessageVisibility visibility,
            PaymentMessages messages,
            ProviderRetry retry,
            RedeliveryPolicy redelivery,
            PaymentMetrics metrics,
            Clock clock) {
        this.metrics = metrics;
        this.ledgers = ledgers;
        this.gateway = gateway;
        this.callbacks = callbacks;
        this.visibility = visibility;
        this.messages = messages;
        this.retry = retry;
        this.redelivery = redelivery;
        this.clock = clock;
    }

    public AuthorizationResult authorize(AuthorizeRequest request, Delivery delivery) {
        CommandContext context = new CommandContext(request.correlationId(), delivery.messageId(), null);
        return authorize(request, delivery, context);
    }

    public AuthorizationResult authorize(AuthorizeRequest request, Delivery delivery, CommandContext context) {
        PaymentLedger ledger = ledgers.load(request.orderId());
        int conflicts = 0;
        while (true) {
            AuthorizationStep step = ledger.nextAuthorizationStep(
                    request.attempt(), request.methods().size());
            if (step instanceof AuthorizationStep.Decided decided) {
                callbacks.succeed(request.taskToken(), decided.outcome());
                return new AuthorizationResult.Answered(decided.outcome());
            }
            int index = ((AuthorizationStep.TryMethod) step).methodIndex();
            AuthorizeRequest.Method method = request.methods().get(index);
            LedgerEntry entry;
            try {
                String key = IdempotencyKeys.authorize(request.orderId(), request.attempt(), index);
                ProviderAnswer answer =
                        retry.call(() -> gateway.authorize(key, method.type(), method.token(), request.amount()));
                entry = ledger.authorizationResult(
                        request.attempt(), index, method.type(), request.amount(), answer, clock.instant());
            } catch (PaymentProviderUnavailableException e) {
                if (!redelivery.isLast(delivery.receiveCount())) {
                    Duration delay = redelivery.delayAfter(delivery.receiveCount());
                    visibility.delayRedelivery(delivery.receiptHandle(), delay);
                    return new AuthorizationResult.RetryLater(delay);
                }
                entry = ledger.failure(
                        request.attempt(),
                        index,
                        request.amount(),
                        "provider unavailable after " + delivery.receiveCount() + " deliveries",
                        clock.instant());
            }
            switch (ledgers.append(request.orderId(), entry, messages.of(request.orderId(), entry, context))) {
                case PaymentLedgers.AppendResult.Appended ignored -> {
                    // Counted where the append decided it (once, whatever happens to the answer after).
                    if (entry instanceof LedgerEntry.Authorized authorized && authorized.methodIndex() > 0) {
                        metrics.fallbackAuthorized(request.orderId(), request.correlationId());
                    }
                    if (entry instanceof LedgerEntry.Failed) {
                        AuthorizationOutcome.Failed failed =
                                new AuthorizationOutcome.Failed(AuthorizationOutcome.Failed.PROVIDER_UNAVAILABLE);
                        callbacks.succeed(request.taskToken(), failed);
                        return new AuthorizationResult.GaveUp(failed);
                    }
                    ledger = ledger.with(entry);
                }
                case PaymentLedgers.AppendResult.SequenceTaken ignored -> {
                    // Another delivery wrote first: decide again on what it wrote.
                    if (++conflicts > MAX_LEDGER_CONFLICTS) {
                        throw new LedgerContentionException(request.orderId().value());
                    }
                    ledger = ledgers.load(request.orderId());
                }
            }
        }
    }

    /**
     * A message that can never be processed but names its task token: the workflow is failed with
     * {@value #INVALID_REQUEST_ERROR} at once instead of waiting for its timeout.
     */
    public AuthorizationResult reject(String taskToken, String problem) {
        callbacks.fail(taskToken, INVALID_REQUEST_ERROR, problem);
        return new AuthorizationResult.Rejected(problem);
    }
}
