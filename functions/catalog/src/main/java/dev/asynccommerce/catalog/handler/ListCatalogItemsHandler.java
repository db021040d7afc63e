package dev.asynccommerce.catalog.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.catalog.CatalogWiring;
import dev.asynccommerce.catalog.application.CatalogItemView;
import dev.asynccommerce.catalog.application.ListCatalogItems;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;

/**
 * {@code GET /catalog/items}: everything the storefront sells, in SKU order, as
 * {@code 200 {"items":[{"sku","name","priceCents","currency"}]}}.
 *
 * <p>Trigger: API Gateway HTTP API, payload format 2.0. The request carries nothing the answer
 * depends on. Guarantees: read-only, so any retry is safe; prices are integer minor units of the
 * item's currency. Failure: if the catalog cannot be read, the answer is a 500 problem document
 * saying a retry is safe, and the failure is logged without request data.
 */
public final class ListCatalogItemsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ListCatalogItems listCatalogItems;

    public ListCatalogItemsHandler() {
        this(CatalogWiring.fromEnvironment());
    }

    public ListCatalogItemsHandler(CatalogWiring wiring) {
        this.listCatalogItems = wiring.listCatalogItems();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        RequestContext.log(RequestContext.correlationId(new ApiRequest(event)), null);
        return Guard.respond("ListCatalogItems", () -> {
            List<ItemJson> items =
                    listCatalogItems.execute().stream().map(ItemJson::of).toList();
            return HttpResponses.json(200, new ItemsJson(items));
        });
    }

    /** The public answer shape (API.md); fields are named here, not by the application records. */
    record ItemsJson(List<ItemJson> items) {}

    record ItemJson(String sku, String name, long priceCents, String currency) {
        static ItemJson of(CatalogItemView item) {
            return new ItemJson(
                    item.sku().value(),
                    item.name(),
                    item.price().minorUnits(),
                    item.price().currencyCode());
        }
    }
}
