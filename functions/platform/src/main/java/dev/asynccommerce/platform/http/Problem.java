package dev.asynccommerce.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer. It names what is wrong and never
 * carries a stack trace, an internal exception message or the caller's personal data.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    private static final String TYPE_BASE = "https://async-commerce.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of());
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(
                TYPE_BASE + "validation",
                "The request is not valid",
                400,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors);
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Problem unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail);
    }

    public static Problem conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    public static Problem internal() {
        return of(500, "internal", "Internal error", "The request could not be completed; it is safe to retry.");
    }

    public static Problem unavailable() {
        return of(
                503,
                "unavailable",
                "Service unavailable",
                "A downstream service did not answer in time; it is safe to retry.");
    }
}
