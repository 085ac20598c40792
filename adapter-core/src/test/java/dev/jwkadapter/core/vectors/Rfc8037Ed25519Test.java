package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 8037 Appendix A.1–A.5: the Ed25519 example key, its RFC 7638 thumbprint, and the EdDSA example
 * JWS. Ed25519 is deterministic, so re-signing the example input with the private key through the JDK
 * gives the RFC's signature byte for byte.
 */
class Rfc8037Ed25519Test {

    /** A.1: the private key (seed {@code d}) and A.2: the public key {@code x}. */
    private static final String D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String PRIVATE_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + D + "\",\"x\":\"" + X + "\"}";
    private static final String PUBLIC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}";

    /** A.3: the thumbprint of the A.2 key. */
    private static final String THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    /** A.4: protected header {"alg":"EdDSA"}, payload "Example of Ed25519 signing", and the signature. */
    private static final String HEADER = "eyJhbGciOiJFZERTQSJ9";
    private static final String PAYLOAD = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    private static final String SIGNATURE =
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    private static final byte[] SIGNING_INPUT = (HEADER + "." + PAYLOAD).getBytes(StandardCharsets.US_ASCII);

    @Test
    void parseWhenPublicKeyOfA2ThenEd25519KeyFittingEdDsa() {
        Jwk key = Jwk.parse(PUBLIC_JWK);

        assertThat(key.kty()).isEqualTo("OKP");
        assertThat(key.curve()).contains("Ed25519");
        assertThat(key.supports(JwsAlgorithm.EdDSA)).isTrue();
        assertThat(key.toPublicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
    }

    @Test
    void parseWhenPrivateKeyOfA1ThenRefusedAsPrivateMaterial() {
        assertThatExceptionOfType(JwkException.class)
                .isThrownBy(() -> Jwk.parse(PRIVATE_JWK))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.PRIVATE_KEY_MATERIAL));
    }

    @Test
    void thumbprintWhenA2KeyThenA3Value() {
        assertThat(Jwk.parse(PUBLIC_JWK).thumbprint()).isEqualTo(THUMBPRINT);
        assertThat(Jwk.parse(PUBLIC_JWK.replace("{", "{\"kid\":\"x\",\"use\":\"sig\",")).thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void deriveWhenA1SeedThenA2PublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(VectorJson.b64u(D)));
        PublicKey derived = generator.generateKeyPair().getPublic();

        Jwk jwk = Jwk.fromPublicKey(derived, null);

        assertThat(jwk.member("x")).contains(X);
        assertThat(jwk.thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void signWhenA1PrivateKeyThenA4SignatureByteEqual() throws Exception {
        assertThat(JwsHeader.parse(new String(VectorJson.b64u(HEADER), StandardCharsets.UTF_8)).algorithm())
                .isEqualTo(JwsAlgorithm.EdDSA);
        assertThat(new String(VectorJson.b64u(PAYLOAD), StandardCharsets.UTF_8)).isEqualTo("Example of Ed25519 signing");
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, VectorJson.b64u(D)));

        byte[] signature = JcaSignatures.sign(JwsAlgorithm.EdDSA, privateKey, SIGNING_INPUT);

        assertThat(signature).isEqualTo(VectorJson.b64u(SIGNATURE));
    }

    @Test
    void verifyWhenA4SignatureThenValidAsA5() throws Exception {
        PublicKey key = Jwk.parse(PUBLIC_JWK).toPublicKey();

        assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, key, SIGNING_INPUT, VectorJson.b64u(SIGNATURE))).isTrue();
    }

    @Test
    void verifyWhenA4SignatureAlteredThenInvalid() throws Exception {
        PublicKey key = Jwk.parse(PUBLIC_JWK).toPublicKey();
        byte[] sig = VectorJson.b64u(SIGNATURE);
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        byte[] withGarbage = new byte[65]; // E11: one 0x00 appended
        System.arraycopy(sig, 0, withGarbage, 0, 64);

        assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, key, SIGNING_INPUT, flipped)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, key, SIGNING_INPUT, withGarbage)).isFalse();
    }

    /** A "random" source that returns the A.1 seed, so the JDK generator derives the A.1 key pair. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
