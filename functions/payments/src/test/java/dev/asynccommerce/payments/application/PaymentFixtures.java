package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.OrderId;
import java.util.List;

/** Requests as the workflow sends them. */
public final class PaymentFixtures {
    public static final OrderId ORDER = new OrderId("ord_01jdq8r5w3k7m2n9p4t6v8x0zb");
    public static final String TASK_TOKEN = "task-token-1";
    public static final String CORRELATION_ID = "req-5b0e1c7a9d3f4e2a";

    private PaymentFixtures() {}

    public static AuthorizeRequest authorize(int attempt, String... cardTokens) {
        List<AuthorizeRequest.RawMethod> methods = java.util.Arrays.stream(cardTokens)
                .map(t -> new AuthorizeRequest.RawMethod(t.contains("wallet") ? "WALLET" : "CARD", t))
                .toList();
        return AuthorizeRequest.of(
                "AUTHORIZE", TASK_TOKEN, ORDER.value(), CORRELATION_ID, (long) attempt, 7597L, "EUR", methods);
    }

    public static PaymentCommandRequest command(String command, String paymentId, long amountCents) {
        return PaymentCommandRequest.of(command, ORDER.value(), CORRELATION_ID, paymentId, amountCents, "EUR", null);
    }
}
