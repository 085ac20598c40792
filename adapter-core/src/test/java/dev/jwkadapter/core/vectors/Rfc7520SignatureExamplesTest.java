package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import dev.jwkadapter.core.jws.JwsHeaderException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.RSAPrivateCrtKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7520 §4.1–4.4 (JWS examples) with the §3 keys (fixtures {@code vectors/rfc7520-section-3.json} and
 * {@code vectors/rfc7520-section-4.json}, typed from the RFC): §4.1 RS256 verifies and re-signs byte for
 * byte; §4.2 PS384 and §4.3 ES512 verify (both randomized); §4.4 HS256 is refused by a validator with
 * UNSUPPORTED_ALGORITHM. Through {@link dev.jwkadapter.core.jwt.JwtValidator} the payload (not a claim
 * set) fails only after the signature, as the claims-level MALFORMED.
 */
class Rfc7520SignatureExamplesTest {

    private static final JsonNode KEYS = VectorJson.resource("rfc7520-section-3.json");
    private static final JsonNode EXAMPLES = VectorJson.resource("rfc7520-section-4.json");
    private static final String KID = "bilbo.baggins@hobbiton.example";

    private static Jwk rsaKey() {
        return Jwk.parse(VectorJson.toJson(VectorJson.publicOnly(KEYS.get("rsa"))));
    }

    private static Jwk ecKey() {
        return Jwk.parse(VectorJson.toJson(VectorJson.publicOnly(KEYS.get("ecP521"))));
    }

    private static String compact(String section) {
        JsonNode e = EXAMPLES.get(section);
        return e.get("protected").textValue() + "." + EXAMPLES.get("payloadB64u").textValue() + "." + e.get("signature").textValue();
    }

    private static byte[] signingInput(String section) {
        return (EXAMPLES.get(section).get("protected").textValue() + "." + EXAMPLES.get("payloadB64u").textValue())
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] signature(String section) {
        return VectorJson.b64u(EXAMPLES.get(section).get("signature").textValue());
    }

    @Test
    void parseWhenSection3KeysThenPublicKeysUsableForSignatures() {
        Jwk rsa = rsaKey();
        Jwk ec = ecKey();

        assertThat(rsa.kid()).contains(KID);
        assertThat(rsa.use()).contains("sig");
        assertThat(rsa.keySize()).isEqualTo(2048);
        assertThat(ec.kid()).contains(KID);
        assertThat(ec.curve()).contains("P-521");
        assertThat(ec.supports(JwsAlgorithm.ES512)).isTrue();
        assertThat(rsa.supports(JwsAlgorithm.RS256)).isTrue();
        assertThat(rsa.supports(JwsAlgorithm.PS384)).isTrue();
    }

    @Test
    void deriveWhenSection32PrivateScalarThenSection32PublicPoint() {
        JsonNode k = KEYS.get("ecP521");

        ECPoint q = EcCurve.P_521.multiplyGenerator(VectorJson.b64uInt(k.get("d").textValue()));

        assertThat(q.getAffineX()).isEqualTo(VectorJson.b64uInt(k.get("x").textValue()));
        assertThat(q.getAffineY()).isEqualTo(VectorJson.b64uInt(k.get("y").textValue()));
    }

    @Test
    void decodeWhenExamplePayloadThenFrodoQuote() {
        assertThat(new String(VectorJson.b64u(EXAMPLES.get("payloadB64u").textValue()), StandardCharsets.UTF_8))
                .isEqualTo(EXAMPLES.get("payload").textValue())
                .startsWith("It\u2019s a dangerous business, Frodo");
    }

    @ParameterizedTest(name = "§{0} {1}")
    @CsvSource({"4.1, RS256", "4.2, PS384", "4.3, ES512"})
    void parseWhenExampleProtectedHeaderThenAlgorithmAndKid(String section, JwsAlgorithm alg) {
        String json = new String(VectorJson.b64u(EXAMPLES.get(section).get("protected").textValue()), StandardCharsets.UTF_8);

        JwsHeader header = JwsHeader.parse(json);

        assertThat(header.algorithm()).isEqualTo(alg);
        assertThat(header.keyId()).contains(KID);
    }

    @Test
    void verifyWhenSection41Rs256ThenValid() throws Exception {
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS256, rsaKey().toPublicKey(), signingInput("4.1"), signature("4.1")))
                .isTrue();
    }

    @Test
    void signWhenSection41WithSection34PrivateKeyThenSignatureByteEqual() throws Exception {
        JsonNode k = KEYS.get("rsa");
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                VectorJson.b64uInt(k.get("n").textValue()), VectorJson.b64uInt(k.get("e").textValue()),
                VectorJson.b64uInt(k.get("d").textValue()), VectorJson.b64uInt(k.get("p").textValue()),
                VectorJson.b64uInt(k.get("q").textValue()), VectorJson.b64uInt(k.get("dp").textValue()),
                VectorJson.b64uInt(k.get("dq").textValue()), VectorJson.b64uInt(k.get("qi").textValue())));

        assertThat(JcaSignatures.sign(JwsAlgorithm.RS256, privateKey, signingInput("4.1"))).isEqualTo(signature("4.1"));
    }

    @Test
    void verifyWhenSection42Ps384ThenValidAndNotUnderOtherParameters() throws Exception {
        byte[] input = signingInput("4.2");
        byte[] sig = signature("4.2");

        assertThat(JcaSignatures.verify(JwsAlgorithm.PS384, rsaKey().toPublicKey(), input, sig)).isTrue();
        assertThat(JcaSignatures.verify(JwsAlgorithm.PS256, rsaKey().toPublicKey(), input, sig)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS384, rsaKey().toPublicKey(), input, sig)).isFalse();
    }

    @Test
    void verifyWhenSection43Es512ThenValidWith132OctetSignature() throws Exception {
        assertThat(signature("4.3")).hasSize(132);
        assertThat(JcaSignatures.verify(JwsAlgorithm.ES512, ecKey().toPublicKey(), signingInput("4.3"), signature("4.3")))
                .isTrue();
    }

    @ParameterizedTest(name = "§{0}")
    @CsvSource({"4.1", "4.2", "4.3"})
    void validateWhenExampleAndSection3KeysThenSignatureAcceptedAndOnlyNonClaimsPayloadRefused(String section) {
        JwkSet keys = JwkSet.of(rsaKey(), ecKey()); // both keys share the kid; the validator picks by key type

        JoseOutcome outcome = JoseOutcome.validate(JoseOutcome.validator(keys), compact(section));

        outcome.assertVerdict("RFC 7520 §" + section, true, null);
        assertThat(outcome.reason()).contains(Reason.MALFORMED);
    }

    @Test
    void validateWhenSection44Hs256ThenUnsupportedAlgorithm() {
        JwkSet keys = JwkSet.of(rsaKey(), ecKey());

        JoseOutcome outcome = JoseOutcome.validate(JoseOutcome.validator(keys), compact("4.4"));

        outcome.assertVerdict("RFC 7520 §4.4", false, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void parseWhenSection44ProtectedHeaderThenUnsupportedAlgorithm() {
        String json = new String(VectorJson.b64u(EXAMPLES.get("4.4").get("protected").textValue()), StandardCharsets.UTF_8);

        assertThatExceptionOfType(JwsHeaderException.class)
                .isThrownBy(() -> JwsHeader.parse(json))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwsHeaderException.Reason.UNSUPPORTED_ALGORITHM));
    }
}
