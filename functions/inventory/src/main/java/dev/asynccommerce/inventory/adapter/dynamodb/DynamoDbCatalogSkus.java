package dev.asynccommerce.inventory.adapter.dynamodb;

import dev.asynccommerce.inventory.application.CatalogSkus;
import dev.asynccommerce.inventory.application.Pause;
import dev.asynccommerce.kernel.Sku;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads the catalog context's table, read-only, in the layout that context publishes as its
 * contract (functions/catalog/README.md): a SKU is for sale when an item exists at {@code pk=ITEM,
 * sk=<sku>}. Only the key is projected (inventory needs no name or price), the read is eventually
 * consistent (a SKU added a second ago may be refused once; the catalog changes rarely), and it goes
 * through {@link BatchReads}: batches of 100, bounded backoff on unprocessed keys. The same
 * read-only access as checkout's, see docs/decisions/2026-11-21-checkout-reads-the-catalog-table.md.
 */
public final class DynamoDbCatalogSkus implements CatalogSkus {
    static final String ITEM_PARTITION = "ITEM";
    private static final String PK = "pk";
    private static final String SK = "sk";
    /** Only the sort key (the SKU) comes back; the names keep DynamoDB's reserved words out of the way. */
    private static final KeysAndAttributes KEY_ONLY = KeysAndAttributes.builder()
            .consistentRead(false)
            .projectionExpression("#sk")
            .expressionAttributeNames(Map.of("#sk", SK))
            .build();

    private final BatchReads reads;
    private final String tableName;

    public DynamoDbCatalogSkus(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Pause.jittered(Duration.ofMillis(25), Duration.ofMillis(800)));
    }

    DynamoDbCatalogSkus(DynamoDbClient dynamoDb, String tableName, Pause backoff) {
        this.reads = new BatchReads(dynamoDb, backoff);
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Set<Sku> listed(Set<Sku> skus) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(skus.size());
        skus.forEach(sku ->
                keys.add(Map.of(PK, AttributeValue.fromS(ITEM_PARTITION), SK, AttributeValue.fromS(sku.value()))));
        Set<Sku> listed = new HashSet<>();
        for (Map<String, AttributeValue> item : reads.get(tableName, keys, KEY_ONLY)) {
            listed.add(new Sku(item.get(SK).s()));
        }
        return listed;
    }
}
