package dev.asynccommerce.audit.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.audit.application.AuditTrail;
import dev.asynccommerce.audit.domain.AuditedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The EventAudit table: one item per event under its aggregate ({@code pk = AGGREGATE#<id>}), sorted
 * by when it happened ({@code sk = <occurredAt, fixed width>#<sequence, zero-padded>#<eventId>}).
 * Every part of the key comes from the event itself, so a redelivered event lands on the same key
 * and the conditional put keeps it once — no separate idempotency record is needed.
 *
 * <p>Events carry no personal data; the one secret among them, a pickup code (it releases the goods
 * at the store), is masked before it is kept.
 *
 * <p>Items expire {@link #RETENTION} after the event (TTL on {@code expiresAt}): long enough to
 * compare a season with the same one a year before, and far beyond the bus archive's 90 days.
 */
public final class DynamoDbAuditTrail implements AuditTrail {
    public static final Duration RETENTION = Duration.ofDays(400);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PICKUP_CODE = "pickupCode";

    /** Fixed width, so that the string order of sort keys is the order in time. */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAuditTrail(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean keepOnce(AuditedEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partitionKey(event.aggregateId())));
        item.put(
                "sk",
                s(SORTABLE_INSTANT.format(event.occurredAt()) + "#" + String.format("%020d", event.sequence()) + "#"
                        + event.eventId()));
        item.put("eventId", s(event.eventId()));
        item.put("source", s(event.source()));
        item.put("eventType", s(event.eventType()));
        item.put("aggregateId", s(event.aggregateId()));
        item.put("sequence", n(event.sequence()));
        item.put("occurredAt", s(event.occurredAt().toString()));
        item.put("correlationId", s(event.correlationId()));
        item.put("causationId", s(event.causationId()));
        item.put("detail", s(masked(event.detailJson())));
        item.put("expiresAt", n(event.occurredAt().plus(RETENTION).getEpochSecond()));
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<AuditedEvent> timeline(String aggregateId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partitionKey(aggregateId))))
                .consistentRead(true)
                .build();
        return dynamoDb.queryPaginator(query).items().stream()
                .map(DynamoDbAuditTrail::event)
                .toList();
    }

    private static AuditedEvent event(Map<String, AttributeValue> item) {
        return new AuditedEvent(
                item.get("eventId").s(),
                item.get("source").s(),
                item.get("eventType").s(),
                item.get("aggregateId").s(),
                Long.parseLong(item.get("sequence").n()),
                Instant.parse(item.get("occurredAt").s()),
                item.get("correlationId").s(),
                item.get("causationId").s(),
                item.get("detail").s());
    }

    private static String partitionKey(String aggregateId) {
        return "AGGREGATE#" + aggregateId;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The detail with {@code data.pickupCode}, when present, replaced by a mask of its length. */
    static String masked(String detailJson) {
        try {
            JsonNode detail = JSON.readTree(detailJson);
            if (detail.path("data").path(PICKUP_CODE).isTextual()) {
                ObjectNode data = (ObjectNode) detail.get("data");
                data.put(PICKUP_CODE, "*".repeat(data.get(PICKUP_CODE).asText().length()));
                return JSON.writeValueAsString(detail);
            }
            return detailJson;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
