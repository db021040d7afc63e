package dev.asynccommerce.fulfillment.adapter.jwt;

import static dev.asynccommerce.fulfillment.adapter.jwt.StaffPool.base64url;
import static dev.asynccommerce.fulfillment.adapter.jwt.StaffPool.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.fulfillment.application.StaffTokens.Reason;
import dev.asynccommerce.fulfillment.application.StaffTokens.Verification;
import dev.asynccommerce.fulfillment.domain.StaffIdentity;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.MutableClock;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staff token verifier against a stand-in user pool: keys made here, a JWKS served on
 * 127.0.0.1, tokens signed here. Each refusal is asserted with its reason, so a token refused for
 * some other fault than the one under test would fail the test.
 */
class CognitoTokenVerifierTest {
    private static final StaffPool.Key CURRENT = StaffPool.newKey("key-2026-11");
    private static final StaffPool.Key NEXT = StaffPool.newKey("key-2026-12");
    private static final StaffPool.Key STRANGER = StaffPool.newKey("key-2026-11");

    private final MutableClock clock = MutableClock.at("2026-11-21T09:00:00Z");
    private final StaffPool pool = StaffPool.start(CURRENT);
    private final CognitoTokenVerifier verifier = pool.verifier(clock);

    @AfterEach
    void stopPool() {
        pool.close();
    }

    private StaffPool.Token token() {
        return pool.idToken("store-001", clock);
    }

    private Verification verify(String token) {
        return verifier.verify(token);
    }

    private static Verification refusedFor(Reason reason) {
        return new Verification.Refused(reason);
    }

    @Test
    void aGoodIdTokenNamesItsSubjectAndStore() {
        Verification verification = verify(token().signedWith(CURRENT));

        assertThat(verification)
                .isEqualTo(new Verification.Verified(
                        new StaffIdentity("7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13", new StoreId("store-001"))));
    }

    @Nested
    class Claims {
        @Test
        void anExpiredTokenIsRefusedOnceTheLeewayHasPassed() {
            String token = token().signedWith(CURRENT);

            clock.advance(Duration.ofHours(1).plus(CognitoTokenVerifier.LEEWAY).minusSeconds(1));
            assertThat(verify(token)).isInstanceOf(Verification.Verified.class);

            clock.advance(Duration.ofSeconds(1));
            assertThat(verify(token)).isEqualTo(refusedFor(Reason.EXPIRED));
        }

        @Test
        void anotherIssuerIsRefusedEvenWhenItDiffersOnlyByATrailingSlash() {
            assertThat(verify(token().claim("iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other")
                            .signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.WRONG_ISSUER));
            assertThat(verify(token().claim("iss", pool.issuer() + "/").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.WRONG_ISSUER));
            assertThat(verify(token().without("iss").signedWith(CURRENT))).isEqualTo(refusedFor(Reason.WRONG_ISSUER));
        }

        @Test
        void anotherAppClientsTokenIsRefused() {
            assertThat(verify(token().claim("aud", "storefront-client").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.WRONG_AUDIENCE));
        }

        @Test
        void anAccessTokenIsRefusedWhereAnIdTokenIsRequired() {
            // Cognito's access tokens carry client_id instead of aud, and scopes instead of profile claims.
            String access = token().claim("token_use", "access")
                    .without("aud")
                    .claim("client_id", StaffPool.AUDIENCE)
                    .claim("scope", "aws.cognito.signin.user.admin")
                    .signedWith(CURRENT);

            assertThat(verify(access)).isEqualTo(refusedFor(Reason.WRONG_TOKEN_USE));
        }

        @Test
        void aTokenWithoutAStoreIsRefused() {
            assertThat(verify(token().without("custom:storeId").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.NO_STORE));
            assertThat(verify(token().claim("custom:storeId", "Store 1; DROP").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.NO_STORE));
        }

        @Test
        void aTokenWithoutSubjectOrExpiryIsRefused() {
            assertThat(verify(token().without("sub").signedWith(CURRENT))).isEqualTo(refusedFor(Reason.MISSING_CLAIM));
            assertThat(verify(token().without("exp").signedWith(CURRENT))).isEqualTo(refusedFor(Reason.MISSING_CLAIM));
            assertThat(verify(token().claim("exp", "tomorrow").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.MISSING_CLAIM));
        }

        @Test
        void aTokenFromTheFutureIsRefused() {
            long now = clock.instant().getEpochSecond();

            assertThat(verify(token().claim("nbf", now + 600).signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.NOT_YET_VALID));
            assertThat(verify(token().claim("iat", now + 600).signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.NOT_YET_VALID));
            assertThat(verify(token().claim("iat", now + 30).signedWith(CURRENT)))
                    .as("within the leeway")
                    .isInstanceOf(Verification.Verified.class);
        }

        @Test
        void extremeTimesAreRefusedWithoutOverflowing() {
            assertThat(verify(token().claim("exp", Long.MIN_VALUE).signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.EXPIRED));
            assertThat(verify(token().claim("nbf", Long.MAX_VALUE).signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.NOT_YET_VALID));
        }
    }

