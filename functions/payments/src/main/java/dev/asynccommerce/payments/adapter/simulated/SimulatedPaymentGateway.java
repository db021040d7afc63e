package dev.asynccommerce.payments.adapter.simulated;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.payments.application.PaymentGateway;
import dev.asynccommerce.payments.application.PaymentProviderUnavailableException;
import dev.asynccommerce.payments.application.Sleeper;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * A payment provider simulated in process, for the local stack, tests and benchmarks (API.md):
 * {@code tok_visa} and {@code tok_wallet} approve, {@code tok_decline} declines HARD, {@code
 * tok_insufficient} declines SOFT, {@code tok_flaky} fails transiently about half the time, {@code
 * tok_slow} answers after {@link SimulatorSettings#slowDelay()}; any other token is declined HARD
 * ({@code invalid_token}). Captures, voids and refunds are approved.
 *
 * <p>Faults injected while it runs ({@link ProviderConditions}: a failure rate, a delay, a number of
 * calls) apply per operation before anything else, as a faltering provider would.
 *
 * <p>Like a real provider it remembers its answers by idempotency key (for the life of this
 * instance): a key it has answered gets the same answer again. Failures are not remembered, so a
 * retry with the same key may succeed. Every random choice comes from the injected source and every
 * wait goes through the injected sleeper, so tests are exact and never wait.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {
    private final SimulatorSettings settings;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final ProviderConditions conditions;
    private final Map<String, ProviderAnswer> answered = new ConcurrentHashMap<>();

    /** @param random uniform in [0, 1) */
    public SimulatedPaymentGateway(SimulatorSettings settings, DoubleSupplier random, Sleeper sleeper) {
        this(settings, ProviderConditions.NONE, random, sleeper);
    }

    /** @param random uniform in [0, 1) */
    public SimulatedPaymentGateway(
            SimulatorSettings settings, ProviderConditions conditions, DoubleSupplier random, Sleeper sleeper) {
        this.settings = settings;
        this.conditions = conditions;
        this.random = random;
        this.sleeper = sleeper;
    }

    @Override
    public ProviderAnswer authorize(String idempotencyKey, MethodType methodType, String token, Money amount) {
        return answer(ProviderConditions.Operation.Authorize, idempotencyKey, () -> switch (token) {
            case "tok_visa", "tok_wallet" -> new ProviderAnswer.Approved();
            case "tok_decline" -> new ProviderAnswer.Declined(DeclineKind.HARD, "card_declined");
            case "tok_insufficient" -> new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds");
            case "tok_flaky" -> {
                if (random.getAsDouble() < 0.5) {
                    throw new PaymentProviderUnavailableException("simulated provider: flaky token failed");
                }
                yield new ProviderAnswer.Approved();
            }
            case "tok_slow" -> {
                sleeper.sleep(settings.slowDelay());
                yield new ProviderAnswer.Approved();
            }
            default -> new ProviderAnswer.Declined(DeclineKind.HARD, "invalid_token");
        });
    }

    @Override
    public ProviderAnswer capture(String idempotencyKey, PaymentId paymentId, Money amount) {
        return answer(ProviderConditions.Operation.Capture, idempotencyKey, ProviderAnswer.Approved::new);
    }

    @Override
    public ProviderAnswer voidAuthorization(String idempotencyKey, PaymentId paymentId, Money amount) {
        return answer(ProviderConditions.Operation.Void, idempotencyKey, ProviderAnswer.Approved::new);
    }

    @Override
    public ProviderAnswer refund(String idempotencyKey, PaymentId paymentId, Money amount) {
        return answer(ProviderConditions.Operation.Refund, idempotencyKey, ProviderAnswer.Approved::new);
    }

    private ProviderAnswer answer(
            ProviderConditions.Operation operation,
            String idempotencyKey,
            java.util.function.Supplier<ProviderAnswer> decide) {
        ProviderConditions.Effect injected = conditions.draw(operation, random);
        if (injected.latencyMs() > 0) {
            sleeper.sleep(Duration.ofMillis(injected.latencyMs()));
        }
        if (injected.fail()) {
            throw new PaymentProviderUnavailableException("simulated provider: injected " + operation + " fault");
        }
        Duration latency = latency();
        if (!latency.isZero()) {
            sleeper.sleep(latency);
        }
        if (settings.failureRate() > 0 && random.getAsDouble() < settings.failureRate()) {
            throw new PaymentProviderUnavailableException("simulated provider: injected failure");
        }
        ProviderAnswer known = answered.get(idempotencyKey);
        if (known != null) {
            return known;
        }
        ProviderAnswer fresh = decide.get();
        ProviderAnswer first = answered.putIfAbsent(idempotencyKey, fresh);
        return first != null ? first : fresh;
    }

    /** From half to twice the median, log-uniformly: the median itself at the middle draw. */
    private Duration latency() {
        long median = settings.medianLatency().toMillis();
        if (median == 0) {
            return Duration.ZERO;
        }
        double factor = Math.pow(2, 2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(median * factor));
    }
}
