package dev.asynccommerce.payments.application;

import dev.asynccommerce.payments.domain.CommandOutcome;
import dev.asynccommerce.payments.domain.CommandStep;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.PaymentCommand;
import dev.asynccommerce.payments.domain.PaymentLedger;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import java.time.Clock;

/**
 * Captures, voids or refunds an order's payment for the workflow.
 *
 * <p>Guarantees: the provider is called only when the ledger allows the command and does not hold
 * it already; a repeat answers the recorded outcome without a provider call; a success is in the
 * ledger, with its event, before it is answered. Refusals are outcomes. A transient provider failure
 * is a {@link PaymentProviderUnavailableException} for the caller to retry (same idempotency key).
 */
public final class RunPaymentCommand {
    private static final int MAX_LEDGER_CONFLICTS = 5;

    private final PaymentLedgers ledgers;
    private final PaymentGateway gateway;
    private final PaymentMessages messages;
    private final Clock clock;

    public RunPaymentCommand(PaymentLedgers ledgers, PaymentGateway gateway, PaymentMessages messages, Clock clock) {
        this.ledgers = ledgers;
        this.gateway = gateway;
        this.messages = messages;
        this.clock = clock;
    }

    public CommandOutcome execute(PaymentCommandRequest request, CommandContext context) {
        for (int conflicts = 0; conflicts <= MAX_LEDGER_CONFLICTS; conflicts++) {
            PaymentLedger ledger = ledgers.load(request.orderId());
            CommandStep step = ledger.nextCommandStep(request.command(), request.paymentId(), request.amount());
            switch (step) {
                case CommandStep.Repeat repeat -> {
                    return repeat.outcome();
                }
                case CommandStep.Refuse refuse -> {
                    return refuse.outcome();
                }
                case CommandStep.CallProvider call -> {
                    ProviderAnswer answer = call(request.command(), call);
                    if (answer instanceof ProviderAnswer.Declined) {
                        return CommandOutcome.DECLINED_BY_PROVIDER;
                    }
                    LedgerEntry entry =
                            ledger.commandResult(request.command(), call, request.refundReason(), clock.instant());
                    PaymentLedgers.AppendResult result =
                            ledgers.append(request.orderId(), entry, messages.of(request.orderId(), entry, context));
                    if (result instanceof PaymentLedgers.AppendResult.Appended) {
                        return PaymentLedger.success(request.command());
                    }
                    // Another writer got there first: decide again on what it wrote.
                }
            }
        }
        throw new LedgerContentionException(request.orderId().value());
    }

    private ProviderAnswer call(PaymentCommand command, CommandStep.CallProvider call) {
        return switch (command) {
            case CAPTURE -> gateway.capture(call.idempotencyKey(), call.paymentId(), call.amount());
            case VOID -> gateway.voidAuthorization(call.idempotencyKey(), call.paymentId(), call.amount());
            case REFUND -> gateway.refund(call.idempotencyKey(), call.paymentId(), call.amount());
        };
    }
}
