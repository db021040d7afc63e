package dev.asynccommerce.inventory.application;

import dev.asynccommerce.kernel.Sku;

/** How many units of a SKU a new order could reserve at a store right now. */
public record SkuAvailability(Sku sku, int available) {}
