package dev.asynccommerce.payments.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.payments.application.PaymentProviderUnavailableException;
import dev.asynccommerce.payments.application.RecordingSleeper;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class SimulatedPaymentGatewayTest {
    private static final Money AMOUNT = Money.of(7597, "EUR");
    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** Hands out the given draws in order, then fails the test if more are asked for. */
    private static DoubleSupplier draws(Double... values) {
        ArrayDeque<Double> queue = new ArrayDeque<>(List.of(values));
        return () -> {
            if (queue.isEmpty()) {
                throw new AssertionError("the simulator drew more random numbers than scripted");
            }
            return queue.pop();
        };
    }

    private SimulatedPaymentGateway gateway(SimulatorSettings settings, Double... draws) {
        return new SimulatedPaymentGateway(settings, draws(draws), sleeper);
    }

    private static ProviderAnswer authorize(SimulatedPaymentGateway gateway, String key, String token) {
        return gateway.authorize(key, MethodType.CARD, token, AMOUNT);
    }

    @Test
    void answersByTokenAsTheApiDocumentSays() {
        SimulatedPaymentGateway gateway = gateway(SimulatorSettings.defaults());

        assertThat(authorize(gateway, "k1", "tok_visa")).isEqualTo(new ProviderAnswer.Approved());
        assertThat(authorize(gateway, "k2", "tok_wallet")).isEqualTo(new ProviderAnswer.Approved());
        assertThat(authorize(gateway, "k3", "tok_decline"))
                .isEqualTo(new ProviderAnswer.Declined(DeclineKind.HARD, "card_declined"));
        assertThat(authorize(gateway, "k4", "tok_insufficient"))
                .isEqualTo(new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds"));
        assertThat(authorize(gateway, "k5", "tok_unknown"))
                .isEqualTo(new ProviderAnswer.Declined(DeclineKind.HARD, "invalid_token"));
        assertThat(sleeper.sleeps).isEmpty();
    }

    @Test
    void theFlakyTokenFailsOnTheLowerHalfOfDrawsAndApprovesOnTheUpper() {
        SimulatedPaymentGateway gateway = gateway(SimulatorSettings.defaults(), 0.49, 0.5);

        assertThatThrownBy(() -> authorize(gateway, "k", "tok_flaky"))
                .isInstanceOf(PaymentProviderUnavailableException.class);
        assertThat(authorize(gateway, "k", "tok_flaky")).isEqualTo(new ProviderAnswer.Approved());
    }

    @Test
    void anAnsweredKeyGetsItsFirstAnswerAgainWithoutANewDraw() {
        SimulatedPaymentGateway gateway = gateway(SimulatorSettings.defaults(), 0.9);

        assertThat(authorize(gateway, "k", "tok_flaky")).isEqualTo(new ProviderAnswer.Approved());
        assertThat(authorize(gateway, "k", "tok_flaky")).isEqualTo(new ProviderAnswer.Approved());
    }

    @Test
    void theSlowTokenWaitsTheConfiguredDelay() {
        SimulatedPaymentGateway gateway = gateway(new SimulatorSettings(Duration.ZERO, 0, Duration.ofMillis(2500)));

        assertThat(authorize(gateway, "k", "tok_slow")).isEqualTo(new ProviderAnswer.Approved());
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(2500));
    }

    @Test
    void latencyRangesFromHalfToTwiceTheMedianWithTheMedianInTheMiddle() {
        SimulatedPaymentGateway gateway =
                gateway(new SimulatorSettings(Duration.ofMillis(200), 0, Duration.ZERO), 0.5, 0.0, 0.999999);

        authorize(gateway, "k1", "tok_visa");
        authorize(gateway, "k2", "tok_visa");
        authorize(gateway, "k3", "tok_visa");

        assertThat(sleeper.sleeps)
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(400));
    }

    @Test
    void theFailureRateFailsAnyCallTransientlyAndRemembersNothing() {
        SimulatedPaymentGateway gateway =
                gateway(new SimulatorSettings(Duration.ZERO, 0.25, Duration.ZERO), 0.2, 0.3, 0.1);
        PaymentId payment = new PaymentId("pay_1");

        assertThatThrownBy(() -> gateway.capture("c", payment, AMOUNT))
                .isInstanceOf(PaymentProviderUnavailableException.class);
        assertThat(gateway.capture("c", payment, AMOUNT)).isEqualTo(new ProviderAnswer.Approved());
        assertThatThrownBy(() -> gateway.refund("r", payment, AMOUNT))
                .isInstanceOf(PaymentProviderUnavailableException.class);
    }

    @Test
    void settingsRefuseImpossibleValues() {
        assertThatThrownBy(() -> new SimulatorSettings(Duration.ZERO, 1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings(Duration.ofMillis(-1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInjectedFaultHoldsThenFailsOnlyItsOwnOperation() {
        java.util.List<ProviderConditions.Operation> asked = new java.util.ArrayList<>();
        ProviderConditions authorizeDown = (operation, random) -> {
            asked.add(operation);
            return operation == ProviderConditions.Operation.Authorize
                    ? new ProviderConditions.Effect(250, true)
                    : ProviderConditions.Effect.NONE;
        };
        SimulatedPaymentGateway gateway =
                new SimulatedPaymentGateway(SimulatorSettings.defaults(), authorizeDown, draws(), sleeper);

        assertThatThrownBy(() -> authorize(gateway, "k1", "tok_visa"))
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .hasMessageContaining("Authorize");
        assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(250));
        assertThat(gateway.capture("k2", new PaymentId("pay_1"), AMOUNT)).isEqualTo(new ProviderAnswer.Approved());
        assertThat(asked).containsExactly(ProviderConditions.Operation.Authorize, ProviderConditions.Operation.Capture);
    }

    @Test
    void anInjectedFailureIsNotRememberedSoTheRetryWithTheSameKeyIsAnswered() {
        ArrayDeque<ProviderConditions.Effect> effects =
                new ArrayDeque<>(List.of(new ProviderConditions.Effect(0, true), ProviderConditions.Effect.NONE));
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(
                SimulatorSettings.defaults(), (operation, random) -> effects.pop(), draws(), sleeper);

        assertThatThrownBy(() -> authorize(gateway, "k1", "tok_visa"))
                .isInstanceOf(PaymentProviderUnavailableException.class);
        assertThat(authorize(gateway, "k1", "tok_visa")).isEqualTo(new ProviderAnswer.Approved());
    }
}
