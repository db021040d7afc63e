package dev.asynccommerce.catalog.adapter.dynamodb;

import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.StoreId;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A store as stored: {@code pk=STORE, sk=<storeId>, name}. */
final class StoreRecord {
    static final TableSchema<StoreRecord> SCHEMA = StaticTableSchema.builder(StoreRecord.class)
            .newItemSupplier(StoreRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.PK)
                            .getter(StoreRecord::getPk)
                            .setter(StoreRecord::setPk)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.SK)
                            .getter(StoreRecord::getSk)
                            .setter(StoreRecord::setSk)
                            .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.NAME).getter(StoreRecord::getName).setter(StoreRecord::setName))
            .build();

    private String pk;
    private String sk;
    private String name;

    static StoreRecord of(Store store) {
        StoreRecord record = new StoreRecord();
        record.pk = CatalogTable.STORE_PARTITION;
        record.sk = store.storeId().value();
        record.name = store.name();
        return record;
    }

    Store toDomain() {
        return new Store(new StoreId(sk), name);
    }

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
