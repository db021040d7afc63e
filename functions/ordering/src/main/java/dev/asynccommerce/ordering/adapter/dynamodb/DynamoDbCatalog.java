package dev.asynccommerce.ordering.adapter.dynamodb;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.ordering.application.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Reads the catalog context's table, read-only, in the layout that context publishes as its
 * contract: items at {@code pk=ITEM, sk=<sku>} with name, priceCents and currency; stores at {@code
 * pk=STORE, sk=<storeId>}. Reads are eventually consistent: a price change reaching checkout a
 * second late is acceptable, and it halves the read cost.
 */
public final class DynamoDbCatalog implements Catalog {
    /** BatchGetItem takes at most 100 keys per call. */
    private static final int BATCH_LIMIT = 100;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EnhancedDocument> table;

    public DynamoDbCatalog(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.table = enhanced.table(
                tableName,
                TableSchema.documentSchemaBuilder()
                        .addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
                        .addIndexSortKey(TableMetadata.primaryIndexName(), "sk", AttributeValueType.S)
                        .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                        .build());
    }

    @Override
    public Map<Sku, Item> findItems(Set<Sku> skus) {
        Map<Sku, Item> found = new HashMap<>();
        List<Sku> all = new ArrayList<>(skus);
        for (int from = 0; from < all.size(); from += BATCH_LIMIT) {
            ReadBatch.Builder<EnhancedDocument> batch =
                    ReadBatch.builder(EnhancedDocument.class).mappedTableResource(table);
            for (Sku sku : all.subList(from, Math.min(all.size(), from + BATCH_LIMIT))) {
                batch.addGetItem(key("ITEM", sku.value()));
            }
            // The page iterable asks again for unprocessed keys until none are left.
            for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.addReadBatch(batch.build()))) {
                for (EnhancedDocument item : page.resultsForTable(table)) {
                    Sku sku = new Sku(item.getString("sk"));
                    Money price = Money.of(item.getNumber("priceCents").longValue(), item.getString("currency"));
                    found.put(sku, new Item(sku, item.getString("name"), price));
                }
            }
        }
        return found;
    }

    @Override
    public boolean storeExists(StoreId storeId) {
        return table.getItem(key("STORE", storeId.value())) != null;
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
