package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider whose answers the test scripts: by token for authorizations ({@code ok_*} approve,
 * {@code soft_*} and {@code hard_*} decline), approve for the rest; {@link #failNext} makes the next
 * calls fail transiently. Records every call as {@code operation key}.
 */
public final class ScriptedGateway implements PaymentGateway {
    public final List<String> calls = new ArrayList<>();
    private int failuresToGo;
    private boolean declineCommands;

    public ScriptedGateway failNext(int calls) {
        this.failuresToGo = calls;
        return this;
    }

    public ScriptedGateway declineCommands() {
        this.declineCommands = true;
        return this;
    }

    @Override
    public ProviderAnswer authorize(String idempotencyKey, MethodType methodType, String token, Money amount) {
        record("authorize " + idempotencyKey);
        if (token.startsWith("soft_")) {
            return new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds");
        }
        if (token.startsWith("hard_")) {
            return new ProviderAnswer.Declined(DeclineKind.HARD, "card_declined");
        }
        return new ProviderAnswer.Approved();
    }

    @Override
    public ProviderAnswer capture(String idempotencyKey, PaymentId paymentId, Money amount) {
        record("capture " + idempotencyKey);
        return commandAnswer();
    }

    @Override
    public ProviderAnswer voidAuthorization(String idempotencyKey, PaymentId paymentId, Money amount) {
        record("void " + idempotencyKey);
        return commandAnswer();
    }

    @Override
    public ProviderAnswer refund(String idempotencyKey, PaymentId paymentId, Money amount) {
        record("refund " + idempotencyKey);
        return commandAnswer();
    }

    private ProviderAnswer commandAnswer() {
        return declineCommands
                ? new ProviderAnswer.Declined(DeclineKind.HARD, "authorization_expired")
                : new ProviderAnswer.Approved();
    }

    private void record(String call) {
        calls.add(call);
        if (failuresToGo > 0) {
            failuresToGo--;
            throw new PaymentProviderUnavailableException("scripted outage");
        }
    }
}
