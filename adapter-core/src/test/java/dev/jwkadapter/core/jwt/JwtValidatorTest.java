package dev.jwkadapter.core.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Category;
import dev.jwkadapter.core.jwt.JwtValidationException.Failure;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwtValidatorTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final JwkSet KEYS = TestJwks.of(RSA);

    private static JwtValidator.Builder complete() {
        return TestJwts.validator(KEYS, JwsAlgorithm.RS256);
    }

    private static Reason reason(JwtValidator v, String token) {
        try {
            v.validate(token);
            return null;
        } catch (JwtValidationException e) {
            return e.reason();
        }
    }

    @Test
    void buildWhenNoAlgorithmsThenRefused() {
        assertThatIllegalStateException().isThrownBy(() -> JwtValidator.builder().jwks(JwksSource.of(KEYS))
                .issuer("i").audience("a").build()).withMessageStartingWith("algorithms");
        assertThatIllegalStateException().isThrownBy(() -> JwtValidator.builder().jwks(JwksSource.of(KEYS))
                .algorithms(List.of()).issuer("i").audience("a").build()).withMessageStartingWith("algorithms");
    }

    @Test
    void buildWhenRequiredSettingMissingThenRefusedNamingIt() {
        assertThatIllegalStateException().isThrownBy(() -> JwtValidator.builder().algorithms(JwsAlgorithm.RS256)
                .issuer("i").audience("a").build()).withMessageStartingWith("jwks");
        assertThatIllegalStateException().isThrownBy(() -> JwtValidator.builder().jwks(JwksSource.of(KEYS))
                .algorithms(JwsAlgorithm.RS256).audience("a").build()).withMessageStartingWith("issuer");
        assertThatIllegalStateException().isThrownBy(() -> JwtValidator.builder().jwks(JwksSource.of(KEYS))
                .algorithms(JwsAlgorithm.RS256).issuer("i").build()).withMessageStartingWith("audience");
    }

    @Test
    void buildWhenSettingsContradictOrAreOutOfRangeThenRefused() {
        assertThatIllegalStateException().isThrownBy(() -> complete().anyIssuer().build()).withMessageStartingWith("issuer");
        assertThatIllegalStateException().isThrownBy(() -> complete().anyAudience().build()).withMessageStartingWith("audience");
        assertThatIllegalStateException().isThrownBy(() -> complete().type("at+jwt").ignoreType().build())
                .withMessageStartingWith("type");
        assertThatIllegalStateException().isThrownBy(() -> complete().clockSkew(JwtValidator.MAX_CLOCK_SKEW.plusNanos(1)).build())
                .withMessageStartingWith("clockSkew");
        assertThatIllegalStateException().isThrownBy(() -> complete().clockSkew(Duration.ofSeconds(-1)).build())
                .withMessageStartingWith("clockSkew");
        assertThatIllegalStateException().isThrownBy(() -> complete().maxTokenSize(15).build()).withMessageStartingWith("maxTokenSize");
        assertThatIllegalStateException().isThrownBy(() -> complete().maxAge(Duration.ZERO).build()).withMessageStartingWith("maxAge");
        assertThatIllegalArgumentException().isThrownBy(() -> complete().issuers(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> complete().audience(""));
        assertThatIllegalArgumentException().isThrownBy(() -> complete().audiences(List.of()));
        assertThat(complete().clockSkew(JwtValidator.MAX_CLOCK_SKEW).build()).isNotNull();
        assertThat(complete().clockSkew(Duration.ZERO).build()).isNotNull();
    }

    @Test
    void defaultsWhenNotConfiguredThenThePublicConstants() {
        assertThat(JwtValidator.DEFAULT_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(60));
        assertThat(JwtValidator.MAX_CLOCK_SKEW).isEqualTo(Duration.ofMinutes(10));
        assertThat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE).isEqualTo(262_144);
        assertThat(JwtValidator.MAX_JSON_DEPTH).isEqualTo(64);
        JwtValidator v = complete().build();
        long now = TestJwts.NOW.getEpochSecond();
        assertThat(reason(v, TestJwts.builder(RSA).claimNumber("exp", now - 59).build())).isNull();
        assertThat(reason(v, TestJwts.builder(RSA).claimNumber("exp", now - 60).build())).isEqualTo(Reason.EXPIRED);
        assertThat(reason(v, TestJwts.builder(RSA).claimNumber("nbf", now + 60).build())).isNull();
        assertThat(reason(v, TestJwts.builder(RSA).claimNumber("nbf", now + 61).build())).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(reason(v, TestJwts.builder(RSA).removeClaim("exp").build())).isEqualTo(Reason.MISSING_CLAIM);
        assertThat(reason(v, TestJwts.builder(RSA).typ("at+jwt").build())).isEqualTo(Reason.TYPE_MISMATCH);
        assertThat(reason(v, "A".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE + 1))).isEqualTo(Reason.TOKEN_TOO_LARGE);
        assertThat(reason(v, "A".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void optOutsWhenExplicitThenIssuerAudienceTypeAndExpWaived() {
        JwtValidator open = JwtValidator.builder().jwks(JwksSource.of(KEYS)).algorithms(JwsAlgorithm.RS256).anyIssuer().anyAudience()
                .ignoreType().allowMissingExpiration().clock(TestJwts.CLOCK).build();
        String token = TestJwts.builder(RSA).removeClaim("iss").removeClaim("aud").removeClaim("exp").typ("whatever").build();
        assertThat(open.validate(token).claims().subject()).contains(TestJwts.SUBJECT);
        assertThat(reason(open, TestJwts.builder(RSA).claim("aud", "{}").build())).isEqualTo(Reason.INVALID_CLAIM);
        assertThat(reason(open, TestJwts.builder(RSA).claim("aud", "5").build())).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void issuerValidatorWhenTemplateThenPredicateDecides() {
        JwtValidator v = complete().issuerValidator(iss -> iss.startsWith("https://login.example/") && iss.endsWith("/v2.0")).build();
        assertThat(reason(v, TestJwts.builder(RSA).claimString("iss", "https://login.example/t1/v2.0").build())).isNull();
        assertThat(reason(v, TestJwts.builder(RSA).build())).isEqualTo(Reason.ISSUER_MISMATCH);
    }

    @Test
    void validateWhenSeveralClaimChecksFailThenAllCollectedFirstIsTheReason() {
        JwtValidator v = complete().requiredClaims("tid")
                .check(jwt -> Optional.of(new Failure(Reason.TENANT_NOT_ALLOWED, "tenant")))
                .check(jwt -> {
                    throw new JwtValidationException(Reason.KEY_ISSUER_MISMATCH, "thrown by a check");
                })
                .build();
        String token = TestJwts.builder(RSA).claimNumber("exp", 1).claimString("iss", "x").claimString("aud", "y").build();
        assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> v.validate(token)).satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(e.failures()).extracting(Failure::reason).containsExactly(Reason.EXPIRED, Reason.ISSUER_MISMATCH,
                    Reason.AUDIENCE_MISMATCH, Reason.MISSING_CLAIM, Reason.TENANT_NOT_ALLOWED, Reason.KEY_ISSUER_MISMATCH);
            assertThat(e.getMessage()).contains("and 5 more");
            assertThat(e.category()).isEqualTo(Category.INVALID_TOKEN);
            assertThat(e.toString()).startsWith("JwtValidationException[EXPIRED]: ");
        });
    }

    @Test
    void validateWhenKeySourceFailsThenKeysUnavailableAndForUnknownKidUnknownKey() {
        JwksSource down = () -> {
            throw new JwksUnavailableException("down", null);
        };
        JwtValidator v = TestJwts.validator(down, JwsAlgorithm.RS256).build();
        assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> v.validate(TestJwts.token(RSA)))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
                    assertThat(e.category()).isEqualTo(Category.UNAVAILABLE);
                    assertThat(e.getCause()).isInstanceOf(JwksUnavailableException.class);
                });
        JwksSource broken = () -> {
            throw new IllegalStateException("bug");
        };
        assertThat(reason(TestJwts.validator(broken, JwsAlgorithm.RS256).build(), TestJwts.token(RSA))).isEqualTo(Reason.KEYS_UNAVAILABLE);
        JwksSource refreshFails = new JwksSource() {
            @Override
            public JwkSet get() {
                return JwkSet.empty();
            }

            @Override
            public JwkSet refreshForUnknownKid(String kid) {
                throw new JwksUnavailableException("rate limited", null);
            }
        };
        assertThat(reason(TestJwts.validator(refreshFails, JwsAlgorithm.RS256).build(), TestJwts.token(RSA)))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenKidUnknownThenOneRefreshAndTheNewKeyIsUsed() {
        AtomicInteger refreshes = new AtomicInteger();
        JwksSource rotating = new JwksSource() {
            @Override
            public JwkSet get() {
                return JwkSet.empty();
            }

            @Override
            public JwkSet refreshForUnknownKid(String kid) {
                refreshes.incrementAndGet();
                return KEYS;
            }
        };
        JwtValidator v = TestJwts.validator(rotating, JwsAlgorithm.RS256).build();
        assertThat(v.validate(TestJwts.token(RSA)).key().kid()).contains(RSA.kid());
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void validateWhenNullTokenThenMalformed() {
        assertThat(reason(complete().build(), null)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void validateWhenAcceptedThenVerifiedJwtExposesHeaderClaimsAndKey() {
        VerifiedJwt jwt = complete().build().validate(TestJwts.builder(RSA).typ("JWT").build());
        assertThat(jwt.header().keyId()).contains(RSA.kid());
        assertThat(jwt.key()).isEqualTo(RSA.jwk());
        assertThat(jwt.claims().audience()).containsExactly(TestJwts.AUDIENCE);
        assertThat(jwt.toString()).isEqualTo("VerifiedJwt[alg=RS256, JwtClaims[iss, sub, aud, iat, exp]]");
    }

    @Test
    void toStringWhenClaimNameHoldsControlCharactersThenTheyAreNotPrinted() {
        JwtClaims claims = JwtClaims.builder().claim("evil\r\nX-Injected: 1", "v").build();
        assertThat(claims.toString()).isEqualTo("JwtClaims[evil??X-Injected: 1]").doesNotContain("\r", "\n");
    }

    @Test
    void sameMediaTypeWhenComparedThenCaseInsensitiveWithOptionalApplicationPrefix() {
        assertThat(JwtValidator.sameMediaType("at+jwt", "at+jwt")).isTrue();
        assertThat(JwtValidator.sameMediaType("AT+JWT", "at+jwt")).isTrue();
        assertThat(JwtValidator.sameMediaType("application/at+jwt", "at+jwt")).isTrue();
        assertThat(JwtValidator.sameMediaType("at+jwt", "application/at+jwt")).isTrue();
        assertThat(JwtValidator.sameMediaType("at+jwt ", "at+jwt")).isFalse();
        assertThat(JwtValidator.sameMediaType("text/at+jwt", "at+jwt")).isFalse();
        assertThat(JwtValidator.sameMediaType("application/application/at+jwt", "at+jwt")).isFalse();
    }

    @Test
    void printableWhenHostileOrLongThenEscapedAndBounded() {
        assertThat(JwtValidator.printable("kid-1")).isEqualTo("\"kid-1\"");
        assertThat(JwtValidator.printable("a\r\n\"\\b")).isEqualTo("\"a\\u000d\\u000a\\u0022\\u005cb\"");
        assertThat(JwtValidator.printable("x".repeat(1000))).hasSizeLessThanOrEqualTo(80).endsWith("…\"");
        assertThat(JwtValidator.printable("\n".repeat(1000))).hasSizeLessThanOrEqualTo(80).doesNotContain("\n");
    }

    @Test
    void toStringWhenPrintedThenConfigurationWithoutKeyMaterial() {
        String s = complete().type("at+jwt").build().toString();
        assertThat(s).contains("RS256").contains(TestJwts.ISSUER).contains(TestJwts.AUDIENCE).contains("at+jwt")
                .doesNotContain(RSA.jwk().toJsonNode().get("n").textValue());
    }

    @Test
    void exceptionWhenNoFailuresThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtValidationException(List.of()));
        assertThat(Reason.KEYS_UNAVAILABLE.category()).isEqualTo(Category.UNAVAILABLE);
        for (Reason r : Reason.values()) {
            if (r != Reason.KEYS_UNAVAILABLE) {
                assertThat(r.category()).as(r.name()).isEqualTo(Category.INVALID_TOKEN);
            }
        }
    }
}
