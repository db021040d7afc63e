package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.StaffIdentity;
import java.util.Objects;

/**
 * Verifies the bearer token a store device presents: the ID token the staff user pool issued to
 * the device app, signed, current, and naming the store its holder works at.
 *
 * <p>Guarantees: a token that is not exactly such a token comes back {@link Verification.Refused}
 * with the first reason found; no token content makes an implementation throw. Failure behaviour:
 * when the keys to check signatures cannot be obtained (the issuer does not answer), that is a
 * technical failure and surfaces as an exception, never as a refusal, so a device is not told its
 * sign-in is bad when the fault is ours.
 */
public interface StaffTokens {

    Verification verify(String token);

    sealed interface Verification {
        record Verified(StaffIdentity staff) implements Verification {
            public Verified {
                Objects.requireNonNull(staff, "staff");
            }
        }

        record Refused(Reason reason) implements Verification {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Why a token was refused: for logs and tests; every reason answers the device the same way. */
    enum Reason {
        /** Not a compact signed JWT: segments, base64url, JSON, header fields. */
        MALFORMED,
        /** Signed with anything but RS256, including {@code none} and HMAC. */
        UNSUPPORTED_ALGORITHM,
        /** Signed by a key the issuer does not publish. */
        UNKNOWN_KEY,
        /** The signature does not match the header and claims. */
        BAD_SIGNATURE,
        WRONG_ISSUER,
        /** Issued for another app client. */
        WRONG_AUDIENCE,
        /** An access token (or anything else) where an ID token is required. */
        WRONG_TOKEN_USE,
        EXPIRED,
        /** Valid only later ({@code nbf}), or issued in the future ({@code iat}). */
        NOT_YET_VALID,
        /** A required claim ({@code sub}, {@code exp}) is absent or of the wrong type. */
        MISSING_CLAIM,
        /** The holder is assigned to no store, or the claim is not a store id. */
        NO_STORE
    }
}
