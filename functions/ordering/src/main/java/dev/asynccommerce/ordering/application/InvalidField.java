package dev.asynccommerce.ordering.application;

/** A field of a request that cannot be accepted, named by its path ({@code lines[1].sku}). */
public record InvalidField(String field, String message) {}
