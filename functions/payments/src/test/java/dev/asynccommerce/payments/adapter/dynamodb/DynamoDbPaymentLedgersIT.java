package dev.asynccommerce.payments.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.PaymentsWiring;
import dev.asynccommerce.payments.adapter.simulated.SimulatedPaymentGateway;
import dev.asynccommerce.payments.adapter.simulated.SimulatorSettings;
import dev.asynccommerce.payments.application.AuthorizeRequest;
import dev.asynccommerce.payments.application.CommandContext;
import dev.asynccommerce.payments.application.Delivery;
import dev.asynccommerce.payments.application.OutboxMessage;
import dev.asynccommerce.payments.application.PaymentCommandRequest;
import dev.asynccommerce.payments.application.PaymentLedgers.AppendResult;
import dev.asynccommerce.payments.application.PaymentMessages;
import dev.asynccommerce.payments.application.ProviderRetry;
import dev.asynccommerce.payments.application.RecordingCallbacks;
import dev.asynccommerce.payments.application.RecordingSleeper;
import dev.asynccommerce.payments.application.RecordingVisibility;
import dev.asynccommerce.payments.application.RedeliveryPolicy;
import dev.asynccommerce.payments.application.SequentialIdentities;
import dev.asynccommerce.payments.domain.AuthorizationOutcome;
import dev.asynccommerce.payments.domain.CommandOutcome;
import dev.asynccommerce.payments.domain.DeclineKind;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.PaymentLedger;
import dev.asynccommerce.payments.domain.ProviderAnswer;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.MutableClock;
import dev.asynccommerce.testkit.StreamEvents;
import dev.asynccommerce.testkit.TestTable;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The ledger store against AWS's DynamoDB Local, in this JVM: real transactions, conditions and stream. */
class DynamoDbPaymentLedgersIT {
    private static final DynamoDbLocal LOCAL = DynamoDbLocal.shared();
    private static final DynamoDbClient DYNAMO = LOCAL.client();
    private static final DynamoDbStreamsClient STREAMS = LOCAL.streamsClient();
    private static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    private static final Money AMOUNT = Money.of(7597, "EUR");
    private static final CommandContext CONTEXT = new CommandContext("req-1", "msg-1", "Root=1-abc-def");

    private final MutableClock clock = MutableClock.at("2026-11-21T08:35:13Z");
    private final PaymentMessages messages = new PaymentMessages(new SequentialIdentities());
    private String table;
    private DynamoDbPaymentLedgers ledgers;

    @AfterAll
    static void closeClients() {
        DYNAMO.close();
        STREAMS.close();
    }

    @BeforeEach
    void createTable() {
        table = TestTable.named("payments").withSortKey("sk").withStream().create(DYNAMO);
        ledgers = new DynamoDbPaymentLedgers(DYNAMO, table);
    }

    private PaymentLedger appendAll(PaymentLedger ledger, LedgerEntry... entries) {
        for (LedgerEntry entry : entries) {
            assertThat(ledgers.append(ORDER, entry, messages.of(ORDER, entry, CONTEXT)))
                    .isEqualTo(new AppendResult.Appended());
            ledger = ledger.with(entry);
        }
        return ledger;
    }

    @Test
    void everyKindOfEntryComesBackAsWritten() {
        Instant at = clock.instant();
        PaymentId payment = PaymentId.forAuthorization(ORDER, 1, 1);
        PaymentLedger ledger = PaymentLedger.empty(ORDER);
        LedgerEntry declined = ledger.authorizationResult(
                1, 0, MethodType.CARD, AMOUNT, new ProviderAnswer.Declined(DeclineKind.SOFT, "insufficient_funds"), at);
        ledger = appendAll(ledger, declined);
        ledger = appendAll(
                ledger, ledger.authorizationResult(1, 1, MethodType.WALLET, AMOUNT, new ProviderAnswer.Approved(), at));
        ledger = appendAll(ledger, ledger.failure(2, 0, AMOUNT, "provider unavailable after 5 deliveries", at));
        for (var command : List.of(
                dev.asynccommerce.payments.domain.PaymentCommand.CAPTURE,
                dev.asynccommerce.payments.domain.PaymentCommand.REFUND)) {
            var call = (dev.asynccommerce.payments.domain.CommandStep.CallProvider)
                    ledger.nextCommandStep(command, payment, AMOUNT);
            ledger = appendAll(ledger, ledger.commandResult(command, call, "item returned", at));
        }
        PaymentLedger other = PaymentLedger.empty(new OrderId("ord_0000000000000000000000000v"));
        var voided = new LedgerEntry.Voided(1, at, new PaymentId("pay_v"), AMOUNT, "k");

        assertThat(ledgers.load(ORDER).entries()).isEqualTo(ledger.entries());
        assertThat(ledgers.append(other.orderId(), voided, messages.of(other.orderId(), voided, CONTEXT)))
                .isEqualTo(new AppendResult.Appended());
        assertThat(ledgers.load(other.orderId()).entries()).containsExactly(voided);
    }

