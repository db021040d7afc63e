package dev.asynccommerce.payments.handler;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.asynccommerce.payments.PaymentsWiring;
import dev.asynccommerce.payments.application.InMemoryPaymentLedgers;
import dev.asynccommerce.payments.application.ProviderRetry;
import dev.asynccommerce.payments.application.RecordingCallbacks;
import dev.asynccommerce.payments.application.RecordingPaymentMetrics;
import dev.asynccommerce.payments.application.RecordingSleeper;
import dev.asynccommerce.payments.application.RecordingVisibility;
import dev.asynccommerce.payments.application.RedeliveryPolicy;
import dev.asynccommerce.payments.application.ScriptedGateway;
import dev.asynccommerce.payments.application.SequentialIdentities;
import dev.asynccommerce.testkit.MutableClock;
import java.util.List;
import java.util.Map;

/** The payments wiring over in-memory ports, and recorded SQS events to replay at it. */
final class HandlerFixture {
    final MutableClock clock = MutableClock.at("2026-11-21T08:35:13Z");
    final InMemoryPaymentLedgers ledgers = new InMemoryPaymentLedgers();
    final ScriptedGateway gateway = new ScriptedGateway();
    final RecordingCallbacks callbacks = new RecordingCallbacks();
    final RecordingVisibility visibility = new RecordingVisibility();
    final RecordingPaymentMetrics metrics = new RecordingPaymentMetrics();
    final PaymentsWiring wiring = new PaymentsWiring(
            ledgers,
            gateway,
            callbacks,
            visibility,
            new SequentialIdentities(),
            ProviderRetry.standard(new RecordingSleeper()),
            RedeliveryPolicy.withMaxReceives(5),
            metrics,
            clock);

    static SQSEvent recorded(String name) {
        return EventLoader.loadSQSEvent("events/" + name);
    }

    static SQSEvent single(String messageId, String body, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setReceiptHandle("receipt-" + messageId);
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }
}