    @Nested
    class Algorithms {
        @Test
        void algNoneIsRefusedWithOrWithoutASignature() {
            String claims = token().encodedClaims();
            String none = segment("{\"kid\":\"" + CURRENT.kid() + "\",\"alg\":\"none\"}");
            String goodSignature = segments(token().signedWith(CURRENT)).get(2);

            assertThat(verify(none + "." + claims + ".")).isEqualTo(refusedFor(Reason.UNSUPPORTED_ALGORITHM));
            assertThat(verify(none + "." + claims + "." + goodSignature))
                    .isEqualTo(refusedFor(Reason.UNSUPPORTED_ALGORITHM));
        }

        @Test
        void hs256SignedWithThePublicKeyIsRefused() throws Exception {
            String header = segment("{\"kid\":\"" + CURRENT.kid() + "\",\"alg\":\"HS256\",\"typ\":\"JWT\"}");
            String input = header + "." + token().encodedClaims();
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(CURRENT.pair().getPublic().getEncoded(), "HmacSHA256"));
            String forged = input + "." + base64url(hmac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

            assertThat(verify(forged)).isEqualTo(refusedFor(Reason.UNSUPPORTED_ALGORITHM));
        }

        @ParameterizedTest
        @ValueSource(strings = {"rs256", "RS384", "PS256", "ES256", "RS256 "})
        void onlyRs256ExactlyIsAccepted(String alg) {
            assertThat(verify(token().header("alg", alg).signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.UNSUPPORTED_ALGORITHM));
        }

        @Test
        void aCriticalHeaderExtensionIsRefused() {
            assertThat(verify(token().header("crit", "exp").signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.MALFORMED));
        }
    }

    @Nested
    class Signatures {
        @Test
        void aTamperedPayloadIsRefused() {
            String good = token().signedWith(CURRENT);
            String otherStore = pool.idToken("store-002", clock).encodedClaims();
            String tampered = segments(good).get(0) + "." + otherStore + "."
                    + segments(good).get(2);

            assertThat(verify(tampered)).isEqualTo(refusedFor(Reason.BAD_SIGNATURE));
        }

        @Test
        void aTokenSignedByAnotherKeyUnderAPublishedKidIsRefused() {
            assertThat(verify(token().signedWith(STRANGER))).isEqualTo(refusedFor(Reason.BAD_SIGNATURE));
        }

        @Test
        void aTokenSignedByAKeyThePoolDoesNotPublishIsRefused() {
            assertThat(verify(token().signedWith(StaffPool.newKey("key-of-nobody"))))
                    .isEqualTo(refusedFor(Reason.UNKNOWN_KEY));
        }

        @Test
        void aTruncatedOrEmptySignatureIsRefused() {
            String good = token().signedWith(CURRENT);
            String input = segments(good).get(0) + "." + segments(good).get(1);

            assertThat(verify(input + ".")).isEqualTo(refusedFor(Reason.BAD_SIGNATURE));
            assertThat(verify(input + "." + segments(good).get(2).substring(8)))
                    .isEqualTo(refusedFor(Reason.BAD_SIGNATURE));
        }
    }

