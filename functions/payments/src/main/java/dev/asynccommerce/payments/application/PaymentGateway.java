package dev.asynccommerce.payments.application;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.payments.domain.MethodType;
import dev.asynccommerce.payments.domain.PaymentId;
import dev.asynccommerce.payments.domain.ProviderAnswer;

/**
 * The payment provider. Every call carries an idempotency key: the provider answers a key it has
 * seen with its first answer and moves no money twice.
 *
 * <p>Answers are business decisions (approved, declined SOFT or HARD). Anything else (timeouts,
 * errors, an unreachable provider) is a {@link PaymentProviderUnavailableException}, after which the
 * same call with the same key may be made again.
 */
public interface PaymentGateway {

    /** Holds {@code amount} on the method behind {@code token}. */
    ProviderAnswer authorize(String idempotencyKey, MethodType methodType, String token, Money amount);

    ProviderAnswer capture(String idempotencyKey, PaymentId paymentId, Money amount);

    /** Releases an uncaptured authorization. */
    ProviderAnswer voidAuthorization(String idempotencyKey, PaymentId paymentId, Money amount);

    ProviderAnswer refund(String idempotencyKey, PaymentId paymentId, Money amount);
}
