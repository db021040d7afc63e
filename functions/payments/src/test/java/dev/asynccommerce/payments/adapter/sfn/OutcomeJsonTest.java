package dev.asynccommerce.payments.adapter.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import org.junit.jupiter.api.Test;

/** The task outputs are the contract of docs/bopis-workflow.md, byte for byte. */
class OutcomeJsonTest {
    @Test
    void authorized() {
        assertThat(OutcomeJson.of(new AuthorizationOutcome.Authorized(
                        new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1"), MethodType.WALLET, 1)))
                .isEqualTo("{\"outcome\":\"AUTHORIZED\",\"paymentId\":\"pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1\","
                        + "\"methodType\":\"WALLET\",\"methodIndex\":1}");
    }

    @Test
    void declined() {
        assertThat(OutcomeJson.of(new AuthorizationOutcome.Declined("payment method declined (card_declined)")))
                .isEqualTo("{\"outcome\":\"DECLINED\",\"reason\":\"payment method declined (card_declined)\"}");
    }

    @Test
    void failed() {
        assertThat(OutcomeJson.of(new AuthorizationOutcome.Failed(AuthorizationOutcome.Failed.PROVIDER_UNAVAILABLE)))
                .isEqualTo("{\"outcome\":\"FAILED\",\"reason\":\"payment provider unavailable\"}");
    }
}
