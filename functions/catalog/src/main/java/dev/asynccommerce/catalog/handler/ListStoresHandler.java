package dev.asynccommerce.catalog.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.catalog.CatalogWiring;
import dev.asynccommerce.catalog.application.ListStores;
import dev.asynccommerce.catalog.application.StoreView;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;

/**
 * {@code GET /stores}: the stores an order can be picked up from, in store id order, as
 * {@code 200 {"stores":[{"storeId","name"}]}}.
 *
 * <p>Trigger: API Gateway HTTP API, payload format 2.0. Guarantees: read-only, so any retry is
 * safe. Failure: if the directory cannot be read, the answer is a 500 problem document saying a
 * retry is safe, and the failure is logged without request data.
 */
public final class ListStoresHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ListStores listStores;

    public ListStoresHandler() {
        this(CatalogWiring.fromEnvironment());
    }

    public ListStoresHandler(CatalogWiring wiring) {
        this.listStores = wiring.listStores();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        RequestContext.log(RequestContext.correlationId(new ApiRequest(event)), null);
        return Guard.respond("ListStores", () -> {
            List<StoreJson> stores =
                    listStores.execute().stream().map(StoreJson::of).toList();
            return HttpResponses.json(200, new StoresJson(stores));
        });
    }

    /** The public answer shape (API.md). */
    record StoresJson(List<StoreJson> stores) {}

    record StoreJson(String storeId, String name) {
        static StoreJson of(StoreView store) {
            return new StoreJson(store.storeId().value(), store.name());
        }
    }
}
