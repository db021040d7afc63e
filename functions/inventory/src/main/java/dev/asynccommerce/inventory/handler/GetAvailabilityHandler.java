package dev.asynccommerce.inventory.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.inventory.InventoryWiring;
import dev.asynccommerce.inventory.application.GetAvailability;
import dev.asynccommerce.inventory.application.SkuAvailability;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;

/**
 * {@code GET /stores/{storeId}/availability?sku=A&sku=B}: how many units of each SKU the store
 * could still promise, as {@code 200 {"storeId","items":[{"sku","available"}]}}, items in the
 * order asked, each SKU once; a catalog SKU the store never stocked is {@code available: 0}.
 *
 * <p>Trigger: API Gateway HTTP API, payload format 2.0, route
 * {@code GET /stores/{storeId}/availability}. Input: the {@code storeId} path parameter and 1 to
 * 50 different {@code sku} query parameters (repeated, not comma-joined); anything else wrong is a
 * 400 problem document naming each bad field ({@code storeId}, {@code sku}, {@code sku[i]} by
 * position in the query). A well-formed SKU the catalog does not list is bad input too: 400 naming
 * {@code sku[i]} for each, at its first position, as checkout names an unknown SKU. A store unknown
 * to inventory is a 404 problem, whatever the SKUs (the path's resource is checked first). Guarantees: read-only and eventually consistent (a reservation
 * made a moment ago may not show yet), so any retry is safe. Failure: if stock or the catalog
 * cannot be read, a 500 problem document saying a retry is safe, and the failure is logged without
 * request data. Configuration: {@code INVENTORY_TABLE_NAME} and {@code CATALOG_TABLE_NAME} ({@link
 * InventoryWiring#availabilityFromEnvironment()}); a missing one fails the cold start.
 */
public final class GetAvailabilityHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GetAvailability getAvailability;

    public GetAvailabilityHandler() {
        this(InventoryWiring.availabilityFromEnvironment());
    }

    public GetAvailabilityHandler(InventoryWiring wiring) {
        this.getAvailability = wiring.getAvailability();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        RequestContext.log(RequestContext.correlationId(request), null);
        return Guard.respond("GetAvailability", () -> switch (AvailabilityQuery.from(request)) {
            case AvailabilityQuery.Invalid invalid -> HttpResponses.problem(Problem.validation(invalid.errors()));
            case AvailabilityQuery.Valid valid -> answer(valid, getAvailability.execute(valid.storeId(), valid.skus()));
        });
    }

    private static APIGatewayV2HTTPResponse answer(AvailabilityQuery.Valid query, GetAvailability.Outcome outcome) {
        return switch (outcome) {
            // The value is not echoed, like every other bad sku: the position names it.
            case GetAvailability.Outcome.UnknownSkus unknown ->
                HttpResponses.problem(Problem.validation(unknown.skus().stream()
                        .map(sku -> new FieldError(query.fieldOf(sku), "unknown SKU: the catalog does not list it"))
                        .toList()));
            case GetAvailability.Outcome.Found found -> HttpResponses.json(200, AvailabilityJson.of(found));
            case GetAvailability.Outcome.StoreNotFound notFound ->
                HttpResponses.problem(Problem.notFound("Store " + notFound.storeId() + " is not known to inventory."));
        };
    }

    /** The public answer shape (API.md). */
    record AvailabilityJson(String storeId, List<ItemJson> items) {
        static AvailabilityJson of(GetAvailability.Outcome.Found found) {
            return new AvailabilityJson(
                    found.storeId().value(),
                    found.items().stream().map(ItemJson::of).toList());
        }
    }

    record ItemJson(String sku, int available) {
        static ItemJson of(SkuAvailability item) {
            return new ItemJson(item.sku().value(), item.available());
        }
    }
}
