package dev.asynccommerce.inventory.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.inventory.InventoryWiring;
import dev.asynccommerce.inventory.application.AdjustStock;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;

/**
 * {@code POST /stores/{storeId}/stock} with {@code {"sku","quantity","reason"}}: store staff book a
 * delivery ({@code RECEIVED}, adds), a write-off ({@code DAMAGED}, removes) or a shelf count
 * ({@code COUNT_CORRECTION}, sets on hand), answered {@code 202 {"storeId","sku","onHand","available"}}
 * with the level after the change. Reservations are never touched.
 *
 * <p>Trigger: API Gateway HTTP API (payload 2.0) behind the staff JWT authorizer; the token's
 * {@code custom:storeId} claim must equal the path's store, else 403. Bad input: 400 problem naming
 * every bad field ({@code storeId}, {@code sku}, {@code quantity}, {@code reason}, {@code body});
 * a store or SKU inventory does not know: 404; writing off more than is on hand: 409. Nothing is
 * written on any error. Guarantees: the change and its {@code InventoryAdjusted} are written in one
 * transaction over the version read. Not idempotent: a repeated {@code RECEIVED} adds twice (a count
 * repeated is harmless). Failure: 503/500 problem, logged without request data.
 */
public final class AdjustStockHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AdjustStock adjustStock;

    public AdjustStockHandler() {
        this(InventoryWiring.fromEnvironment());
    }

    public AdjustStockHandler(InventoryWiring wiring) {
        this.adjustStock = wiring.adjustStock();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        String correlationId = RequestContext.correlationId(request);
        RequestContext.log(correlationId, null);
        return Guard.respond("AdjustStock", () -> switch (StockAdjustmentRequest.from(request, correlationId)) {
            case StockAdjustmentRequest.Refused refused -> HttpResponses.problem(refused.problem());
            case StockAdjustmentRequest.Invalid invalid -> HttpResponses.problem(Problem.validation(invalid.errors()));
            case StockAdjustmentRequest.Valid valid -> answer(adjustStock.execute(valid.command()));
        });
    }

    private static APIGatewayV2HTTPResponse answer(AdjustStock.Outcome outcome) {
        return switch (outcome) {
            case AdjustStock.Outcome.Adjusted adjusted ->
                HttpResponses.json(
                        202,
                        new LevelJson(
                                adjusted.level().storeId().value(),
                                adjusted.level().sku().value(),
                                adjusted.level().onHand(),
                                adjusted.level().available()));
            case AdjustStock.Outcome.StoreNotFound notFound ->
                HttpResponses.problem(Problem.notFound("Store " + notFound.storeId() + " is not known to inventory."));
            case AdjustStock.Outcome.SkuNotFound notFound ->
                HttpResponses.problem(
                        Problem.notFound("Store " + notFound.storeId() + " has never held " + notFound.sku() + "."));
            case AdjustStock.Outcome.NotEnoughOnHand notEnough ->
                HttpResponses.problem(Problem.conflict(
                        "Only " + notEnough.onHand() + " units are on hand; no more can be written off."));
        };
    }

    /** The answer's shape. */
    record LevelJson(String storeId, String sku, int onHand, int available) {}
}
