package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jwkadapter.core.internal.JsonValues;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md §G: claims (RFC 7519 §4.1), always at a fixed or injected clock. */
class ClaimsCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final long NOW = TestJwts.NOW.getEpochSecond();

    private static JwtValidator.Builder validator() {
        return TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256);
    }

    private static Arguments args(String name, Object... rest) {
        Object[] a = rest.clone();
        a[0] = Named.of(name, rest[0]);
        return Arguments.of(a);
    }

    @Test
    void G1_validateWhenExpMissingThenMissingClaimUnlessExplicitlyWaived() {
        String token = TestJwts.builder(RSA).removeClaim("exp").build();
        assertRejected(validator().build(), token, Reason.MISSING_CLAIM);
        assertAccepted(validator().allowMissingExpiration().build(), token);
    }

    static Stream<Arguments> g2Offsets() {
        return Stream.of(0L, 60L, 300L).flatMap(skew -> Stream.of(
                Arguments.of(skew, -skew - 1, Reason.EXPIRED),
                Arguments.of(skew, -skew, Reason.EXPIRED),
                Arguments.of(skew, -skew + 1, null)));
    }

    /** G2: valid iff now &lt; exp + skew. */
    @ParameterizedTest(name = "[{index}] skew {0} s, exp = now {1} s -> {2}")
    @MethodSource("g2Offsets")
    void G2_validateWhenExpAtTheSkewBoundaryThenExpiredOrAccepted(long skew, long offset, Reason expected) {
        String token = TestJwts.builder(RSA).claimNumber("iat", NOW - 3600).claimNumber("exp", NOW + offset).build();
        assertOutcome(validator().clockSkew(Duration.ofSeconds(skew)).build(), token, expected);
    }

    static Stream<Arguments> g3Offsets() {
        return Stream.of(0L, 60L, 300L).flatMap(skew -> Stream.of(
                Arguments.of(skew, Long.toString(NOW + skew + 1), Reason.NOT_YET_VALID),
                Arguments.of(skew, (NOW + skew) + ".5", Reason.NOT_YET_VALID),
                Arguments.of(skew, Long.toString(NOW + skew), null),
                Arguments.of(skew, Long.toString(NOW), null)));
    }

    /** G3: valid iff now ≥ nbf − skew. */
    @ParameterizedTest(name = "[{index}] skew {0} s, nbf {1} -> {2}")
    @MethodSource("g3Offsets")
    void G3_validateWhenNbfBeyondTheSkewThenNotYetValidAndAtTheBoundaryAccepted(long skew, String nbf, Reason expected) {
        String token = TestJwts.builder(RSA).claim("nbf", nbf).build();
        assertOutcome(validator().clockSkew(Duration.ofSeconds(skew)).build(), token, expected);
    }

    static Stream<Arguments> g4Tokens() {
        JwtValidator plain = validator().build();
        JwtValidator maxAge = validator().maxAge(Duration.ofHours(1)).build();
        return Stream.of(
                args("iat in the future beyond the skew", TestJwts.builder(RSA).claimNumber("iat", NOW + 61).build(), plain,
                        Reason.INVALID_ISSUED_AT),
                args("iat in the future within the skew", TestJwts.builder(RSA).claimNumber("iat", NOW + 60).build(), plain, null),
                args("iat older than max age + skew", TestJwts.builder(RSA).claimNumber("iat", NOW - 3600 - 61).build(), maxAge,
                        Reason.INVALID_ISSUED_AT),
                args("iat exactly max age + skew old", TestJwts.builder(RSA).claimNumber("iat", NOW - 3600 - 60).build(), maxAge, null),
                args("iat missing with a max age", TestJwts.builder(RSA).removeClaim("iat").build(), maxAge, Reason.MISSING_CLAIM),
                args("iat after nbf (both past)", TestJwts.builder(RSA).claimNumber("nbf", NOW - 20).claimNumber("iat", NOW - 10).build(),
                        plain, null),
                args("iat far in the past without max age", TestJwts.builder(RSA).claimNumber("iat", 0).build(), plain, null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("g4Tokens")
    void G4_validateWhenIatInTheFutureOrTooOldThenInvalidIssuedAt(String token, JwtValidator v, Reason expected) {
        assertOutcome(v, token, expected);
    }

    static Stream<Arguments> g5Dates() {
        long max = JsonValues.MAX_EPOCH_SECOND;
        long min = JsonValues.MIN_EPOCH_SECOND;
        return Stream.of(
                Arguments.of("exp", Long.toString(Long.MAX_VALUE / 1000 + 1), null),
                Arguments.of("exp", Long.toString(max), null),
                Arguments.of("exp", "1e15", null),
                Arguments.of("exp", "-1", Reason.EXPIRED),
                Arguments.of("exp", "0", Reason.EXPIRED),
                Arguments.of("exp", Long.toString(min), Reason.EXPIRED),
                Arguments.of("exp", "1e-999999999", Reason.EXPIRED),
                Arguments.of("exp", "-1e-999999999", Reason.EXPIRED),
                Arguments.of("exp", "-0.0", Reason.EXPIRED),
                Arguments.of("exp", Long.toString(max + 1), Reason.INVALID_CLAIM),
                Arguments.of("exp", Long.toString(Long.MAX_VALUE), Reason.INVALID_CLAIM),
                Arguments.of("exp", Long.toString(Long.MIN_VALUE), Reason.INVALID_CLAIM),
                Arguments.of("nbf", Long.toString(min), null),
                Arguments.of("nbf", Long.toString(max), Reason.NOT_YET_VALID),
                Arguments.of("nbf", Long.toString(Long.MIN_VALUE), Reason.INVALID_CLAIM),
                Arguments.of("nbf", "1e-999999999", null),
                Arguments.of("iat", Long.toString(min), null),
                Arguments.of("iat", Long.toString(max), Reason.INVALID_ISSUED_AT),
                Arguments.of("iat", "-1e-999999999", null));
    }

    /** G5: no overflow anywhere (skew added at the Instant range limits); a very large exp is simply far future. */
    @ParameterizedTest(name = "[{index}] {0} = {1} -> {2}")
    @MethodSource("g5Dates")
    void G5_validateWhenNumericDateAtEdgeValuesThenNoOverflow(String claim, String value, Reason expected) {
        String token = TestJwts.builder(RSA).claim(claim, value).build();
        JwtValidator v = validator().build();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertOutcome(v, token, expected));
    }

    /** A clock a test can move. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant value) {
            this.now = value;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void G6_validateWhenWallClockJumpsThenClaimChecksFollowTheInjectedClock() {
        MutableClock clock = new MutableClock(TestJwts.NOW);
        JwtValidator v = validator().clock(clock).build();
        String token = TestJwts.token(RSA); // iat now, exp now + 600
        assertAccepted(v, token);
        clock.set(TestJwts.NOW.plus(Duration.ofHours(1)));
        assertRejected(v, token, Reason.EXPIRED);
        clock.set(TestJwts.NOW);
        assertAccepted(v, token);
        clock.set(TestJwts.NOW.minus(Duration.ofHours(1)));
        assertRejected(v, token, Reason.INVALID_ISSUED_AT);
        clock.set(TestJwts.NOW.plusSeconds(600 + 59));
        assertAccepted(v, token);
    }

    @ParameterizedTest(name = "[{index}] iss \"{0}\"")
    @ValueSource(strings = {"https://issuer.example/", "https://issuer.example//", "HTTPS://ISSUER.EXAMPLE", "https://ISSUER.example",
            "http://issuer.example", "https://issuer.example/v2.0", "https://issuer.example?x=1", "https://issuer.example#",
            "https://issuer.example.evil.example", "https://issuer.example ", " https://issuer.example", "https://issuer.examp1e",
            "https://issuer\u2024example", "https://xn--issuer-example", "", "https://issuer.example:443"})
    void G7_validateWhenIssuerIsAnyVariantOfTheExpectedValueThenIssuerMismatch(String iss) {
        assertRejected(validator().build(), TestJwts.builder(RSA).claimString("iss", iss).build(), Reason.ISSUER_MISMATCH);
        JwtValidator two = validator().issuers(List.of(TestJwts.ISSUER, "https://second.example")).build();
        assertRejected(two, TestJwts.builder(RSA).claimString("iss", iss).build(), Reason.ISSUER_MISMATCH);
        assertAccepted(two, TestJwts.builder(RSA).claimString("iss", "https://second.example").build());
        assertRejected(validator().build(), TestJwts.builder(RSA).removeClaim("iss").build(), Reason.MISSING_CLAIM);
    }

    private static final String CLIENT_ID = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    static Stream<Arguments> g8Audiences() {
        JwtValidator v2Only = validator().audience(CLIENT_ID).build();
        JwtValidator both = validator().audience(CLIENT_ID, "api://" + CLIENT_ID).build();
        return Stream.of(
                args("v2 GUID at a GUID validator", CLIENT_ID, v2Only, null),
                args("v1 App ID URI at a GUID validator", "api://" + CLIENT_ID, v2Only, Reason.AUDIENCE_MISMATCH),
                args("upper-case GUID", CLIENT_ID.toUpperCase(java.util.Locale.ROOT), v2Only, Reason.AUDIENCE_MISMATCH),
                args("GUID in braces", "{" + CLIENT_ID + "}", v2Only, Reason.AUDIENCE_MISMATCH),
                args("v1 App ID URI at a validator configured for both", "api://" + CLIENT_ID, both, null),
                args("v2 GUID at a validator configured for both", CLIENT_ID, both, null),
                args("App ID URI with a trailing slash", "api://" + CLIENT_ID + "/", both, Reason.AUDIENCE_MISMATCH));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("g8Audiences")
    void G8_validateWhenAudienceFormNotConfiguredThenAudienceMismatch(String aud, JwtValidator v, Reason expected) {
        assertOutcome(v, TestJwts.builder(RSA).claimString("aud", aud).build(), expected);
    }

    @ParameterizedTest(name = "[{index}] {0} missing")
    @ValueSource(strings = {"sub", "oid", "tid"})
    void G9_validateWhenRequiredClaimMissingThenMissingClaim(String missing) {
        JwtValidator v = validator().requiredClaims("sub", "oid", "tid").build();
        TestJwts.Builder b = TestJwts.builder(RSA).claimString("oid", "oid-1").claimString("tid", "tid-1");
        assertAccepted(v, b.build());
        assertRejected(v, b.removeClaim(missing).build(), Reason.MISSING_CLAIM);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\": null")
    @ValueSource(strings = {"exp", "aud", "nbf", "iat", "iss", "sub", "jti"})
    void G10_validateWhenRegisteredClaimIsNullThenInvalidClaim(String claim) {
        assertRejected(validator().build(), TestJwts.builder(RSA).claim(claim, "null").build(), Reason.INVALID_CLAIM);
    }
}
