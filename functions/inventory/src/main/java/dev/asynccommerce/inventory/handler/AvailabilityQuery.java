package dev.asynccommerce.inventory.handler;

import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.http.ApiRequest;
import dev.asynccommerce.platform.http.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/**
 * {@code GET /stores/{storeId}/availability?sku=A&sku=B} read from the request: a valid question,
 * or every field that is wrong with it, reported together. Values are never echoed back.
 */
sealed interface AvailabilityQuery {
    /** Distinct SKUs a single request may ask about; repeats of one SKU count once. */
    int MAX_SKUS = 50;

    /**
     * @param skus the SKUs asked for, each once, in the order first asked
     * @param asked every {@code sku} parameter in query order, repeats included: what a field name
     *     {@code sku[i]} counts
     */
    record Valid(StoreId storeId, List<Sku> skus, List<Sku> asked) implements AvailabilityQuery {
        public Valid {
            skus = List.copyOf(skus);
            asked = List.copyOf(asked);
        }

        /** The field naming {@code sku} where it was first asked: {@code sku[i]}, 0-based. */
        String fieldOf(Sku sku) {
            return "sku[" + asked.indexOf(sku) + "]";
        }
    }

    record Invalid(List<FieldError> errors) implements AvailabilityQuery {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    static AvailabilityQuery from(ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();

        String rawStoreId = request.pathParameter("storeId").orElse(null);
        if (!StoreId.isValid(rawStoreId)) {
            errors.add(new FieldError(
                    "storeId", "must be a store id: lower-case letters, digits and dashes, at most 40 characters"));
        }

        List<String> rawSkus = request.queryParameters("sku");
        SequencedSet<String> distinct = new LinkedHashSet<>(rawSkus);
        if (rawSkus.isEmpty()) {
            errors.add(new FieldError("sku", "at least one sku query parameter is required, e.g. ?sku=SKU-0001"));
        } else if (distinct.size() > MAX_SKUS) {
            errors.add(new FieldError("sku", "at most " + MAX_SKUS + " different SKUs can be asked for at once"));
        } else {
            // Each different bad value is reported once, at its first position: a long query
            // cannot buy a long list of errors.
            Set<String> reported = new HashSet<>();
            for (int i = 0; i < rawSkus.size(); i++) {
                String raw = rawSkus.get(i);
                if (Sku.isValid(raw) || !reported.add(raw)) {
                    continue;
                }
                if (raw.contains(",")) {
                    errors.add(new FieldError("sku[" + i + "]", "one SKU per sku parameter: repeat it, ?sku=A&sku=B"));
                } else {
                    errors.add(new FieldError(
                            "sku[" + i + "]",
                            "must be a SKU: upper-case letters, digits and dashes, at most 40 characters"));
                }
            }
        }

        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(
                new StoreId(rawStoreId),
                distinct.stream().map(Sku::new).toList(),
                rawSkus.stream().map(Sku::new).toList());
    }
}
