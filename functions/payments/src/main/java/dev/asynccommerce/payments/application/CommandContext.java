package dev.asynccommerce.payments.application;

/**
 * Where a command came from, carried into the events it causes.
 *
 * @param correlationId the order flow's id, from {@code OrderPlaced}'s metadata
 * @param causationId the id of the message or invocation that caused this command
 * @param traceHeader the X-Ray trace header to continue, or null
 */
public record CommandContext(String correlationId, String causationId, String traceHeader) {}
