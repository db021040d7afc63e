package dev.asynccommerce.ordering.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.application.CheckoutRecord;
import dev.asynccommerce.ordering.application.OrderRepository;
import dev.asynccommerce.ordering.application.OutboxMessage;
import dev.asynccommerce.ordering.domain.Order;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import dev.asynccommerce.platform.json.Json;
import dev.asynccommerce.platform.outbox.OutboxItem;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Orders, their outbox and the checkout idempotency records in one DynamoDB table (key {@code pk}),
 * written through the Enhanced Client, every change in one {@code TransactWriteItems}.
 *
 * <p>Failure behaviour: a lost condition (revision moved on, key taken) comes back as a result
 * value; anything else (throttling after the SDK's retries, a network failure) is an exception for
 * the platform to retry.
 */
public final class DynamoDbOrderRepository implements OrderRepository {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EnhancedDocument> documents;
    private final DynamoDbTable<OutboxItem> outbox;
    /** Lenient on read: an item written by a newer version of this code may carry more attributes. */
    private final ObjectMapper json =
            Json.newMapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Clock clock;

    public DynamoDbOrderRepository(DynamoDbEnhancedClient enhanced, String tableName, Clock clock) {
        this.enhanced = enhanced;
        this.documents = enhanced.table(tableName, documentSchema());
        this.outbox = enhanced.table(tableName, OutboxItem.SCHEMA);
        this.clock = clock;
    }

    static TableSchema<EnhancedDocument> documentSchema() {
        return TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .build();
    }

    @Override
    public Optional<Order> find(OrderId id) {
        EnhancedDocument item =
                documents.getItem(r -> r.key(key(StoredOrder.key(id))).consistentRead(true));
        return Optional.ofNullable(item).map(d -> read(d, StoredOrder.class).toOrder());
    }

    @Override
    public Optional<CheckoutRecord> findCheckout(String idempotencyKey) {
        EnhancedDocument item = documents.getItem(
                r -> r.key(key(StoredCheckout.key(idempotencyKey))).consistentRead(true));
        return Optional.ofNullable(item)
                .map(d -> read(d, StoredCheckout.class))
                // TTL deletes lazily (up to days later): an expired record is already gone for us.
                .filter(c -> c.expiresAt() > clock.instant().getEpochSecond())
                .map(c -> c.toRecord(idempotencyKey));
    }

    @Override
    public CreateResult create(Order order, OutboxMessage placed, CheckoutRecord checkout) {
        TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(
                        documents,
                        TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                                .item(write(StoredCheckout.from(checkout)))
                                .conditionExpression(Expression.builder()
                                        .expression("attribute_not_exists(pk) OR expiresAt < :now")
                                        .expressionValues(Map.of(
                                                ":now",
                                                AttributeValue.fromN(Long.toString(
                                                        clock.instant().getEpochSecond()))))
                                        .build())
                                .build())
                .addPutItem(documents, newItem(write(StoredOrder.from(order))))
                .addPutItem(outbox, outboxPut(placed))
                .build();
        try {
            enhanced.transactWriteItems(request);
            return new CreateResult.Created();
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return new CreateResult.KeyAlreadyUsed();
            }
            throw e;
        }
    }

    @Override
    public SaveResult save(Order order, long expectedRevision, OutboxMessage event) {
        TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(
                        documents,
                        TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                                .item(write(StoredOrder.from(order)))
                                .conditionExpression(atRevision(expectedRevision))
                                .build())
                .addPutItem(outbox, outboxPut(event))
                .build();
        try {
            enhanced.transactWriteItems(request);
            return new SaveResult.Saved();
        } catch (TransactionCanceledException e) {
            if (TransactWrites.conditionFailed(e, 0)) {
                return new SaveResult.VersionConflict();
            }
            throw e;
        }
    }

    /** A note publishes nothing, so it is one conditional put: no outbox item, no transaction. */
    @Override
    public SaveResult saveNote(Order order, long expectedRevision) {
        try {
            documents.putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(write(StoredOrder.from(order)))
                    .conditionExpression(atRevision(expectedRevision))
                    .build());
            return new SaveResult.Saved();
        } catch (ConditionalCheckFailedException e) {
            return new SaveResult.VersionConflict();
        }
    }

    /**
     * The stored order is still at {@code revision}. An item from before revisions were stored has
     * none; every write of it was a transition, so its version stands for its revision.
     */
    private static Expression atRevision(long revision) {
        return Expression.builder()
                .expression("#revision = :expected OR (attribute_not_exists(#revision) AND #version = :expected)")
                .expressionNames(Map.of("#revision", "revision", "#version", "version"))
                .expressionValues(Map.of(":expected", AttributeValue.fromN(Long.toString(revision))))
                .build();
    }

    private static TransactPutItemEnhancedRequest<OutboxItem> outboxPut(OutboxMessage message) {
        return putNew(OutboxItem.class, OutboxItem.of(message));
    }

    private static TransactPutItemEnhancedRequest<EnhancedDocument> newItem(EnhancedDocument document) {
        return putNew(EnhancedDocument.class, document);
    }

    private static <T> TransactPutItemEnhancedRequest<T> putNew(Class<T> type, T item) {
        return TransactPutItemEnhancedRequest.builder(type)
                .item(item)
                .conditionExpression(Expression.builder()
                        .expression(TransactWrites.KEY_IS_FREE)
                        .build())
                .build();
    }

    private static Key key(String pk) {
        return Key.builder().partitionValue(pk).build();
    }

    private EnhancedDocument write(Object stored) {
        try {
            return EnhancedDocument.builder()
                    .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                    .json(json.writeValueAsString(stored))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored shapes always serialize", e);
        }
    }

    private <T> T read(EnhancedDocument document, Class<T> type) {
        try {
            return json.readValue(document.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " could not be read", e);
        }
    }
}
