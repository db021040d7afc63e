package dev.asynccommerce.fulfillment.application;

/**
 * Where a command came from, carried into the events it causes.
 *
 * @param causationId the id of the request or event that caused this command
 * @param traceHeader the X-Ray trace header to continue, or null
 */
public record CommandContext(String causationId, String traceHeader) {}
