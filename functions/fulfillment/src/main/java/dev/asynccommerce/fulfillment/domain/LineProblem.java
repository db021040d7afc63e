package dev.asynccommerce.fulfillment.domain;

/** What is wrong with one field of a pick result, e.g. {@code lines[1].quantity}: for a 400 that names it. */
public record LineProblem(String field, String message) {}