    @Test
    void aSecondWriterAtTheSameSequenceWritesNeitherEntryNorEvent() {
        LedgerEntry first = PaymentLedger.empty(ORDER)
                .authorizationResult(1, 0, MethodType.CARD, AMOUNT, new ProviderAnswer.Approved(), clock.instant());
        LedgerEntry rival = PaymentLedger.empty(ORDER)
                .authorizationResult(
                        1,
                        0,
                        MethodType.CARD,
                        AMOUNT,
                        new ProviderAnswer.Declined(DeclineKind.HARD, "card_declined"),
                        clock.instant());

        assertThat(ledgers.append(ORDER, first, messages.of(ORDER, first, CONTEXT)))
                .isEqualTo(new AppendResult.Appended());
        assertThat(ledgers.append(ORDER, rival, messages.of(ORDER, rival, CONTEXT)))
                .isEqualTo(new AppendResult.SequenceTaken());

        assertThat(ledgers.load(ORDER).entries()).containsExactly(first);
        assertThat(DYNAMO.scan(b -> b.tableName(table)).items())
                .extracting(item -> item.get("pk").s() + " " + item.get("sk").s())
                .containsExactlyInAnyOrder(
                        "ORDER#ord_01jdq8r5w3k7m2n9p4t6v8x0zb ENTRY#0000000001",
                        "OUTBOX#00000000-0000-4000-8000-000000000001 OUTBOX");
    }

