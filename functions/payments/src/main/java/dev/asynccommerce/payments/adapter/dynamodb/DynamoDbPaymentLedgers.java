package dev.asynccommerce.payments.adapter.dynamodb;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.application.OutboxMessage;
import dev.asynccommerce.payments.application.PaymentLedgers;
import dev.asynccommerce.payments.domain.LedgerEntry;
import dev.asynccommerce.payments.domain.PaymentLedger;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Payment ledgers and their outbox in the payments table (key {@code pk} + {@code sk}, stream
 * NEW_AND_OLD_IMAGES, TTL on {@code expiresAt}).
 *
 * <p>An entry and its outbox item go in one {@code TransactWriteItems}, each put conditional on its
 * key being free. The entry's key holds its sequence, so a second writer deciding on the same ledger
 * version (a redelivered or concurrent message) loses the condition and writes nothing. Outbox items
 * are platform {@link OutboxItem}s ({@code pk = OUTBOX#<eventId>}, {@code sk = OUTBOX}), which the
 * outbox relay publishes from the stream; ledger items have no TTL, they are the payment record.
 *
 * <p>Failure behaviour: a lost condition is {@link AppendResult.SequenceTaken}; anything else
 * (throttling after the SDK's retries, a network failure) is an exception for the caller to retry.
 */
public final class DynamoDbPaymentLedgers implements PaymentLedgers {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbPaymentLedgers(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public PaymentLedger load(OrderId orderId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :entry)")
                .expressionAttributeValues(Map.of(
                        ":pk", LedgerItems.s(LedgerItems.partitionKey(orderId)),
                        ":entry", LedgerItems.s(LedgerItems.ENTRY_PREFIX)))
                .build();
        List<LedgerEntry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(query).items().forEach(item -> entries.add(LedgerItems.fromItem(item)));
        return new PaymentLedger(orderId, entries);
    }

    @Override
    public AppendResult append(OrderId orderId, LedgerEntry entry, OutboxMessage event) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWrites.putNew(tableName, LedgerItems.toItem(orderId, entry, event.eventId())),
                    outboxPut(event)));
            return new AppendResult.Appended();
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return new AppendResult.SequenceTaken();
            }
            throw e;
        }
    }

    /** Platform's outbox item, with the sort key this table has. */
    private TransactWriteItem outboxPut(OutboxMessage message) {
        return OutboxItem.of(message).putNew(tableName, LedgerItems.SK);
    }
}
