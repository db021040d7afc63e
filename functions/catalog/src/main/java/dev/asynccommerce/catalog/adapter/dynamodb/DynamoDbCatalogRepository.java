package dev.asynccommerce.catalog.adapter.dynamodb;

import dev.asynccommerce.catalog.application.CatalogRepository;
import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * The catalog in one DynamoDB table ({@code pk}, {@code sk}): items under {@code pk=ITEM}, stores
 * under {@code pk=STORE}, the SKU or store id as the sort key.
 *
 * <p>A listing is one Query on the partition, followed page by page until DynamoDB has no more;
 * DynamoDB returns a partition in ascending sort-key order, which is the order the port promises.
 * Reads are eventually consistent: a price change may take a moment to show, which a catalog
 * listing tolerates.
 */
public final class DynamoDbCatalogRepository implements CatalogRepository {
    /** Items per Query page; DynamoDB also ends a page at 1 MB, whichever comes first. */
    static final int DEFAULT_PAGE_SIZE = 500;

    private final DynamoDbTable<ItemRecord> items;
    private final DynamoDbTable<StoreRecord> stores;
    private final int pageSize;

    public DynamoDbCatalogRepository(DynamoDbEnhancedClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, DEFAULT_PAGE_SIZE);
    }

    DynamoDbCatalogRepository(DynamoDbEnhancedClient dynamoDb, String tableName, int pageSize) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(tableName, "tableName");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        // Two typed views of one table: each schema maps only its own partition's attributes.
        this.items = dynamoDb.table(tableName, ItemRecord.SCHEMA);
        this.stores = dynamoDb.table(tableName, StoreRecord.SCHEMA);
        this.pageSize = pageSize;
    }

    @Override
    public List<CatalogItem> findAllItems() {
        return items.query(partition(CatalogTable.ITEM_PARTITION)).items().stream()
                .map(ItemRecord::toDomain)
                .toList();
    }

    @Override
    public List<Store> findAllStores() {
        return stores.query(partition(CatalogTable.STORE_PARTITION)).items().stream()
                .map(StoreRecord::toDomain)
                .toList();
    }

    @Override
    public void saveItem(CatalogItem item) {
        items.putItem(ItemRecord.of(item));
    }

    @Override
    public void saveStore(Store store) {
        stores.putItem(StoreRecord.of(store));
    }

    private QueryEnhancedRequest partition(String pk) {
        return QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(pk).build()))
                .limit(pageSize)
                .build();
    }
}
