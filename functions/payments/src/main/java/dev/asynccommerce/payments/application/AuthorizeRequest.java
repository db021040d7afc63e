package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.payments.domain.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workflow's request to authorize one payment attempt (the payments queue's AUTHORIZE message),
 * checked: build it with {@link #of}.
 *
 * @param taskToken the Step Functions task token to answer; a credential of the workflow, never logged
 * @param methods the methods to try, in order
 */
public record AuthorizeRequest(
        String taskToken, OrderId orderId, String correlationId, int attempt, Money amount, List<Method> methods) {
    static final int MAX_METHODS = 5;
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MAX_PAYMENT_TOKEN_LENGTH = 256;

    public AuthorizeRequest {
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(amount, "amount");
        methods = List.copyOf(methods);
    }

    /** One way to pay. The token is the provider's credential for it: {@link #toString()} hides it. */
    public record Method(MethodType type, String token) {
        public Method {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Method[type=" + type + ", token=(redacted)]";
        }
    }

    /** A method as it arrived, before checking; any field may be null. */
    public record RawMethod(String type, String token) {
        @Override
        public String toString() {
            return "RawMethod[type=" + type + ", token=(redacted)]";
        }
    }

    @Override
    public String toString() {
        return "AuthorizeRequest[orderId=" + orderId + ", attempt=" + attempt + ", amount=" + amount + ", methods="
                + methods + "]";
    }

    /**
     * The checked request.
     *
     * @throws InvalidPaymentRequestException naming every field that is missing or wrong
     */
    public static AuthorizeRequest of(
            String command,
            String taskToken,
            String orderId,
            String correlationId,
            Long attempt,
            Long amountCents,
            String currency,
            List<RawMethod> methods) {
        RequestChecks checks = new RequestChecks();
        if (!"AUTHORIZE".equals(command)) {
            checks.problem("command", "must be AUTHORIZE");
        }
        if (taskToken == null || taskToken.isBlank()) {
            checks.problem("taskToken", "is required");
        } else if (taskToken.length() > MAX_TOKEN_LENGTH) {
            checks.problem("taskToken", "is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        OrderId order = checks.orderId(orderId);
        checks.correlationId(correlationId);
        if (attempt == null) {
            checks.problem("attempt", "is required");
        } else if (attempt < 1 || attempt > Integer.MAX_VALUE) {
            checks.problem("attempt", "must be a positive integer");
        }
        Money amount = checks.amount(amountCents, currency);
        List<Method> checked = new ArrayList<>();
        if (methods == null || methods.isEmpty()) {
            checks.problem("methods", "must hold at least one payment method");
        } else if (methods.size() > MAX_METHODS) {
            checks.problem("methods", "must hold at most " + MAX_METHODS + " payment methods");
        } else {
            for (int i = 0; i < methods.size(); i++) {
                RawMethod raw = methods.get(i);
                String field = "methods[" + i + "]";
                MethodType type = methodType(raw == null ? null : raw.type());
                if (type == null) {
                    checks.problem(field + ".type", "must be CARD or WALLET");
                }
                String token = raw == null ? null : raw.token();
                if (token == null || token.isBlank()) {
                    checks.problem(field + ".token", "is required");
                } else if (token.length() > MAX_PAYMENT_TOKEN_LENGTH
                        || token.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
                    checks.problem(field + ".token", "is not a provider token");
                } else if (type != null) {
                    checked.add(new Method(type, token));
                }
            }
        }
        checks.throwIfAny();
        return new AuthorizeRequest(taskToken, order, correlationId, attempt.intValue(), amount, checked);
    }

    private static MethodType methodType(String value) {
        for (MethodType type : MethodType.values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
