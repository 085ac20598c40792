package dev.jwkadapter.it;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.local.LocalKeyProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Shared values for the integration tests: issuer, audience, claims, validators, and one in-memory
 * {@link LocalKeyProvider} per algorithm, created once per JVM so the RSA keys are generated only once.
 */
final class ItFixtures {

    static final String ISSUER = "https://issuer.it.jwk-adapter.test";
    static final String AUDIENCE = "api://jwk-adapter-it";
    static final String OTHER_AUDIENCE = "api://someone-else";
    static final String SUBJECT = "svc-integration";
    static final String TENANT = "3f2c1a7e-tenant";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final Map<JwsAlgorithm, LocalKeyProvider> PROVIDERS = new EnumMap<>(JwsAlgorithm.class);

    private ItFixtures() {}

    /** The shared, read-only in-memory provider for {@code alg} (never rotate or retire it). */
    static synchronized LocalKeyProvider provider(JwsAlgorithm alg) {
        return PROVIDERS.computeIfAbsent(alg, a -> LocalKeyProvider.builder().inMemory().algorithm(a).build());
    }

    /** Claims with the test issuer, subject, tenant and {@code audience}, expiring in ten minutes. */
    static JwtClaims claims(String audience) {
        return JwtClaims.builder()
                .issuer(ISSUER)
                .subject(SUBJECT)
                .audience(audience)
                .expiresIn(LIFETIME)
                .claim("tid", TENANT)
                .build();
    }

    /** Claims for the test audience. */
    static JwtClaims claims() {
        return claims(AUDIENCE);
    }

    /** A validator of the test issuer and audience that trusts {@code keys} for {@code alg}. */
    static JwtValidator validator(JwkSet keys, JwsAlgorithm alg) {
        return validator(keys, alg, Clock.systemUTC());
    }

    /** A validator of the test issuer and audience that trusts {@code keys} for {@code alg}, at {@code clock}. */
    static JwtValidator validator(JwkSet keys, JwsAlgorithm alg, Clock clock) {
        return JwtValidator.builder()
                .jwks(JwksSource.of(keys))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .algorithms(alg)
                .clock(clock)
                .build();
    }

    /** The token with its payload replaced by {@code newPayloadJson}, keeping header and signature. */
    static String withPayload(String token, String newPayloadJson) {
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(newPayloadJson.getBytes(StandardCharsets.UTF_8));
        return token.substring(0, dot1 + 1) + payload + token.substring(dot2);
    }

    /** The decoded payload JSON of a compact JWS. */
    static String payloadJson(String token) {
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        return new String(Base64.getUrlDecoder().decode(token.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8);
    }

    /** Runs {@code call}, fails the test unless it throws {@link JwtValidationException}, and returns it. */
    static JwtValidationException rejection(ThrowingCallable call) {
        Throwable thrown = Assertions.catchThrowable(call);
        Assertions.assertThat(thrown).as("validation outcome").isInstanceOf(JwtValidationException.class);
        return (JwtValidationException) thrown;
    }
}
