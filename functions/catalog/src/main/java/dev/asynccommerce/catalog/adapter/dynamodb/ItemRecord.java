package dev.asynccommerce.catalog.adapter.dynamodb;

import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A catalog item as stored: {@code pk=ITEM, sk=<sku>, name, priceCents, currency}. */
final class ItemRecord {
    static final TableSchema<ItemRecord> SCHEMA = StaticTableSchema.builder(ItemRecord.class)
            .newItemSupplier(ItemRecord::new)
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.PK)
                            .getter(ItemRecord::getPk)
                            .setter(ItemRecord::setPk)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.SK)
                            .getter(ItemRecord::getSk)
                            .setter(ItemRecord::setSk)
                            .tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.NAME).getter(ItemRecord::getName).setter(ItemRecord::setName))
            .addAttribute(
                    Long.class,
                    a -> a.name(CatalogTable.PRICE_CENTS)
                            .getter(ItemRecord::getPriceCents)
                            .setter(ItemRecord::setPriceCents))
            .addAttribute(
                    String.class,
                    a -> a.name(CatalogTable.CURRENCY)
                            .getter(ItemRecord::getCurrency)
                            .setter(ItemRecord::setCurrency))
            .build();

    private String pk;
    private String sk;
    private String name;
    private Long priceCents;
    private String currency;

    static ItemRecord of(CatalogItem item) {
        ItemRecord record = new ItemRecord();
        record.pk = CatalogTable.ITEM_PARTITION;
        record.sk = item.sku().value();
        record.name = item.name();
        record.priceCents = item.price().minorUnits();
        record.currency = item.price().currencyCode();
        return record;
    }

    /** The domain item; a stored item missing an attribute fails here rather than later. */
    CatalogItem toDomain() {
        if (priceCents == null || currency == null) {
            throw new IllegalStateException("catalog item " + sk + " is stored without a price");
        }
        return new CatalogItem(new Sku(sk), name, Money.of(priceCents, currency));
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

    public Long getPriceCents() {
        return priceCents;
    }

    public void setPriceCents(Long priceCents) {
        this.priceCents = priceCents;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }
}
