package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof RSASSA-PKCS1-v1_5 vectors: verification ({@code rsa_signature_*}, E6–E8), deterministic
 * signing ({@code rsa_pkcs1_{2048,3072,4096}_sig_gen}, J2) and the refusal of 1024-bit keys
 * ({@code rsa_pkcs1_1024_sig_gen}, J1/F1).
 *
 * <p>Decisions pinned here: the {@code acceptable} MissingNull vectors (tcId 8 of every
 * {@code rsa_signature} file) verify, as the JDK does (E8). Keys with e = 3 (flag SmallPublicKey) are
 * refused by {@link Jwk#parse} with INVALID_KEY (F3): their {@code valid} vectors count as key rejections,
 * and the test shows that the signature itself verifies under the raw JCA key, so only the key policy
 * rejects them. Groups with SHA-1 or SHA-224 have no JOSE algorithm and are not run.
 */
class WycheproofRsaPkcs1Test {

    private static final BigInteger F4 = BigInteger.valueOf(65537);

    static Stream<WycheproofCase> signatureFiles() {
        return Stream.of(2048, 3072, 4096).flatMap(bits -> Stream.of(256, 384, 512).flatMap(sha -> {
            String file = "rsa_signature_" + bits + "_sha" + sha + "_test.json";
            return VectorJson.cases(file, "rsa" + bits + "-sha" + sha).stream();
        }));
    }

    static Stream<WycheproofCase> sigGenFiles() {
        return Stream.of(2048, 3072, 4096)
                .flatMap(bits -> VectorJson.cases("rsa_pkcs1_" + bits + "_sig_gen_test.json", "sig-gen-" + bits).stream())
                .filter(c -> algorithm(c.group()).isPresent());
    }

    static Stream<WycheproofCase> sigGen1024() {
        return VectorJson.cases("rsa_pkcs1_1024_sig_gen_test.json", "sig-gen-1024").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureFiles")
    void verifyWhenRsaSignatureVectorThenOutcomeMatchesLabel(WycheproofCase c) throws Exception {
        JwsAlgorithm alg = algorithm(c.group()).orElseThrow();
        byte[] msg = c.testHex("msg");
        byte[] sig = c.testHex("sig");
        boolean expected = expectedVerdict(c);
        BigInteger e = VectorJson.bigInt(c.group().get("publicKey").get("publicExponent").textValue());
        if (e.compareTo(F4) < 0) {
            // Documented key-policy exception (F3, README quirk 7): the key is refused, so the vector is rejected.
            assertThatExceptionOfType(JwkException.class)
                    .isThrownBy(() -> Jwk.parse(VectorJson.toJson(c.group().get("keyJwk"))))
                    .satisfies(ex -> assertThat(ex.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
            assertThat(JcaSignatures.verify(alg, rawPublicKey(c.group().get("publicKey")), msg, sig))
                    .as("%s under the raw e=%s key", c, e).isEqualTo(expected);
            return;
        }
        Jwk key = Jwk.parse(VectorJson.toJson(c.group().get("keyJwk")));
        assertThat(key.supports(alg)).as("key of %s fits %s", c, alg).isTrue();
        boolean verified = JcaSignatures.verify(alg, key.toPublicKey(), msg, sig);
        c.assertOutcome(expected, verified, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigGenFiles")
    void signWhenSigGenVectorThenSignatureIsByteEqualAndVerifies(WycheproofCase c) throws Exception {
        JwsAlgorithm alg = algorithm(c.group()).orElseThrow();
        byte[] msg = c.testHex("msg");
        byte[] expectedSig = c.testHex("sig");
        PrivateKey privateKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(VectorJson.hex(c.groupString("privateKeyPkcs8"))));

        assertThat(JcaSignatures.sign(alg, privateKey, msg)).as("%s signature (PKCS#1 v1.5 is deterministic)", c)
                .isEqualTo(expectedSig);

        BigInteger e = VectorJson.bigInt(c.group().get("privateKey").get("publicExponent").textValue());
        if (e.compareTo(F4) < 0) {
            // acceptable (SmallPublicKey): decision, the key is refused for publication and verification (F3).
            assertThat(c.result()).isEqualTo("acceptable");
            assertThatExceptionOfType(JwkException.class)
                    .isThrownBy(() -> Jwk.parse(VectorJson.toJson(c.group().get("keyJwk"))))
                    .satisfies(ex -> assertThat(ex.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
            assertThat(JcaSignatures.verify(alg, rawPublicKey(c.group().get("privateKey")), msg, expectedSig)).isTrue();
            return;
        }
        assertThat(c.isValid()).as("%s label", c).isTrue();
        Jwk key = Jwk.parse(VectorJson.toJson(c.group().get("keyJwk")));
        assertThat(JcaSignatures.verify(alg, key.toPublicKey(), msg, expectedSig)).as("%s verifies", c).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigGen1024")
    void parseWhen1024BitKeyThenInvalidKey(WycheproofCase c) {
        JsonNode pk = c.group().get("privateKey");
        BigInteger n = VectorJson.bigInt(pk.get("modulus").textValue());
        assertThat(n.bitLength()).isEqualTo(1024);
        String jwk = VectorJson.rsaJwk(n, VectorJson.bigInt(pk.get("publicExponent").textValue()));
        assertThatExceptionOfType(JwkException.class)
                .isThrownBy(() -> Jwk.parse(jwk))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
        JsonNode keyJwk = c.group().get("keyJwk");
        if (keyJwk != null) {
            assertThatExceptionOfType(JwkException.class)
                    .isThrownBy(() -> Jwk.parse(VectorJson.toJson(keyJwk)))
                    .satisfies(ex -> assertThat(ex.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
        }
    }

    /** valid → verifies; invalid → rejected; acceptable MissingNull → verifies (E8); no other acceptable is decided. */
    private static boolean expectedVerdict(WycheproofCase c) {
        switch (c.result()) {
            case "valid":
                return true;
            case "invalid":
                return false;
            default:
                if (c.flags().equals(List.of("MissingNull"))) {
                    return true;
                }
                return fail("%s: acceptable vector with flags %s has no recorded decision", c, c.flags());
        }
    }

    static Optional<JwsAlgorithm> algorithm(JsonNode group) {
        switch (group.get("sha").textValue()) {
            case "SHA-256": return Optional.of(JwsAlgorithm.RS256);
            case "SHA-384": return Optional.of(JwsAlgorithm.RS384);
            case "SHA-512": return Optional.of(JwsAlgorithm.RS512);
            default: return Optional.empty();
        }
    }

    private static PublicKey rawPublicKey(JsonNode key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                VectorJson.bigInt(key.get("modulus").textValue()), VectorJson.bigInt(key.get("publicExponent").textValue())));
    }
}
