package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a request, field by field, so one answer names every problem.
 * Messages name fields and rules, never the offending value (it might be a payment token).
 */
final class RequestChecks {
    /** Largest integer JSON carries exactly; the event schemas bound amounts by it. */
    static final long MAX_AMOUNT_CENTS = 9_007_199_254_740_991L;

    private static final Pattern PRINTABLE_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final List<String> problems = new ArrayList<>();

    void problem(String field, String message) {
        problems.add(field + ": " + message);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidPaymentRequestException(problems);
        }
    }

    OrderId orderId(String value) {
        if (value == null) {
            problem("orderId", "is required");
            return null;
        }
        if (!OrderId.isValid(value)) {
            problem("orderId", "must be ord_ followed by 26 lower-case letters or digits");
            return null;
        }
        return new OrderId(value);
    }

    String correlationId(String value) {
        if (value == null) {
            problem("correlationId", "is required");
        } else if (!PRINTABLE_ID.matcher(value).matches()) {
            problem("correlationId", "must be 1 to 128 printable ASCII characters without spaces");
        }
        return value;
    }

    Money amount(Long amountCents, String currency) {
        boolean ok = true;
        if (amountCents == null) {
            problem("amountCents", "is required");
            ok = false;
        } else if (amountCents < 0 || amountCents > MAX_AMOUNT_CENTS) {
            problem("amountCents", "must be between 0 and " + MAX_AMOUNT_CENTS);
            ok = false;
        }
        if (currency == null) {
            problem("currency", "is required");
            ok = false;
        } else if (!CURRENCY.matcher(currency).matches() || !isKnownCurrency(currency)) {
            problem("currency", "must be an ISO 4217 code such as EUR");
            ok = false;
        }
        return ok ? Money.of(amountCents, currency) : null;
    }

    private static boolean isKnownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
