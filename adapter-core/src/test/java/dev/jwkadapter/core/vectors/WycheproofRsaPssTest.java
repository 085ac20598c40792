package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof RSASSA-PSS vectors (E9, E10). The files whose (hash, MGF1 hash, salt length) equal a JOSE
 * parameter set (RFC 7518 §3.5) are verified as PS256/384/512: every valid vector verifies, every invalid
 * one is rejected. The negative sets are verified under the fixed JOSE parameters:
 * {@code rsa_pss_2048_sha256_mgf1_0} as PS256 (only tcId 69, "s_len changed to 32", verifies) and
 * {@code rsa_pss_misc} under each of PS256/384/512 (only tcIds 76, 113 and 150, the JOSE sets, verify).
 */
class WycheproofRsaPssTest {

    /** (file, algorithm) for the files that are JOSE parameter sets. */
    private static final Map<String, JwsAlgorithm> JOSE_FILES = Map.of(
            "rsa_pss_2048_sha256_mgf1_32_test.json", JwsAlgorithm.PS256,
            "rsa_pss_3072_sha256_mgf1_32_test.json", JwsAlgorithm.PS256,
            "rsa_pss_4096_sha256_mgf1_32_test.json", JwsAlgorithm.PS256,
            "rsa_pss_2048_sha384_mgf1_48_test.json", JwsAlgorithm.PS384,
            "rsa_pss_4096_sha384_mgf1_48_test.json", JwsAlgorithm.PS384,
            "rsa_pss_4096_sha512_mgf1_64_test.json", JwsAlgorithm.PS512);

    private static final Set<Integer> MGF1_0_VERIFYING_AS_PS256 = Set.of(69);
    private static final Map<Integer, JwsAlgorithm> MISC_VERIFYING = Map.of(
            76, JwsAlgorithm.PS256, 113, JwsAlgorithm.PS384, 150, JwsAlgorithm.PS512);

    static Stream<WycheproofCase> joseParameterSets() {
        return JOSE_FILES.keySet().stream().sorted()
                .flatMap(f -> VectorJson.cases(f, f.replace("rsa_pss_", "pss-").replace("_test.json", "")).stream());
    }

    static Stream<WycheproofCase> mgf1Salt0() {
        return VectorJson.cases("rsa_pss_2048_sha256_mgf1_0_test.json", "pss-2048_sha256_mgf1_0").stream();
    }

    static Stream<WycheproofCase> misc() {
        return VectorJson.cases("rsa_pss_misc_test.json", "pss-misc").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joseParameterSets")
    void verifyWhenJoseParameterSetVectorThenOutcomeMatchesLabel(WycheproofCase c) throws Exception {
        JwsAlgorithm alg = JOSE_FILES.get(c.file());
        JsonNode g = c.group();
        assertThat(g.get("sha").textValue()).isEqualTo(alg.digestAlgorithm().orElseThrow());
        assertThat(g.get("mgfSha").textValue()).isEqualTo(alg.digestAlgorithm().orElseThrow());
        assertThat(g.get("sLen").asInt()).isEqualTo(alg.digestLength());
        Jwk key = Jwk.parse(VectorJson.toJson(g.get("publicKeyJwk")));
        assertThat(key.supports(alg)).as("key of %s fits %s", c, alg).isTrue();
        boolean verified = JcaSignatures.verify(alg, key.toPublicKey(), c.testHex("msg"), c.testHex("sig"));
        c.assertOutcome(c.isValid(), verified, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mgf1Salt0")
    void verifyWhenSaltLengthZeroVectorVerifiedAsPs256ThenOnlyTcId69Verifies(WycheproofCase c) throws Exception {
        Jwk key = Jwk.parse(rsaJwkOf(c.group()));
        boolean verified = JcaSignatures.verify(JwsAlgorithm.PS256, key.toPublicKey(), c.testHex("msg"), c.testHex("sig"));
        assertThat(verified).as("%s verified under PS256 (salt 32)", c).isEqualTo(MGF1_0_VERIFYING_AS_PS256.contains(c.tcId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misc")
    void verifyWhenMiscParameterSetVerifiedUnderJoseParametersThenOnlyJoseSetsVerify(WycheproofCase c) throws Exception {
        Jwk key = Jwk.parse(rsaJwkOf(c.group()));
        Set<JwsAlgorithm> verifying = EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm alg : EnumSet.of(JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512)) {
            if (JcaSignatures.verify(alg, key.toPublicKey(), c.testHex("msg"), c.testHex("sig"))) {
                verifying.add(alg);
            }
        }
        JwsAlgorithm expected = MISC_VERIFYING.get(c.tcId());
        assertThat(verifying).as("%s (sha %s, mgf %s, sLen %s) verified under", c, c.groupString("sha"),
                c.groupString("mgfSha"), c.groupString("sLen"))
                .isEqualTo(expected == null ? EnumSet.noneOf(JwsAlgorithm.class) : EnumSet.of(expected));
    }

    private static String rsaJwkOf(JsonNode group) {
        JsonNode pk = group.get("publicKey");
        BigInteger n = VectorJson.bigInt(pk.get("modulus").textValue());
        BigInteger e = VectorJson.bigInt(pk.get("publicExponent").textValue());
        return VectorJson.rsaJwk(n, e);
    }
}
