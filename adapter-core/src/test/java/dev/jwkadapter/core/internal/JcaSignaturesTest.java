package dev.jwkadapter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JcaSignaturesTest {

    private static TestKey keyFor(JwsAlgorithm alg) {
        switch (alg) {
            case ES256: return TestKeys.p256();
            case ES384: return TestKeys.p384();
            case ES512: return TestKeys.p521();
            case EdDSA: return TestKeys.ed25519();
            default: return TestKeys.rsa2048();
        }
    }

    private static PublicKey otherKeyFor(JwsAlgorithm alg) throws Exception {
        switch (alg) {
            case ES256: return TestKeys.freshEc("o", "secp256r1", alg).publicKey();
            case ES384: return TestKeys.freshEc("o", "secp384r1", alg).publicKey();
            case ES512: return TestKeys.freshEc("o", "secp521r1", alg).publicKey();
            case EdDSA: return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
            default: return TestKeys.rsa2048Other().publicKey();
        }
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void signAndVerifyWhenEveryAlgorithmThenRoundTripsInJoseForm(JwsAlgorithm alg) throws Exception {
        TestKey key = keyFor(alg);
        byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = JcaSignatures.sign(alg, key.privateKey(), data);
        assertThat(sig).hasSize(alg.fixedSignatureLength() == 0 ? 256 : alg.fixedSignatureLength());
        assertThat(JcaSignatures.verify(alg, key.publicKey(), data, sig)).isTrue();
        assertThat(JcaSignatures.verify(alg, key.publicKey(), "header.payloaD".getBytes(StandardCharsets.US_ASCII), sig)).isFalse();
        assertThat(JcaSignatures.verify(alg, otherKeyFor(alg), data, sig)).isFalse();
    }

    @Test
    void jcaNameWhenAlgorithmsThenStandardNames() {
        assertThat(JcaSignatures.jcaName(JwsAlgorithm.RS256)).isEqualTo("SHA256withRSA");
        assertThat(JcaSignatures.jcaName(JwsAlgorithm.RS512)).isEqualTo("SHA512withRSA");
        assertThat(JcaSignatures.jcaName(JwsAlgorithm.PS384)).isEqualTo("RSASSA-PSS");
        assertThat(JcaSignatures.jcaName(JwsAlgorithm.ES384)).isEqualTo("SHA384withECDSAinP1363Format");
        assertThat(JcaSignatures.jcaName(JwsAlgorithm.EdDSA)).isEqualTo("Ed25519");
    }

    @Test
    void pssParametersWhenPsAlgorithmsThenSameHashForMgf1AndSaltOfHashLength() {
        PSSParameterSpec ps384 = JcaSignatures.pssParameters(JwsAlgorithm.PS384);
        assertThat(ps384.getDigestAlgorithm()).isEqualTo("SHA-384");
        assertThat(ps384.getMGFAlgorithm()).isEqualTo("MGF1");
        assertThat(((MGF1ParameterSpec) ps384.getMGFParameters()).getDigestAlgorithm()).isEqualTo("SHA-384");
        assertThat(ps384.getSaltLength()).isEqualTo(48);
        assertThat(ps384.getTrailerField()).isEqualTo(1);
        assertThat(JcaSignatures.pssParameters(JwsAlgorithm.PS256).getSaltLength()).isEqualTo(32);
        assertThat(JcaSignatures.pssParameters(JwsAlgorithm.PS512).getSaltLength()).isEqualTo(64);
    }

    @Test
    void wellFormedWhenLengthsOrRangesWrongThenFalseBeforeTheJca() {
        TestKey p256 = TestKeys.p256();
        byte[] valid = new byte[64];
        valid[31] = 1;
        valid[63] = 1;
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.ES256, p256.publicKey(), valid)).isTrue();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.ES256, p256.publicKey(), new byte[64])).isFalse();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.ES256, p256.publicKey(), new byte[63])).isFalse();
        byte[] sMax = valid.clone();
        java.util.Arrays.fill(sMax, 32, 64, (byte) 0xFF);
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.ES256, p256.publicKey(), sMax)).isFalse();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.RS256, TestKeys.rsa2048().publicKey(), new byte[256])).isTrue();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.RS256, TestKeys.rsa2048().publicKey(), new byte[255])).isFalse();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.RS256, p256.publicKey(), new byte[256])).isFalse();
        assertThat(JcaSignatures.wellFormed(JwsAlgorithm.EdDSA, TestKeys.ed25519().publicKey(), new byte[65])).isFalse();
    }
}
