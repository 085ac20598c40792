package dev.jwkadapter.core.jwks;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtValidator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared values and helpers for the JWKS tests. */
final class JwksFixtures {

    static final String ISSUER = "https://issuer.example";
    static final String AUDIENCE = "api://jwks-tests";
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private JwksFixtures() {}

    /** Claims that a validator built by {@link #validator} accepts at {@code clock}'s now. */
    static JwtClaims claims(Clock clock) {
        return JwtClaims.builder().issuer(ISSUER).subject("svc").audience(AUDIENCE)
                .clock(clock).expiresIn(Duration.ofMinutes(10)).build();
    }

    /** Claims as {@link #claims(Clock)}, with an extra claim. */
    static JwtClaims claims(Clock clock, String name, String value) {
        return JwtClaims.builder().issuer(ISSUER).subject("svc").audience(AUDIENCE).claim(name, value)
                .clock(clock).expiresIn(Duration.ofMinutes(10)).build();
    }

    /** An ES256 validator for {@link #ISSUER} / {@link #AUDIENCE} over {@code source}. */
    static JwtValidator validator(JwksSource source, Clock clock) {
        return JwtValidator.builder().jwks(source).issuer(ISSUER).audience(AUDIENCE)
                .algorithms(JwsAlgorithm.ES256).clock(clock).build();
    }

    /** The JWKS document of {@code keys}. */
    static String jwks(Es256Key... keys) {
        List<Jwk> jwks = new ArrayList<>();
        for (Es256Key k : keys) {
            jwks.add(k.jwk());
        }
        return JwkSet.of(jwks).toJson();
    }

    /** The kids of a set, in order. */
    static List<String> kids(JwkSet set) {
        List<String> out = new ArrayList<>();
        for (Jwk k : set.keys()) {
            out.add(k.kid().orElse("?"));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A well-formed ES256 token naming {@code kid} whose signature is zeros: cheap to make in bulk, and
     * rejected at key selection when {@code kid} is unknown.
     */
    static String unsignedToken(String kid) {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":4102444800}";
        return Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(new byte[64]);
    }

    /** The value at the given percentile (0–100) of {@code nanos}, in microseconds. */
    static long percentileMicros(List<Long> nanos, double percentile) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1000;
    }
}
