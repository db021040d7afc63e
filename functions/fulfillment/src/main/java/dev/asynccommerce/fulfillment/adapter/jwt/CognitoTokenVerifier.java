package dev.asynccommerce.fulfillment.adapter.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.fulfillment.application.StaffTokens;
import dev.asynccommerce.fulfillment.domain.StaffIdentity;
import dev.asynccommerce.kernel.StoreId;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Verifies the ID tokens of the staff user pool, with the JDK alone, as Cognito documents it
 * (Amazon Cognito developer guide, "Verifying JSON web tokens"): the signature with the pool's
 * public key named by {@code kid} from {@code <issuer>/.well-known/jwks.json}; then the claims:
 * {@code iss} is the pool, exactly; {@code token_use} is {@code id}; {@code aud} is the device app
 * client; {@code exp} has not passed. Beyond the guide: {@code nbf} and {@code iat}, when present,
 * are not in the future; {@code sub} is present; {@code custom:storeId} names a store.
 *
 * <p>Only RS256 is accepted, decided by us and not by the token: a header saying {@code none}, an
 * HMAC algorithm (the "public key as HMAC secret" confusion), or anything else is refused before
 * any key is looked at. Key-related header fields ({@code jku}, {@code jwk}, {@code x5u}) are never
 * followed: keys come only from the configured issuer. A header with {@code crit} is refused, as
 * we understand no extension (RFC 7515 §4.1.11).
 *
 * <p>Times are compared with an injected {@link Clock} and a leeway of {@link #LEEWAY}: enough for
 * the clock skew between Cognito's and Lambda's hosts, both NTP-synchronized, and negligible next to
 * an ID token's lifetime (one hour by default, five minutes at the least).
 */
public final class CognitoTokenVerifier implements StaffTokens {
    public static final Duration LEEWAY = Duration.ofSeconds(60);
    static final String STORE_CLAIM = "custom:storeId";

    private static final String ALGORITHM = "RS256";

    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final SigningKeys keys;

    /**
     * @param issuer the user pool's issuer, {@code https://cognito-idp.<region>.amazonaws.com/<poolId>},
     *     compared with {@code iss} character for character
     * @param audience the device app client id
     */
    public CognitoTokenVerifier(String issuer, String audience, HttpClient http, Clock clock) {
        this.issuer = requireIssuer(issuer);
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("the token audience (app client id) is required");
        }
        this.audience = audience;
        this.clock = clock;
        this.keys = new SigningKeys(URI.create(issuer + "/.well-known/jwks.json"), http, clock);
    }

    /**
     * A trailing slash, a query or a fragment would make the exact {@code iss} comparison refuse
     * every good token, or build a wrong JWKS address: a deployment error, told at start.
     */
    private static String requireIssuer(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the token issuer is not a URI");
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web
                || uri.getHost() == null
                || issuer.endsWith("/")
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "the token issuer must be an http(s) URL without a trailing slash, query or fragment");
        }
        return issuer;
    }

    @Override
    public Verification verify(String token) {
        try {
            return check(token);
        } catch (SigningKeysUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever a crafted token trips over further down is still only a bad token.
            return refused(Reason.MALFORMED);
        }
    }

    private Verification check(String token) {
        Optional<SignedToken> parsed = SignedToken.parse(token);
        if (parsed.isEmpty()) {
            return refused(Reason.MALFORMED);
        }
        SignedToken jws = parsed.get();
        if (!jws.headerText("alg").filter(ALGORITHM::equals).isPresent()) {
            return refused(Reason.UNSUPPORTED_ALGORITHM);
        }
        Optional<String> kid = jws.headerText("kid");
        if (kid.isEmpty() || jws.header().has("crit")) {
            return refused(Reason.MALFORMED);
        }
        Optional<RSAPublicKey> key = keys.find(kid.get());
        if (key.isEmpty()) {
            return refused(Reason.UNKNOWN_KEY);
        }
        if (!signatureMatches(jws, key.get())) {
            return refused(Reason.BAD_SIGNATURE);
        }
        return jws.claims().map(this::checkClaims).orElseGet(() -> refused(Reason.MALFORMED));
    }

    private static boolean signatureMatches(SignedToken jws, RSAPublicKey key) {
        // An RS256 signature is exactly as long as the modulus; anything else cannot be one.
        if (jws.signature().length != (key.getModulus().bitLength() + 7) / 8) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(jws.signingInput());
            return rsa.verify(jws.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Verification checkClaims(JsonNode claims) {
        if (!issuer.equals(text(claims, "iss"))) {
            return refused(Reason.WRONG_ISSUER);
        }
        if (!"id".equals(text(claims, "token_use"))) {
            return refused(Reason.WRONG_TOKEN_USE);
        }
        // Cognito's ID tokens carry a single client id as a string; nothing else is ours.
        if (!audience.equals(text(claims, "aud"))) {
            return refused(Reason.WRONG_AUDIENCE);
        }
        long now = clock.instant().getEpochSecond();
        long leeway = LEEWAY.toSeconds();
        Optional<Long> expires = seconds(claims, "exp");
        if (expires.isEmpty()) {
            return refused(Reason.MISSING_CLAIM);
        }
        // The leeway is added to or taken from now, never from the token's numbers, so no overflow.
        if (expires.get() <= now - leeway) {
            return refused(Reason.EXPIRED);
        }
        for (String notAfterNow : new String[] {"nbf", "iat"}) {
            if (claims.has(notAfterNow)) {
                Optional<Long> at = seconds(claims, notAfterNow);
                if (at.isEmpty()) {
                    return refused(Reason.MALFORMED);
                }
                if (at.get() > now + leeway) {
                    return refused(Reason.NOT_YET_VALID);
                }
            }
        }
        String subject = text(claims, "sub");
        if (subject == null || subject.isBlank()) {
            return refused(Reason.MISSING_CLAIM);
        }
        String store = text(claims, STORE_CLAIM);
        if (!StoreId.isValid(store)) {
            return refused(Reason.NO_STORE);
        }
        return new Verification.Verified(new StaffIdentity(subject, new StoreId(store)));
    }

    private static Verification refused(Reason reason) {
        return new Verification.Refused(reason);
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A NumericDate in whole seconds (Cognito writes integers); empty when absent or not one. */
    private static Optional<Long> seconds(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? Optional.of(value.asLong())
                : Optional.empty();
    }
}
