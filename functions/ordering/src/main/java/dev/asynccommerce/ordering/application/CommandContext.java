package dev.asynccommerce.ordering.application;

/**
 * Where a command came from, carried into the events it causes.
 *
 * @param correlationId the id that ties together everything one customer action sets off
 * @param causationId the id of the request or event that caused this command
 * @param traceHeader the X-Ray trace header to continue, or null
 */
public record CommandContext(String correlationId, String causationId, String traceHeader) {}
