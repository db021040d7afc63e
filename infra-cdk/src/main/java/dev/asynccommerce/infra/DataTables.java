package dev.asynccommerce.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * One DynamoDB table per bounded context: on demand, point-in-time recovery, encrypted, TTL on
 * {@code expiresAt}; the tables that hold an outbox stream NEW_AND_OLD_IMAGES to the relay. Data is
 * retained when the stack is deleted unless the {@code removalPolicy=destroy} context says otherwise.
 */
public final class DataTables extends Construct {
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private final Table orders;
    private final Table catalog;
    private final Table inventory;
    private final Table payments;
    private final Table fulfillment;
    private final Table audit;
    private final Table notifications;

    public DataTables(Construct scope, String id, RemovalPolicy removalPolicy) {
        super(scope, id);
        this.orders = table("Orders", false, true, removalPolicy);
        this.catalog = table("Catalog", true, false, removalPolicy);
        this.inventory = table("Inventory", true, true, removalPolicy);
        this.payments = table("Payments", true, true, removalPolicy);
        this.fulfillment = table("Fulfillment", true, true, removalPolicy);
        this.audit = table("EventAudit", true, false, removalPolicy);
        this.notifications = table("Notifications", true, true, removalPolicy);
    }

    private Table table(String id, boolean sortKey, boolean outbox, RemovalPolicy removalPolicy) {
        Table.Builder builder = Table.Builder.create(this, id)
                .partitionKey(Attribute.builder()
                        .name("pk")
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .removalPolicy(removalPolicy);
        if (sortKey) {
            builder.sortKey(
                    Attribute.builder().name("sk").type(AttributeType.STRING).build());
        }
        if (outbox) {
            builder.stream(StreamViewType.NEW_AND_OLD_IMAGES);
        }
        return builder.build();
    }

    public Table orders() {
        return orders;
    }

    public Table catalog() {
        return catalog;
    }

    public Table inventory() {
        return inventory;
    }

    public Table payments() {
        return payments;
    }

    public Table fulfillment() {
        return fulfillment;
    }

    /** What customers were sent (the simulated channel's record), with CustomerNotified in its outbox. */
    public Table notifications() {
        return notifications;
    }

    public Table audit() {
        return audit;
    }

    /** The tables whose stream is an outbox, published by the relay. */
    public List<Table> outboxTables() {
        return List.of(orders, inventory, payments, fulfillment, notifications);
    }
}
