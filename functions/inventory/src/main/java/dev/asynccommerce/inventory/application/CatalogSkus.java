package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.Sku;
import java.util.Set;

/**
 * The SKUs the catalog sells, as far as inventory needs to know them: a SKU the catalog does not
 * list is not for sale at any store, so asking for its availability is a mistake to name, not a
 * question to answer with zero. The catalog context owns the list; this port only reads it.
 *
 * <p>Implementations read eventually consistent data: a SKU added to the catalog a moment ago may
 * not be listed yet. A failure to read is an exception (the caller answers a retryable error).
 */
@FunctionalInterface
public interface CatalogSkus {

    /** Those of {@code skus} the catalog lists; the others are unknown. */
    Set<Sku> listed(Set<Sku> skus);
}