    /** Base64url of the text, as a token segment. */
    private static String segment(String text) {
        return base64url(text.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<String> garbage() {
        String kid = "{\"alg\":\"RS256\",\"kid\":\"key-2026-11\"}";
        return Stream.of(
                "",
                " ",
                "not-a-token",
                "a.b",
                "a.b.c.d",
                "..",
                "...",
                "!!!.###.$$$",
                // padding is not base64url as JWS uses it
                segment(kid) + "." + segment("{}") + "=.c2ln",
                // a length no base64 text has
                segment(kid) + "." + segment("{}") + ".c2lnA",
                // headers that are JSON but not one object, or not JSON at all
                segment("[]") + "." + segment("{}") + ".c2ln",
                segment("null") + "." + segment("{}") + ".c2ln",
                segment("{\"alg\":\"RS256\"") + "." + segment("{}") + ".c2ln",
                segment(kid + " {}") + "." + segment("{}") + ".c2ln",
                // two algs: no two readers may see two different ones
                segment("{\"alg\":\"RS256\",\"kid\":\"key-2026-11\",\"alg\":\"none\"}") + "." + segment("{}") + ".c2ln",
                // no kid, or a kid that is not a string
                segment("{\"alg\":\"RS256\"}") + "." + segment("{}") + ".c2ln",
                segment("{\"alg\":\"RS256\",\"kid\":7}") + "." + segment("{}") + ".c2ln");
    }

    @Nested
    class Garbage {
        @ParameterizedTest
        @MethodSource("dev.asynccommerce.fulfillment.adapter.jwt.CognitoTokenVerifierTest#garbage")
        void anythingButACompactJwtIsRefusedAsMalformed(String garbage) {
            assertThat(verify(garbage)).isEqualTo(refusedFor(Reason.MALFORMED));
            assertThat(pool.jwksRequests())
                    .as("refused before any key is fetched")
                    .isZero();
        }

        @Test
        void noTokenAndAnOversizedOneAreRefused() {
            assertThat(verify(null)).isEqualTo(refusedFor(Reason.MALFORMED));
            assertThat(verify(token().claim("padding", "x".repeat(SignedToken.MAX_LENGTH))
                            .signedWith(CURRENT)))
                    .isEqualTo(refusedFor(Reason.MALFORMED));
        }

        @Test
        void aSignedPayloadThatIsNotJsonIsRefused() {
            String input = segment("{\"kid\":\"key-2026-11\",\"alg\":\"RS256\"}") + "." + segment("not json");
            String token = input + "." + base64url(StaffPool.rsaSignature(CURRENT, input));

            assertThat(verify(token)).isEqualTo(refusedFor(Reason.MALFORMED));
        }

        @Test
        void aHeaderWithoutAlgIsRefusedAsUnsupported() {
            assertThat(verify(segment("{\"kid\":\"key-2026-11\"}") + "." + token().encodedClaims() + ".c2ln"))
                    .isEqualTo(refusedFor(Reason.UNSUPPORTED_ALGORITHM));
        }
    }

    @Nested
    class SigningKeyCache {
        @Test
        void theJwksIsFetchedOnceForManyTokens() {
            for (int i = 0; i < 5; i++) {
                assertThat(verify(token().signedWith(CURRENT))).isInstanceOf(Verification.Verified.class);
            }

            assertThat(pool.jwksRequests()).isEqualTo(1);
        }

        @Test
        void anUnknownKidRefreshesTheKeysOnceAndThenVerifies() {
            assertThat(verify(token().signedWith(CURRENT))).isInstanceOf(Verification.Verified.class);
            clock.advance(Duration.ofMinutes(30));
            pool.publish(CURRENT, NEXT);

            assertThat(verify(token().signedWith(NEXT))).isInstanceOf(Verification.Verified.class);
            assertThat(verify(token().signedWith(NEXT))).isInstanceOf(Verification.Verified.class);
            assertThat(verify(token().signedWith(CURRENT))).isInstanceOf(Verification.Verified.class);
            assertThat(pool.jwksRequests()).isEqualTo(2);
        }

        @Test
        void unknownKidsRefreshAtMostOnceAMinute() {
            StaffPool.Key later = StaffPool.newKey("key-2027-01");
            assertThat(verify(token().signedWith(CURRENT))).isInstanceOf(Verification.Verified.class);
            assertThat(verify(token().signedWith(later)))
                    .as("just after the first fetch")
                    .isEqualTo(refusedFor(Reason.UNKNOWN_KEY));
            assertThat(pool.jwksRequests()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(5));
            assertThat(verify(token().signedWith(later))).isEqualTo(refusedFor(Reason.UNKNOWN_KEY));
            assertThat(pool.jwksRequests()).isEqualTo(2);

            pool.publish(CURRENT, later);
            for (int i = 0; i < 3; i++) {
                assertThat(verify(token().signedWith(later))).isEqualTo(refusedFor(Reason.UNKNOWN_KEY));
            }
            assertThat(pool.jwksRequests()).isEqualTo(2);

            clock.advance(Duration.ofMinutes(1));
            assertThat(verify(token().signedWith(later))).isInstanceOf(Verification.Verified.class);
            assertThat(pool.jwksRequests()).isEqualTo(3);
        }

        @Test
        void keysThatCannotBeFetchedAreAFailureNotARefusal() {
            pool.answerJwksWith(503);

            assertThatThrownBy(() -> verify(token().signedWith(CURRENT)))
                    .isInstanceOf(SigningKeysUnavailableException.class)
                    .hasMessageContaining("503");

            pool.answerJwksWith(200);
            assertThat(verify(token().signedWith(CURRENT)))
                    .as("a failed first fetch does not hold back the next attempt")
                    .isInstanceOf(Verification.Verified.class);
        }

        @Test
        void keysUnfitForRs256AreIgnored() {
            String document = """
                    {"keys":[
                      {"kty":"RSA","kid":"enc","use":"enc","n":"%1$s","e":"AQAB"},
                      {"kty":"RSA","kid":"ps","alg":"PS256","n":"%1$s","e":"AQAB"},
                      {"kty":"EC","kid":"ec","crv":"P-256","x":"AA","y":"AA"},
                      {"kty":"RSA","kid":"short","n":"AQAB","e":"AQAB"},
                      {"kty":"RSA","kid":"ok","n":"%1$s","e":"AQAB"}
                    ]}""".formatted(base64url(
                    ((RSAPublicKey) CURRENT.pair().getPublic()).getModulus().toByteArray()));

            assertThat(SigningKeys.parse(document.getBytes(StandardCharsets.UTF_8)))
                    .containsOnlyKeys("ok");
        }
    }

    @Test
    void anIssuerThatCouldNeverMatchExactlyIsRefusedAtStart() {
        for (String issuer : new String[] {
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool/",
            "cognito",
            "ftp://host/pool",
            "https://host/p?x=1"
        }) {
            assertThatThrownBy(() -> new CognitoTokenVerifier(issuer, "client", HttpClient.newHttpClient(), clock))
                    .as(issuer)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
