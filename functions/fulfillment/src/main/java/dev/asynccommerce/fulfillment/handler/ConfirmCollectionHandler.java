package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.fulfillment.FulfillmentWiring;
import dev.asynccommerce.fulfillment.application.ConfirmCollection;
import dev.asynccommerce.fulfillment.domain.PickupCodeDigest;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code POST /stores/{storeId}/orders/{orderId}/collected} with {@code {"pickupCode":"048213"}}
 * (HTTP API, staff JWT authorizer).
 *
 * <p>{@code 202 {"orderId","status":"COLLECTED"}} with the order's code: the workflow is told
 * (payment capture follows); the same again answers 202. {@code 409} with another code, nothing
 * changed; {@code 400} no code, or not six digits; {@code 403} a token of another store; {@code 404}
 * the order is not awaiting collection at this store. The code is never logged.
 */
public final class ConfirmCollectionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(ConfirmCollectionHandler.class);
    static final int MAX_BODY_BYTES = 1024;

    private final ConfirmCollection confirmCollection;

    public ConfirmCollectionHandler() {
        this(FulfillmentWiring.fromEnvironment());
    }

    public ConfirmCollectionHandler(FulfillmentWiring wiring) {
        this.confirmCollection = wiring.confirmCollection();
    }

    record Collected(String orderId, String status) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return StoreRoutes.orderCommand(
                event,
                "ConfirmCollection",
                MAX_BODY_BYTES,
                Set.of("pickupCode"),
                ConfirmCollectionHandler::pickupCode,
                (store, orderId, code, request) -> switch (confirmCollection.execute(store, orderId, code)) {
                    case ConfirmCollection.Result.Collected c -> {
                        LOG.info("order collected{}", c.repeated() ? " (repeated)" : "");
                        yield HttpResponses.json(202, new Collected(c.orderId().value(), "COLLECTED"));
                    }
                    case ConfirmCollection.Result.WrongCode w -> {
                        LOG.info("collection refused: wrong pickup code");
                        yield HttpResponses.problem(Problem.of(
                                409,
                                "wrong-pickup-code",
                                "Wrong pickup code",
                                "That is not this order's pickup code."));
                    }
                    case ConfirmCollection.Result.NotFound n ->
                        HttpResponses.problem(
                                Problem.notFound("No order awaiting collection with that id at this store."));
                });
    }

    private static String pickupCode(JsonNode body, JsonFields fields) {
        String code = fields.string(body, "pickupCode", "pickupCode");
        if (code != null && !PickupCodeDigest.isCode(code)) {
            fields.invalid("pickupCode", "must be the six digits of the order's pickup code");
        }
        return code;
    }
}
