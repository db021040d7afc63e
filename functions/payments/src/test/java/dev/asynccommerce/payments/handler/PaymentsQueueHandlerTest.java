package dev.asynccommerce.payments.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.PaymentsWiring;
import dev.asynccommerce.payments.application.InMemoryPaymentLedgers;
import dev.asynccommerce.payments.application.ProviderRetry;
import dev.asynccommerce.payments.application.RecordingCallbacks;
import dev.asynccommerce.payments.application.RecordingSleeper;
import dev.asynccommerce.payments.application.RedeliveryPolicy;
import dev.asynccommerce.payments.application.ScriptedGateway;
import dev.asynccommerce.payments.application.SequentialIdentities;
import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PaymentsQueueHandlerTest {
    private static final String VALID = "{\"command\":\"AUTHORIZE\",\"taskToken\":\"tt-9\","
            + "\"orderId\":\"ord_0000000000000000000000000c\",\"correlationId\":\"req-9\",\"attempt\":1,"
            + "\"amountCents\":500,\"currency\":\"EUR\",\"methods\":[{\"type\":\"CARD\",\"token\":\"ok_card\"}]}";

    private final HandlerFixture fixture = new HandlerFixture();
    private final PaymentsQueueHandler handler = new PaymentsQueueHandler(fixture.wiring);

    @Test
    void aRecordedBatchIsAuthorizedAndAnsweredMessageByMessage() {
        SQSBatchResponse response = handler.handleRequest(HandlerFixture.recorded("sqs-authorize.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fixture.callbacks.successes)
                .containsExactly(
                        new RecordingCallbacks.Success(
                                "AQCEAAAAKgAAAAMAAAAAAAAAAT-token-1",
                                new AuthorizationOutcome.Authorized(
                                        new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1"), MethodType.WALLET, 1)),
                        new RecordingCallbacks.Success(
                                "AQCEAAAAKgAAAAMAAAAAAAAAAT-token-2",
                                new AuthorizationOutcome.Authorized(
                                        new PaymentId("pay_0000000000000000000000000b-1-0"), MethodType.CARD, 0)));
        assertThat(fixture.ledgers.outbox).hasSize(3);
        assertThat(fixture.metrics.fallbacks)
                .as("one fallback: the first message's wallet after its card")
                .containsExactly(new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb"));
    }

    @Test
    void aRedeliveryOfADecidedFallbackCountsItNoSecondTime() {
        handler.handleRequest(HandlerFixture.recorded("sqs-authorize.json"), null);

        handler.handleRequest(HandlerFixture.recorded("sqs-authorize.json"), null);

        assertThat(fixture.metrics.fallbacks).hasSize(1);
    }

    @Test
    void onlyTheMessageWhoseProviderIsDownComesBackWithItsVisibilityPostponed() {
        fixture.gateway.failNext(3);

        SQSBatchResponse response = handler.handleRequest(HandlerFixture.recorded("sqs-authorize.json"), null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(fixture.visibility.changes).containsExactly("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-receipt-1 PT10S");
        assertThat(fixture.callbacks.successes).hasSize(1);
    }

    @Test
    void theLastDeliveryAnswersFailedAndStillReportsTheMessage() {
        fixture.gateway.failNext(3);

        SQSBatchResponse response = handler.handleRequest(HandlerFixture.single("m-5", VALID, 5), null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-5");
        assertThat(fixture.callbacks.successes)
                .containsExactly(new RecordingCallbacks.Success(
                        "tt-9", new AuthorizationOutcome.Failed("payment provider unavailable")));
    }

    @Test
    void aMessageThatIsNotJsonIsDroppedWithoutAnAnswer() {
        SQSBatchResponse response = handler.handleRequest(HandlerFixture.single("m-1", "not json", 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fixture.callbacks.successes).isEmpty();
        assertThat(fixture.callbacks.failures).isEmpty();
        assertThat(fixture.gateway.calls).isEmpty();
    }

    @Test
    void anInvalidMessageWithATaskTokenFailsTheTaskAndIsDropped() {
        String body = VALID.replace("\"attempt\":1", "\"attempt\":1.5").replace("\"EUR\"", "\"EUR\",\"extra\":1");

        SQSBatchResponse response = handler.handleRequest(HandlerFixture.single("m-1", body, 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(fixture.callbacks.failures).singleElement().satisfies(failure -> {
            assertThat(failure.taskToken()).isEqualTo("tt-9");
            assertThat(failure.error()).isEqualTo("Payment.InvalidRequest");
            assertThat(failure.cause())
                    .contains("attempt: must be a whole number", "is not a known field")
                    .doesNotContain("ok_card", "tt-9");
        });
        assertThat(fixture.gateway.calls).isEmpty();
    }

    @Test
    void anUnexpectedErrorFailsOnlyItsOwnMessage() {
        InMemoryPaymentLedgers broken = new InMemoryPaymentLedgers() {
            @Override
            public dev.asynccommerce.payments.domain.PaymentLedger load(OrderId orderId) {
                if (orderId.value().endsWith("c")) {
                    throw new IllegalStateException("table unavailable");
                }
                return super.load(orderId);
            }
        };
        PaymentsQueueHandler brokenHandler = new PaymentsQueueHandler(new PaymentsWiring(
                broken,
                new ScriptedGateway(),
                new RecordingCallbacks(),
                fixture.visibility,
                new SequentialIdentities(),
                ProviderRetry.standard(new RecordingSleeper()),
                RedeliveryPolicy.withMaxReceives(5),
                fixture.metrics,
                Clock.systemUTC()));
        SQSEvent event = HandlerFixture.recorded("sqs-authorize.json");
        event.getRecords()
                .add(HandlerFixture.single("m-c", VALID, 1).getRecords().getFirst());

        SQSBatchResponse response = brokenHandler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-c");
    }

    @Test
    void theConsumerNeedsItsQueueConfigured() {
        PaymentsWiring withoutQueue = new PaymentsWiring(
                new InMemoryPaymentLedgers(),
                new ScriptedGateway(),
                new RecordingCallbacks(),
                null,
                new SequentialIdentities(),
                ProviderRetry.standard(new RecordingSleeper()),
                RedeliveryPolicy.withMaxReceives(5),
                fixture.metrics,
                Clock.systemUTC());

        assertThatThrownBy(() -> new PaymentsQueueHandler(withoutQueue))
                .hasMessage("environment variable PAYMENTS_QUEUE_URL is not set");
    }
}
