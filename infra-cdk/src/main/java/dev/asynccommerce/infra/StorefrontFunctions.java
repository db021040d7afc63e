package dev.asynccommerce.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.constructs.Construct;

/**
 * The storefront's handlers, one function each, each granted only its own context's table (and the
 * ordering functions read-only access to the catalog, docs/decisions/2026-11-21-checkout-reads-the-catalog-table.md).
 */
public final class StorefrontFunctions extends Construct {
    private static final Duration API_TIMEOUT = Duration.seconds(10);

    private final ServiceFunction placeOrder;
    private final ServiceFunction getOrder;
    private final ServiceFunction cancelOrder;
    private final ServiceFunction replacePaymentMethods;
    private final ServiceFunction listCatalogItems;
    private final ServiceFunction listStores;
    private final ServiceFunction getAvailability;

    public StorefrontFunctions(Construct scope, String id, Artifacts artifacts, DataTables tables) {
        super(scope, id);
        Map<String, String> ordering = Map.of(
                "ORDERS_TABLE_NAME", tables.orders().getTableName(),
                "CATALOG_TABLE_NAME", tables.catalog().getTableName());
        this.placeOrder = fn(
                artifacts,
                "PlaceOrder",
                "ordering",
                "dev.asynccommerce.ordering.handler.PlaceOrderHandler",
                "POST /orders: checkout",
                ordering);
        this.getOrder = fn(
                artifacts,
                "GetOrder",
                "ordering",
                "dev.asynccommerce.ordering.handler.GetOrderHandler",
                "GET /orders/{orderId}",
                ordering);
        this.cancelOrder = fn(
                artifacts,
                "CancelOrder",
                "ordering",
                "dev.asynccommerce.ordering.handler.CancelOrderHandler",
                "POST /orders/{orderId}/cancel",
                ordering);
        this.replacePaymentMethods = fn(
                artifacts,
                "ReplacePaymentMethods",
                "ordering",
                "dev.asynccommerce.ordering.handler.ReplacePaymentMethodsHandler",
                "POST /orders/{orderId}/payment-methods",
                ordering);
        Map<String, String> catalog =
                Map.of("CATALOG_TABLE_NAME", tables.catalog().getTableName());
        this.listCatalogItems = fn(
                artifacts,
                "ListCatalogItems",
                "catalog",
                "dev.asynccommerce.catalog.handler.ListCatalogItemsHandler",
                "GET /catalog/items",
                catalog);
        this.listStores = fn(
                artifacts,
                "ListStores",
                "catalog",
                "dev.asynccommerce.catalog.handler.ListStoresHandler",
                "GET /stores",
                catalog);
        this.getAvailability = fn(
                artifacts,
                "GetAvailability",
                "inventory",
                "dev.asynccommerce.inventory.handler.GetAvailabilityHandler",
                "GET /stores/{storeId}/availability",
                // The catalog's SKUs, to refuse an unknown one rather than answer it has none.
                Map.of(
                        "INVENTORY_TABLE_NAME", tables.inventory().getTableName(),
                        "CATALOG_TABLE_NAME", tables.catalog().getTableName()));

        // Checkout writes order + outbox + idempotency record in one transaction; reads and writes only.
        tables.orders().grantReadWriteData(placeOrder.function());
        tables.orders().grantReadData(getOrder.function());
        tables.orders().grantReadWriteData(cancelOrder.function());
        tables.orders().grantReadWriteData(replacePaymentMethods.function());
        tables.catalog().grantReadData(placeOrder.function());
        tables.catalog().grantReadData(listCatalogItems.function());
        tables.catalog().grantReadData(listStores.function());
        tables.inventory().grantReadData(getAvailability.function());
        tables.catalog().grantReadData(getAvailability.function());
    }

    private ServiceFunction fn(
            Artifacts artifacts,
            String id,
            String module,
            String handler,
            String description,
            Map<String, String> env) {
        return new ServiceFunction(
                this, id, artifacts, new ServiceFunction.Spec(module, handler, 1024, API_TIMEOUT, description, env));
    }

    public ServiceFunction placeOrder() {
        return placeOrder;
    }

    public ServiceFunction getOrder() {
        return getOrder;
    }

    public ServiceFunction cancelOrder() {
        return cancelOrder;
    }

    public ServiceFunction replacePaymentMethods() {
        return replacePaymentMethods;
    }

    public ServiceFunction listCatalogItems() {
        return listCatalogItems;
    }

    public ServiceFunction listStores() {
        return listStores;
    }

    public ServiceFunction getAvailability() {
        return getAvailability;
    }

    public List<ServiceFunction> all() {
        return List.of(
                placeOrder,
                getOrder,
                cancelOrder,
                replacePaymentMethods,
                listCatalogItems,
                listStores,
                getAvailability);
    }
}
