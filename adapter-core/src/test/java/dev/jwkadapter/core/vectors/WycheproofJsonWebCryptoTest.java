package dev.jwkadapter.core.vectors;

import static dev.jwkadapter.core.jwt.JwtValidationException.Reason.BAD_SIGNATURE;
import static dev.jwkadapter.core.jwt.JwtValidationException.Reason.MALFORMED;
import static dev.jwkadapter.core.jwt.JwtValidationException.Reason.UNKNOWN_KEY;
import static dev.jwkadapter.core.jwt.JwtValidationException.Reason.UNSUPPORTED_ALGORITHM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.JwkSet;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code json_web_crypto_test.json}, the older JWS+JWE set. The JWS groups (tcIds 1–49) run
 * like {@link WycheproofJsonWebSignatureTest}; the JWE groups (tcIds 50–83) do not apply to a JWS
 * validator, and fed to it each one must be refused as MALFORMED or UNSUPPORTED_ALGORITHM (A5, D6).
 *
 * <p>Documented exceptions: the valid HS256 vectors 1 and 48 are refused (no HMAC); the ROCA key
 * (tcId 46, F17, optional) is not detected, so its token passes the signature check.
 */
class WycheproofJsonWebCryptoTest {

    private static final String FILE = "json_web_crypto_test.json";
    private static final String NO_HMAC = "no HMAC in this library: an HS256 token is always refused (README quirk 5)";

    static final Map<Integer, JoseExpectation> EXPECTATIONS;

    static {
        Map<Integer, JoseExpectation> m = JoseExpectation.newTable();
        JoseExpectation.put(m, JoseExpectation.deviation(UNSUPPORTED_ALGORITHM, NO_HMAC), 1, 48);
        JoseExpectation.put(m, JoseExpectation.acceptedDeviation(
                "F17: ROCA-vulnerable moduli are not detected (optional higher bar)"), 46);
        JoseExpectation.put(m, JoseExpectation.rejected(UNSUPPORTED_ALGORITHM), 2, 3, 5, 6, 8, 16, 31, 47, 49);
        JoseExpectation.put(m, JoseExpectation.rejected(MALFORMED),
                4, 7, 9, 10, 11, 12, 13, 14, 15, 17,
                21, 24, 26, 27, 28, 29, 30,
                36, 39, 41, 42, 43, 44, 45);
        JoseExpectation.put(m, JoseExpectation.rejected(BAD_SIGNATURE), 19, 20, 22, 23, 32, 34, 35, 37, 38);
        JoseExpectation.put(m, JoseExpectation.rejected(UNKNOWN_KEY), 25, 40);
        EXPECTATIONS = Collections.unmodifiableMap(m);
    }

    static Stream<WycheproofCase> jwsCases() {
        return VectorJson.cases(FILE, "jwcrypto").stream().filter(c -> c.test().has("jws"));
    }

    static Stream<WycheproofCase> jweCases() {
        return VectorJson.cases(FILE, "jwcrypto").stream().filter(c -> c.test().has("jwe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jwsCases")
    void validateWhenJwsVectorThenVerdictMatchesLabelOrDocumentedException(WycheproofCase c) {
        JwkSet keys = JoseOutcome.trustedKeys(c.group());
        JoseOutcome outcome = JoseOutcome.validate(JoseOutcome.validator(keys), JoseOutcome.token(c.test(), "jws"));
        JoseExpectation e = EXPECTATIONS.getOrDefault(c.tcId(), JoseExpectation.fromLabel(c));
        outcome.assertVerdict(c, e.accept(), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jweCases")
    void validateWhenJweFedToJwsValidatorThenMalformedOrUnsupportedAlgorithm(WycheproofCase c) {
        assertThat(c.tcId()).isBetween(50, 83);
        JwkSet keys = JoseOutcome.trustedKeys(c.group());
        JoseOutcome outcome = JoseOutcome.validate(JoseOutcome.validator(keys), JoseOutcome.token(c.test(), "jwe"));
        outcome.assertVerdict(c, false, null);
        assertThat(outcome.reason()).as("%s: %s", c, outcome).get().isIn(MALFORMED, UNSUPPORTED_ALGORITHM);
    }
}
