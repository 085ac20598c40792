package dev.jwkadapter.core.jwk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwkTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(TestKeys.rsa2048(), "RSA", null, 2048, JwsAlgorithm.RS256),
                Arguments.of(TestKeys.rsa3072(), "RSA", null, 3072, JwsAlgorithm.PS256),
                Arguments.of(TestKeys.p256(), "EC", "P-256", 256, JwsAlgorithm.ES256),
                Arguments.of(TestKeys.p384(), "EC", "P-384", 384, JwsAlgorithm.ES384),
                Arguments.of(TestKeys.p521(), "EC", "P-521", 521, JwsAlgorithm.ES512),
                Arguments.of(TestKeys.ed25519(), "OKP", "Ed25519", 256, JwsAlgorithm.EdDSA));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void fromPublicKeyAndParseWhenSupportedKeyThenRoundTripAndVerifiesSignatures(TestKey key, String kty, String crv, int bits,
            JwsAlgorithm alg) throws Exception {
        Jwk jwk = Jwk.fromPublicKey(key.publicKey(), "kid-1");
        Jwk parsed = Jwk.parse(jwk.toJson());
        assertThat(parsed).isEqualTo(jwk).hasSameHashCodeAs(jwk);
        assertThat(parsed.kty()).isEqualTo(kty);
        assertThat(parsed.curve().orElse(null)).isEqualTo(crv);
        assertThat(parsed.keySize()).isEqualTo(bits);
        assertThat(parsed.kid()).contains("kid-1");
        assertThat(parsed.isUsable()).isTrue();
        assertThat(parsed.supports(alg)).isTrue();
        assertThat(parsed.mismatch(alg)).isEmpty();
        byte[] data = "a.b".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = key.sign(alg, data);
        assertThat(JcaSignatures.verify(alg, parsed.toPublicKey(), data, sig)).isTrue();
        assertThat(parsed.toPublicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
    }

    @ParameterizedTest
    @MethodSource("keys")
    void toJsonWhenAnyKeyThenPublicMembersOnly(TestKey key) {
        String json = key.jwk().toJson();
        for (String member : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"")) {
            assertThat(json).doesNotContain(member);
        }
        assertThat(key.jwk().toString()).doesNotContain(key.jwk().toJsonNode().path("n").asText("-none-"))
                .doesNotContain(key.jwk().toJsonNode().path("x").asText("-none-"));
    }

    @Test
    void fromPublicKeyWhenRsaThenMinimalMembersAndNoKidWhenNull() {
        Jwk jwk = TestKeys.rsa2048().jwk(null);
        assertThat(jwk.kid()).isEmpty();
        assertThat(jwk.memberNames()).containsExactlyInAnyOrder("kty", "n", "e");
        assertThat(jwk.toJsonNode().get("e").textValue()).isEqualTo("AQAB");
        assertThat(Base64Url.decode(jwk.toJsonNode().get("n").textValue())).hasSize(256);
    }

    @Test
    void fromPublicKeyWhenUnsupportedKeyThenJwkException() throws Exception {
        assertThatExceptionOfType(JwkException.class)
                .isThrownBy(() -> Jwk.fromPublicKey(TestKeys.x25519().getPublic(), "x"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.UNSUPPORTED_KEY_TYPE));
        var dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair().getPublic();
        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> Jwk.fromPublicKey(dsa, null));
    }

    @Test
    void copiesWhenKidAlgorithmUseOrMemberChangedThenCheckedAgain() {
        Jwk base = TestKeys.rsa2048().jwk();
        assertThat(base.withKid("other").kid()).contains("other");
        assertThat(base.withKid(null).kid()).isEmpty();
        Jwk bound = base.withAlgorithm(JwsAlgorithm.PS256);
        assertThat(bound.algorithm()).contains("PS256");
        assertThat(bound.jwsAlgorithm()).contains(JwsAlgorithm.PS256);
        assertThat(bound.supports(JwsAlgorithm.PS256)).isTrue();
        assertThat(bound.supports(JwsAlgorithm.RS256)).isFalse();
        assertThat(bound.mismatch(JwsAlgorithm.RS256)).hasValueSatisfying(m -> assertThat(m).contains("PS256"));
        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> base.withAlgorithm(JwsAlgorithm.ES256))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
        Jwk enc = base.withUse("enc");
        assertThat(enc.use()).contains("enc");
        assertThat(enc.supports(JwsAlgorithm.RS256)).isFalse();
        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> base.withUse("bogus"));
        Jwk issuer = base.withMember("issuer", "https://login.example/{tenantid}/v2.0");
        assertThat(issuer.member("issuer")).contains("https://login.example/{tenantid}/v2.0");
        assertThat(Jwk.parse(issuer.toJson()).member("issuer")).isEqualTo(issuer.member("issuer"));
        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> base.withMember("d", "AQAB"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.PRIVATE_KEY_MATERIAL));
    }

    @Test
    void mismatchWhenTypeCurveOrUseDoNotFitThenExplained() {
        Jwk p256 = TestKeys.p256().jwk();
        assertThat(p256.mismatch(JwsAlgorithm.RS256)).hasValueSatisfying(m -> assertThat(m).contains("EC").contains("RSA"));
        assertThat(p256.mismatch(JwsAlgorithm.ES384)).hasValueSatisfying(m -> assertThat(m).contains("P-256").contains("P-384"));
        Jwk ops = Jwk.parse(TestJwks.with(p256.toJson(), "key_ops", "[\"encrypt\"]"));
        assertThat(ops.keyOperations()).contains(List.of("encrypt"));
        assertThat(ops.supports(JwsAlgorithm.ES256)).isFalse();
        Jwk ed448 = TestKeys.ed448().jwk();
        assertThat(ed448.keySize()).isEqualTo(456);
        assertThat(ed448.supports(JwsAlgorithm.EdDSA)).isFalse();
    }

    @Test
    void parseWhenExtraPublicMembersThenKeptAndWrittenBack() {
        String json = TestJwks.withString(TestJwks.withString(TestKeys.p256().jwkJson(), "x5u", "https://x.example/c.pem"),
                "custom", "value");
        Jwk jwk = Jwk.parse(json);
        assertThat(jwk.member("custom")).contains("value");
        assertThat(jwk.memberNames()).contains("x5u", "custom");
        assertThat(Jwk.parse(jwk.toJson())).isEqualTo(jwk);
    }

    @Test
    void parseWhenNotAJsonObjectThenMalformed() {
        for (String bad : List.of("", "[]", "{", "{\"kty\":\"RSA\",\"kty\":\"RSA\"}", "null")) {
            assertThatExceptionOfType(JwkException.class).isThrownBy(() -> Jwk.parse(bad))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.MALFORMED));
        }
    }

    @Test
    void secp256k1WhenNoProviderThenListedButNotUsable() {
        String gx = Base64Url.encode(dev.jwkadapter.core.internal.EcCurve.toFixed(
                dev.jwkadapter.core.internal.EcCurve.SECP256K1.spec().getGenerator().getAffineX(), 32));
        String gy = Base64Url.encode(dev.jwkadapter.core.internal.EcCurve.toFixed(
                dev.jwkadapter.core.internal.EcCurve.SECP256K1.spec().getGenerator().getAffineY(), 32));
        Jwk k1 = Jwk.parse("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"" + gx + "\",\"y\":\"" + gy + "\"}");
        assertThat(k1.curve()).contains("secp256k1");
        assertThat(k1.keySize()).isEqualTo(256);
        if (!k1.isUsable()) {
            assertThatExceptionOfType(JwkException.class).isThrownBy(k1::toPublicKey)
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.UNSUPPORTED_CURVE));
        }
        assertThat(k1.supports(JwsAlgorithm.ES256)).isFalse();
    }

    @Test
    void toStringWhenKidHasControlCharactersThenSanitized() {
        Jwk jwk = TestKeys.rsa2048().jwk("a\r\nb\u0000c");
        assertThat(jwk.toString()).contains("kid=a??b?c").doesNotContain("\r").doesNotContain("\n");
        assertThat(jwk.toString()).contains("kty=RSA").contains("bits=2048");
    }

    @Test
    void thumbprintWhenComputedTwiceThenStableAndIndependentOfKid() {
        Jwk a = TestKeys.p384().jwk("a");
        Jwk b = TestKeys.p384().jwk("b");
        assertThat(a.thumbprint()).isEqualTo(b.thumbprint()).isEqualTo(a.thumbprint()).hasSize(43);
        assertThat(a.thumbprint()).isNotEqualTo(TestKeys.p256().jwk("a").thumbprint());
    }

    @Test
    void exceptionWhenCreatedThenReasonAndToString() {
        JwkException e = new JwkException(JwkException.Reason.INVALID_KEY, "bad");
        assertThat(e.reason()).isEqualTo(JwkException.Reason.INVALID_KEY);
        assertThat(e).hasToString("JwkException[INVALID_KEY]: bad");
    }
}
