package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.Guard;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.JsonBody;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every store route shares: the store check, the common answers, and the course of a command
 * on one order ({@link #orderCommand}).
 *
 * <p>API Gateway's JWT authorizer has verified the staff token before the function runs
 * (docs/decisions/2026-11-21-store-staff-authorization.md); the one check it cannot make is the
 * token's {@code custom:storeId} claim against the {@code {storeId}} in the path, made here: a
 * token without a store claim, or of another store, is refused with 403.
 */
final class StoreRoutes {
    static final String STORE_CLAIM = "custom:storeId";

    private StoreRoutes() {}

    /** Reads a command's input from its body, noting every bad field in {@code fields}. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(JsonNode body, JsonFields fields);
    }

    /** Carries out a command whose store is checked and whose input is valid, and answers. */
    @FunctionalInterface
    interface OrderCommand<T> {
        APIGatewayV2HTTPResponse execute(StoreId store, String orderId, T input, ApiRequest request);
    }

    /**
     * {@code POST /stores/{storeId}/orders/{orderId}/...}: logs carry the order id; a token of another
     * store is refused (403); the body must be a JSON object of at most {@code maxBodyBytes} (400,
     * 413, 415) with no members but {@code fields}, read by {@code reader} (400 naming every bad
     * field); only then does {@code command} run. Failures are answered by {@link Guard} under
     * {@code operation}.
     */
    static <T> APIGatewayV2HTTPResponse orderCommand(
            APIGatewayV2HTTPEvent event,
            String operation,
            int maxBodyBytes,
            Set<String> fields,
            BodyReader<T> reader,
            OrderCommand<T> command) {
        ApiRequest request = new ApiRequest(event);
        String orderId = request.pathParameter("orderId").orElse("");
        RequestContext.log(RequestContext.correlationId(request), orderId);
        return Guard.respond(operation, () -> {
            Optional<StoreId> store = authorizedStore(request);
            if (store.isEmpty()) {
                return otherStore();
            }
            return switch (JsonBody.read(request, maxBodyBytes)) {
                case JsonBody.Parsed.Refused refused -> HttpResponses.problem(refused.problem());
                case JsonBody.Parsed.Ok ok -> {
                    JsonFields read = new JsonFields();
                    read.refuseUnknown(ok.json(), "", fields);
                    T input = reader.read(ok.json(), read);
                    yield read.valid() ? command.execute(store.get(), orderId, input, request) : invalid(read.errors());
                }
            };
        });
    }

    /** The path's store when the caller's token is for exactly that store. */
    static Optional<StoreId> authorizedStore(ApiRequest request) {
        Optional<String> claimed = claim(request.raw(), STORE_CLAIM).filter(StoreId::isValid);
        Optional<String> inPath = request.pathParameter("storeId");
        if (claimed.isEmpty() || inPath.isEmpty() || !claimed.get().equals(inPath.get())) {
            return Optional.empty();
        }
        return Optional.of(new StoreId(claimed.get()));
    }

    private static Optional<String> claim(APIGatewayV2HTTPEvent event, String name) {
        if (event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims =
                event.getRequestContext().getAuthorizer().getJwt().getClaims();
        return claims == null ? Optional.empty() : Optional.ofNullable(claims.get(name));
    }

    static APIGatewayV2HTTPResponse otherStore() {
        return HttpResponses.problem(Problem.of(403, "forbidden", "Forbidden", "The token is not for this store."));
    }

    static APIGatewayV2HTTPResponse invalid(List<FieldError> errors) {
        return HttpResponses.problem(Problem.validation(errors));
    }
}