    @Test
    void theEventGoesToTheStreamAsAnOutboxInsertTheRelayPublishes() {
        LedgerEntry entry = PaymentLedger.empty(ORDER)
                .authorizationResult(1, 0, MethodType.CARD, AMOUNT, new ProviderAnswer.Approved(), clock.instant());
        OutboxMessage event = messages.of(ORDER, entry, CONTEXT);
        ledgers.append(ORDER, entry, event);

        Map<String, AttributeValue> item = DYNAMO.getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("OUTBOX#" + event.eventId()),
                                "sk", AttributeValue.fromS("OUTBOX"))))
                .item();
        assertThat(item.get("itemType").s()).isEqualTo("OutboxEvent");
        assertThat(item.get("source").s()).isEqualTo("commerce.payments");
        assertThat(item.get("detailType").s()).isEqualTo("PaymentAuthorized");
        assertThat(item.get("detail").s()).isEqualTo(event.detailJson());
        assertThat(item.get("aggregateId").s()).isEqualTo(ORDER.value());
        assertThat(item.get("traceHeader").s()).isEqualTo("Root=1-abc-def");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(clock.instant().plusSeconds(2 * 86_400).getEpochSecond());
        Map<String, AttributeValue> entryItem = DYNAMO.getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("ORDER#" + ORDER.value()),
                                "sk", AttributeValue.fromS("ENTRY#0000000001"))))
                .item();
        assertThat(entryItem).doesNotContainKey("expiresAt");

        DynamodbEvent stream = StreamEvents.readTable(DYNAMO, STREAMS, table);
        assertThat(stream.getRecords())
                .filteredOn(r -> "INSERT".equals(r.getEventName()))
                .extracting(r -> r.getDynamodb().getNewImage().get("itemType").getS())
                .containsExactlyInAnyOrder("PaymentLedgerEntry", "OutboxEvent");
    }

    @Test
    void aPaymentRunsEndToEndOnTheTableAndARedeliveryWritesNothingMore() {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        PaymentsWiring wiring = new PaymentsWiring(
                ledgers,
                new SimulatedPaymentGateway(SimulatorSettings.defaults(), () -> 0.9, new RecordingSleeper()),
                callbacks,
                new RecordingVisibility(),
                new SequentialIdentities(),
                ProviderRetry.standard(new RecordingSleeper()),
                RedeliveryPolicy.withMaxReceives(5),
                new dev.asynccommerce.payments.application.RecordingPaymentMetrics(),
                clock);
        AuthorizeRequest request = AuthorizeRequest.of(
                "AUTHORIZE",
                "tt",
                ORDER.value(),
                "req-1",
                1L,
                7597L,
                "EUR",
                List.of(
                        new AuthorizeRequest.RawMethod("CARD", "tok_insufficient"),
                        new AuthorizeRequest.RawMethod("WALLET", "tok_visa")));

        wiring.authorizePayment().authorize(request, new Delivery("m", "r", 1));
        wiring.authorizePayment().authorize(request, new Delivery("m", "r", 2));
        PaymentCommandRequest capture = PaymentCommandRequest.of(
                "CAPTURE", ORDER.value(), "req-1", "pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1", 7597L, "EUR", null);
        CommandOutcome captured = wiring.runPaymentCommand().execute(capture, CONTEXT);
        CommandOutcome again = wiring.runPaymentCommand().execute(capture, CONTEXT);

        AuthorizationOutcome authorized = new AuthorizationOutcome.Authorized(
                new PaymentId("pay_01jdq8r5w3k7m2n9p4t6v8x0zb-1-1"), MethodType.WALLET, 1);
        assertThat(callbacks.successes)
                .extracting(RecordingCallbacks.Success::outcome)
                .containsExactly(authorized, authorized);
        assertThat(captured).isEqualTo(CommandOutcome.CAPTURED);
        assertThat(again).isEqualTo(CommandOutcome.CAPTURED);
        assertThat(wiring.listLedgerEntries().execute(ORDER.value()))
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Declined", "Authorized", "Captured");
        assertThat(DYNAMO.scan(b -> b.tableName(table)).items())
                .filteredOn(item -> item.get("itemType").s().equals("OutboxEvent"))
                .extracting(item -> item.get("detailType").s())
                .containsExactlyInAnyOrder("PaymentDeclined", "PaymentAuthorized", "PaymentCaptured");
    }

    @Test
    void theWiringReadsItsEnvironment() {
        URI nowhere = URI.create("http://127.0.0.1:9");
        SfnClient sfn = SfnClient.builder()
                .endpointOverride(nowhere)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(nowhere)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        RecordingSleeper sleeper = new RecordingSleeper();

        PaymentsWiring commandsOnly = PaymentsWiring.fromEnvironment(
                new Environment(Map.of("PAYMENTS_TABLE", table, "PAYMENT_SIM_SLOW_MS", "1200")),
                DYNAMO,
                sfn,
                sqs,
                sleeper,
                () -> 0.9,
                clock);
        assertThat(commandsOnly
                        .runPaymentCommand()
                        .execute(
                                PaymentCommandRequest.of("VOID", ORDER.value(), "req-1", null, 1L, "EUR", null),
                                CONTEXT))
                .isEqualTo(CommandOutcome.NOTHING_TO_VOID);
        assertThatThrownBy(commandsOnly::authorizePayment).hasMessageContaining("PAYMENTS_QUEUE_URL");
        assertThatThrownBy(() -> PaymentsWiring.fromEnvironment(
                        new Environment(Map.of()), DYNAMO, sfn, sqs, sleeper, () -> 0.9, clock))
                .hasMessageContaining("PAYMENTS_TABLE");
        assertThatThrownBy(() -> PaymentsWiring.fromEnvironment(
                        new Environment(Map.of(
                                "PAYMENTS_TABLE", table,
                                "PAYMENTS_QUEUE_URL", "http://q",
                                "PAYMENT_SIM_FAILURE_RATE", "2")),
                        DYNAMO,
                        sfn,
                        sqs,
                        sleeper,
                        () -> 0.9,
                        clock))
                .hasMessageContaining("PAYMENT_SIM_FAILURE_RATE");
        assertThat(PaymentsWiring.fromEnvironment(
                                new Environment(Map.of(
                                        "PAYMENTS_TABLE", table,
                                        "PAYMENTS_QUEUE_URL", "http://q",
                                        "PAYMENTS_MAX_RECEIVES", "3")),
                                DYNAMO,
                                sfn,
                                sqs,
                                sleeper,
                                () -> 0.9,
                                clock)
                        .authorizePayment())
                .isNotNull();
        sfn.close();
        sqs.close();
    }
}
