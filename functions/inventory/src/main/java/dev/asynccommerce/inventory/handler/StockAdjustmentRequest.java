package dev.asynccommerce.inventory.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.inventory.application.AdjustStock;
import dev.asynccommerce.inventory.application.CommandContext;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import dev.asynccommerce.platform.http.JsonBody;
import dev.asynccommerce.platform.http.Problem;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /stores/{storeId}/stock} read from the request: refused (403: the staff token is not
 * for this store; or a body that is no JSON object), invalid (every bad field named, no value
 * echoed), or a valid adjustment.
 */
sealed interface StockAdjustmentRequest {
    /** The claim the staff user pool sets per user (decisions/2026-11-21-store-staff-authorization.md). */
    String STORE_CLAIM = "custom:storeId";

    int MAX_BODY_BYTES = 4 * 1024;

    Set<String> FIELDS = Set.of("sku", "quantity", "reason");

    record Refused(Problem problem) implements StockAdjustmentRequest {}

    record Invalid(List<FieldError> errors) implements StockAdjustmentRequest {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    record Valid(AdjustStock.Command command) implements StockAdjustmentRequest {}

    static StockAdjustmentRequest from(ApiRequest request, String correlationId) {
        String rawStoreId = request.pathParameter("storeId").orElse(null);
        Optional<String> claimed = storeClaim(request.raw());
        // The authorizer checked the token; only the store it is for is left to compare.
        if (claimed.isEmpty() || !claimed.get().equals(rawStoreId)) {
            return new Refused(Problem.of(403, "forbidden", "Forbidden", "The staff token is not for this store."));
        }
        JsonNode body;
        switch (JsonBody.read(request, MAX_BODY_BYTES)) {
            case JsonBody.Parsed.Refused refused -> {
                return new Refused(refused.problem());
            }
            case JsonBody.Parsed.Ok ok -> body = ok.json();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!StoreId.isValid(rawStoreId)) {
            errors.add(new FieldError("storeId", "must be a store id: lower-case letters, digits and dashes"));
        }
        String sku = body.path("sku").isTextual() ? body.get("sku").asText() : null;
        if (!Sku.isValid(sku)) {
            errors.add(new FieldError("sku", "must be a SKU: upper-case letters, digits and dashes, e.g. SKU-0001"));
        }
        String rawReason = body.path("reason").isTextual() ? body.get("reason").asText() : null;
        AdjustStock.Kind kind = Arrays.stream(AdjustStock.Kind.values())
                .filter(k -> k.name().equals(rawReason))
                .findFirst()
                .orElse(null);
        if (kind == null) {
            errors.add(new FieldError("reason", "must be RECEIVED, DAMAGED or COUNT_CORRECTION"));
        }
        JsonNode quantity = body.get("quantity");
        int min = kind == null ? 0 : kind.minQuantity();
        if (quantity == null
                || !quantity.isIntegralNumber()
                || !quantity.canConvertToInt()
                || quantity.intValue() < min
                || quantity.intValue() > AdjustStock.MAX_QUANTITY) {
            errors.add(new FieldError(
                    "quantity",
                    "must be a whole number from " + min + " to " + AdjustStock.MAX_QUANTITY
                            + (kind == null ? "" : " for " + kind)));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                errors.add(new FieldError("body", "only sku, quantity and reason are accepted"));
                break;
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        CommandContext context = new CommandContext(correlationId, request.requestId(), RequestContext.traceHeader());
        return new Valid(
                new AdjustStock.Command(new StoreId(rawStoreId), new Sku(sku), kind, quantity.intValue(), context));
    }

    private static Optional<String> storeClaim(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        if (requestContext == null
                || requestContext.getAuthorizer() == null
                || requestContext.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = requestContext.getAuthorizer().getJwt().getClaims();
        return claims == null ? Optional.empty() : Optional.ofNullable(claims.get(STORE_CLAIM));
    }
}
