package dev.asynccommerce.platform.http;

/** One invalid input field: a JSON-pointer-like path ({@code lines[0].quantity}) and why. */
public record FieldError(String field, String message) {}
