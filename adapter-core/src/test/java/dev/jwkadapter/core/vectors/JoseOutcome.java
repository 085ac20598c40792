package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The signature-level verdict of {@link JwtValidator} on JOSE test vectors whose payloads are not JWT
 * claim sets. The validator checks the signature before it parses the claims, so a token "passes the
 * signature" when it validates, or fails only with the claims-level MALFORMED (message starting
 * {@code "claims:"} or {@code "the payload is empty"}). Any other exception than
 * {@link JwtValidationException} propagates and fails the test (Wycheproof harness rule 3).
 */
final class JoseOutcome {

    /** Fixed validation time: the vectors carry no time claims, the clock only makes runs reproducible. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Wycheproof's name {@code ES521} for ES512 (README quirk 3). */
    static final Map<String, String> ALG_RENAMES = Map.of("ES521", "ES512");

    private final @Nullable Reason reason;
    private final String message;

    private JoseOutcome(@Nullable Reason reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    /** A validator trusting {@code keys}, allowing every algorithm and waiving all claim requirements. */
    static JwtValidator validator(JwkSet keys) {
        return JwtValidator.builder()
                .jwks(JwksSource.of(keys))
                .algorithms(JwsAlgorithm.values())
                .anyIssuer()
                .anyAudience()
                .allowMissingExpiration()
                .ignoreType()
                .clock(CLOCK)
                .build();
    }

    /** The trusted keys of a JOSE test group: {@code public}, else {@code private} made public. */
    static JwkSet trustedKeys(JsonNode group) {
        JsonNode keys = group.has("public") ? group.get("public") : group.get("private");
        return JwkSet.parse(VectorJson.publicKeySet(keys, ALG_RENAMES));
    }

    /** The compact token of a test; the one JSON-serialization test holds an object, passed on as JSON text. */
    static String token(JsonNode test, String member) {
        JsonNode t = test.get(member);
        return t.isTextual() ? t.textValue() : VectorJson.toJson(t);
    }

    static JoseOutcome validate(JwtValidator validator, String token) {
        try {
            validator.validate(token);
            return new JoseOutcome(null, "validated");
        } catch (JwtValidationException e) {
            return new JoseOutcome(e.reason(), Objects.requireNonNullElse(e.getMessage(), ""));
        }
    }

    /** True when the token got through the signature check. */
    boolean signatureAccepted() {
        return reason == null || (reason == Reason.MALFORMED
                && (message.startsWith("claims:") || message.startsWith("the payload is empty")));
    }

    Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Asserts the expected verdict: accepted up to the signature, or rejected (before or at the signature)
     * with {@code expectedReason} when one is given.
     */
    void assertVerdict(Object testName, boolean accept, @Nullable Reason expectedReason) {
        if (accept) {
            assertThat(signatureAccepted()).as("%s should pass the signature check, was %s", testName, this).isTrue();
            return;
        }
        assertThat(signatureAccepted()).as("%s should be rejected, was %s", testName, this).isFalse();
        if (expectedReason != null) {
            assertThat(reason).as("%s rejection reason (%s)", testName, this).isEqualTo(expectedReason);
        }
    }

    @Override
    public String toString() {
        return reason == null ? "validated" : reason + ": " + message;
    }
}
