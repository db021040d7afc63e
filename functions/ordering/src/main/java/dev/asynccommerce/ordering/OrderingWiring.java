package dev.asynccommerce.ordering;

import dev.asynccommerce.ordering.adapter.dynamodb.DynamoDbCatalog;
import dev.asynccommerce.ordering.adapter.dynamodb.DynamoDbOrderRepository;
import dev.asynccommerce.ordering.adapter.random.SecureIdentities;
import dev.asynccommerce.ordering.application.CancelOrder;
import dev.asynccommerce.ordering.application.Catalog;
import dev.asynccommerce.ordering.application.GetOrder;
import dev.asynccommerce.ordering.application.Identities;
import dev.asynccommerce.ordering.application.OrderChanges;
import dev.asynccommerce.ordering.application.OrderMessages;
import dev.asynccommerce.ordering.application.OrderRepository;
import dev.asynccommerce.ordering.application.PlaceOrder;
import dev.asynccommerce.ordering.application.ReplacePaymentMethods;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ordering context's composition root: reads the environment once ({@code ORDERS_TABLE_NAME},
 * {@code CATALOG_TABLE_NAME}), builds the clients and the use cases. Built once per Lambda execution
 * environment (before SnapStart's snapshot), never per request.
 */
public final class OrderingWiring {
    private final PlaceOrder placeOrder;
    private final GetOrder getOrder;
    private final CancelOrder cancelOrder;
    private final ReplacePaymentMethods replacePaymentMethods;

    public OrderingWiring(OrderRepository orders, Catalog catalog, Identities identities, Clock clock) {
        OrderMessages messages = new OrderMessages(identities);
        OrderChanges changes = new OrderChanges(orders, messages);
        this.placeOrder = new PlaceOrder(orders, catalog, identities, messages, clock);
        this.getOrder = new GetOrder(orders);
        this.cancelOrder = new CancelOrder(changes, clock);
        this.replacePaymentMethods = new ReplacePaymentMethods(changes, clock);
    }

    public static OrderingWiring fromEnvironment() {
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    public static OrderingWiring fromEnvironment(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        return new OrderingWiring(
                new DynamoDbOrderRepository(enhanced, env.require("ORDERS_TABLE_NAME"), clock),
                new DynamoDbCatalog(enhanced, env.require("CATALOG_TABLE_NAME")),
                new SecureIdentities(),
                clock);
    }

    public PlaceOrder placeOrder() {
        return placeOrder;
    }

    public GetOrder getOrder() {
        return getOrder;
    }

    public CancelOrder cancelOrder() {
        return cancelOrder;
    }

    public ReplacePaymentMethods replacePaymentMethods() {
        return replacePaymentMethods;
    }
}
