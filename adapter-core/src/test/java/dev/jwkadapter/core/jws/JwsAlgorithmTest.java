package dev.jwkadapter.core.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwsAlgorithmTest {

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void fromNameWhenExactJoseNameThenThatAlgorithm(JwsAlgorithm alg) {
        assertThat(JwsAlgorithm.fromName(alg.jwaName())).contains(alg);
        assertThat(alg.jwaName()).isEqualTo(alg.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "HS256", "HS384", "HS512", "rs256", "RS256 ", " RS256", "ES256K", "Ed25519", "Ed448",
            "EDDSA", "RSA-OAEP", "dir", ""})
    void fromNameWhenAnyOtherStringThenEmpty(String name) {
        assertThat(JwsAlgorithm.fromName(name)).isEmpty();
    }

    @Test
    void fromNameWhenNullThenEmpty() {
        assertThat(JwsAlgorithm.fromName(null)).isEmpty();
    }

    @Test
    void valuesWhenListedThenNoNoneAndNoHmac() {
        assertThat(Arrays.stream(JwsAlgorithm.values()).map(JwsAlgorithm::jwaName))
                .noneMatch(n -> n.equalsIgnoreCase("none") || n.startsWith("HS"))
                .containsExactly("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
    }

    @Test
    void propertiesWhenEachFamilyThenKeyTypeCurveDigestAndLengths() {
        assertThat(JwsAlgorithm.RS384.keyType()).isEqualTo("RSA");
        assertThat(JwsAlgorithm.RS384.curve()).isEmpty();
        assertThat(JwsAlgorithm.RS384.digestAlgorithm()).contains("SHA-384");
        assertThat(JwsAlgorithm.RS384.digestLength()).isEqualTo(48);
        assertThat(JwsAlgorithm.RS384.fixedSignatureLength()).isZero();
        assertThat(JwsAlgorithm.RS384.isRsa()).isTrue();
        assertThat(JwsAlgorithm.RS384.isPss()).isFalse();
        assertThat(JwsAlgorithm.PS512.isPss()).isTrue();
        assertThat(JwsAlgorithm.PS512.isRsa()).isTrue();
        assertThat(JwsAlgorithm.ES512.curve()).contains("P-521");
        assertThat(JwsAlgorithm.ES512.fixedSignatureLength()).isEqualTo(132);
        assertThat(JwsAlgorithm.ES384.fixedSignatureLength()).isEqualTo(96);
        assertThat(JwsAlgorithm.ES256.fixedSignatureLength()).isEqualTo(64);
        assertThat(JwsAlgorithm.ES256.isEcdsa()).isTrue();
        assertThat(JwsAlgorithm.EdDSA.keyType()).isEqualTo("OKP");
        assertThat(JwsAlgorithm.EdDSA.curve()).contains("Ed25519");
        assertThat(JwsAlgorithm.EdDSA.digestAlgorithm()).isEmpty();
        assertThat(JwsAlgorithm.EdDSA.fixedSignatureLength()).isEqualTo(64);
        assertThat(JwsAlgorithm.EdDSA.isEcdsa()).isFalse();
    }

    @Test
    void forCurveWhenJwkCurveNameThenEcdsaAlgorithm() {
        assertThat(JwsAlgorithm.forCurve("P-256")).contains(JwsAlgorithm.ES256);
        assertThat(JwsAlgorithm.forCurve("P-384")).contains(JwsAlgorithm.ES384);
        assertThat(JwsAlgorithm.forCurve("P-521")).contains(JwsAlgorithm.ES512);
        assertThat(JwsAlgorithm.forCurve("secp256k1")).isEmpty();
    }
}
