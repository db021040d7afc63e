package dev.asynccommerce.fulfillment.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.HttpResponses;
import dev.asynccommerce.platform.http.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every store route shares: the store check and the common answers.
 *
 * <p>API Gateway's JWT authorizer has verified the staff token before the function runs
 * (docs/decisions/2026-11-21-store-staff-authorization.md); the one check it cannot make is the
 * token's {@code custom:storeId} claim against the {@code {storeId}} in the path, made here: a
 * token without a store claim, or of another store, is refused with 403.
 */
final class StoreRoutes {
    static final String STORE_CLAIM = "custom:storeId";

    private StoreRoutes() {}

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
