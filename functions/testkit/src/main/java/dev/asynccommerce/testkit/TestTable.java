package dev.asynccommerce.testkit;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A uniquely named on-demand table shaped as the stack makes ours: String key {@code pk}, and where
 * asked a String sort key and a NEW_AND_OLD_IMAGES stream (an outbox table).
 *
 * <p>Time to live is deliberately never enabled: DynamoDB Local deletes expired items on the wall
 * clock, while tests write expiry times from their own clock, so items would vanish whenever the wall
 * clock passes a test's instant. Our adapters skip expired items themselves (AWS deletes them only
 * within days), and their tests show that on the test clock.
 */
public final class TestTable {
    private final String prefix;
    private String sortKey;
    private boolean stream;

    private TestTable(String prefix) {
        this.prefix = prefix;
    }

    public static TestTable named(String prefix) {
        return new TestTable(prefix);
    }

    public TestTable withSortKey(String name) {
        this.sortKey = name;
        return this;
    }

    public TestTable withStream() {
        this.stream = true;
        return this;
    }

    /** Creates the table and answers its name. */
    public String create(DynamoDbClient dynamo) {
        String name = UniqueNames.next(prefix);
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(stringAttribute("pk")));
        List<KeySchemaElement> keys = new ArrayList<>(List.of(key("pk", KeyType.HASH)));
        if (sortKey != null) {
            attributes.add(stringAttribute(sortKey));
            keys.add(key(sortKey, KeyType.RANGE));
        }
        dynamo.createTable(b -> {
            b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(keys);
            if (stream) {
                b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
        return name;
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
