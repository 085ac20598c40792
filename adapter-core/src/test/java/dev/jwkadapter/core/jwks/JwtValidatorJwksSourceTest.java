package dev.jwkadapter.core.jwks;

import static dev.jwkadapter.core.jwks.JwksFixtures.claims;
import static dev.jwkadapter.core.jwks.JwksFixtures.jwks;
import static dev.jwkadapter.core.jwks.JwksFixtures.unsignedToken;
import static dev.jwkadapter.core.jwks.JwksFixtures.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Category;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.CountingJwksSource;
import dev.jwkadapter.testing.FakeTicker;
import dev.jwkadapter.testing.FlakyJwksSource;
import dev.jwkadapter.testing.JwksTestServer;
import dev.jwkadapter.testing.JwksTestServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link JwtValidator} uses a {@link JwksSource}: unknown kids, fetch failures, reason codes. */
class JwtValidatorJwksSourceTest {

    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock(JwksFixtures.NOW);
    private JwksTestServer server;
    private Es256Key k1;

    @BeforeEach
    void setUp() {
        server = JwksTestServer.start();
        k1 = Es256Key.generate("k1");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CachingJwksSource cache(JwksSource upstream) {
        return CachingJwksSource.builder(upstream).ticker(ticker).clock(clock).executor(Runnable::run).build();
    }

    private static JwtValidationException rejection(JwtValidator v, String token) {
        try {
            v.validate(token);
        } catch (JwtValidationException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void validateWhenKidUnknownThenOneRefreshThenUnknownKey() {
        server.serve("/jwks", Reply.json(jwks(k1)));
        CountingJwksSource counting = CountingJwksSource.of(HttpJwksSource.of(server.uri("/jwks")));
        JwtValidator validator = validator(cache(counting), clock);
        validator.validate(k1.sign(claims(clock)));

        JwtValidationException first = rejection(validator, Es256Key.generate("k9").sign(claims(clock)));
        assertThat(first.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(first.category()).isEqualTo(Category.INVALID_TOKEN);
        assertThat(first.getCause()).isNull();
        assertThat(counting.calls()).isEqualTo(2);

        // the rate limit (2 per 30 s) is used up: the next unknown kid costs no fetch
        assertThat(rejection(validator, unsignedToken("k10")).reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(counting.calls()).isEqualTo(2);
        assertThat(server.requests("/jwks")).isEqualTo(2);
    }

    @Test
    void validateWhenKidAppearsOnRefreshThenAccepted() {
        Es256Key k2 = Es256Key.generate("k2");
        server.serve("/jwks", Reply.json(jwks(k1)));
        JwtValidator validator = validator(cache(HttpJwksSource.of(server.uri("/jwks"))), clock);
        validator.validate(k1.sign(claims(clock)));
        server.serve("/jwks", Reply.json(jwks(k1, k2)));
        assertThat(validator.validate(k2.sign(claims(clock))).key().kid()).contains("k2");
        assertThat(server.requests("/jwks")).isEqualTo(2);
    }

    @Test
    void validateWhenNoKeysCanBeFetchedThenKeysUnavailableNeverBadSignature() {
        server.serve("/jwks", Reply.status(503));
        JwtValidator validator = validator(cache(HttpJwksSource.of(server.uri("/jwks"))), clock);
        String good = k1.sign(claims(clock));
        String badSignature = good.substring(0, good.lastIndexOf('.') + 1) + Base64Url.encode(new byte[64]);
        for (String token : new String[] {good, badSignature, unsignedToken("other")}) {
            JwtValidationException e = rejection(validator, token);
            assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
            assertThat(e.category()).isEqualTo(Category.UNAVAILABLE);
            assertThat(e.getCause()).isInstanceOf(JwksUnavailableException.class);
        }
    }

    @Test
    void validateWhenRefreshForUnknownKidFailsThenUnknownKeyCarryingTheCause() {
        FlakyJwksSource upstream = FlakyJwksSource.serving(JwkSet.of(k1.jwk()));
        JwtValidator validator = validator(cache(upstream), clock);
        validator.validate(k1.sign(claims(clock)));
        upstream.failWith("HTTP 500");
        JwtValidationException e = rejection(validator, unsignedToken("k2"));
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(e.getCause()).isInstanceOf(JwksUnavailableException.class).hasMessageContaining("HTTP 500");
        assertThat(e.getMessage()).contains("could not be refreshed");
    }

    @Test
    void validateWhenSourceThrowsAnUncheckedExceptionThenKeysUnavailable() {
        JwtValidator validator = validator(() -> {
            throw new IllegalStateException("bug");
        }, clock);
        assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> validator.validate(k1.sign(claims(clock))))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE));
    }

    @Test
    void validateWhenCachedSetIsServedDuringAnOutageThenCachedKidsStillAccepted() {
        FlakyJwksSource upstream = FlakyJwksSource.serving(JwkSet.of(k1.jwk()));
        JwtValidator validator = validator(cache(upstream), clock);
        String token = k1.sign(claims(clock));
        validator.validate(token);
        upstream.failWith("down");
        ticker.advance(Duration.ofHours(23));
        assertThat(validator.validate(token).key().kid()).contains("k1");
    }
}
