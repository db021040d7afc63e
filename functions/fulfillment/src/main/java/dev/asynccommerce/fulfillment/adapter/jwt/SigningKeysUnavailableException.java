package dev.asynccommerce.fulfillment.adapter.jwt;

/**
 * The issuer's signing keys could not be fetched or read: a technical failure on our side of the
 * sign-in, answered with a 5xx so the device retries instead of asking its user to sign in again.
 * The message names the status or the failure's type, never a token.
 */
public final class SigningKeysUnavailableException extends RuntimeException {
    SigningKeysUnavailableException(String message) {
        super(message);
    }

    SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
