package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EC public-key validation against Wycheproof (F6, F8): the {@code public} JWKs of
 * {@code ecdh_secp{256,384,521}r1_webcrypto_test.json} (the ECDH part does not apply), and the curve
 * constants of {@code ec_prime_order_curves_test.json}.
 *
 * <p>A public key flagged as invalid (InvalidCurveAttack, ModifiedPublicPoint, InvalidPublic) is refused by
 * {@link Jwk#parse} with INVALID_KEY, or UNSUPPORTED_CURVE for a curve we do not take (P-256K). A key
 * flagged WrongCurve or ModifiedGroup may be a sound key of another supported curve: it then parses, but
 * it is refused for the group's curve ({@link Jwk#supports} is false for the group's ES algorithm).
 * Every other public key parses and fits the group's curve.
 */
class WycheproofEcPublicKeyTest {

    private static final Set<String> INVALID_PUBLIC_FLAGS =
            Set.of("InvalidCurveAttack", "InvalidPublic", "ModifiedPublicPoint", "WrongCurve", "ModifiedGroup");
    private static final Set<String> OFF_CURVE_FLAGS = Set.of("InvalidCurveAttack", "ModifiedPublicPoint");
    private static final Map<String, EcCurve> PRIME_ORDER_CURVES =
            Map.of("secp256r1", EcCurve.P_256, "secp384r1", EcCurve.P_384, "secp521r1", EcCurve.P_521);

    static Stream<WycheproofCase> webcryptoPublicKeys() {
        return Stream.of(
                VectorJson.cases("ecdh_secp256r1_webcrypto_test.json", "ecdh-p256"),
                VectorJson.cases("ecdh_secp384r1_webcrypto_test.json", "ecdh-p384"),
                VectorJson.cases("ecdh_secp521r1_webcrypto_test.json", "ecdh-p521"))
                .flatMap(List::stream);
    }

    static Stream<String> primeOrderCurves() {
        return curveTests().stream().map(t -> t.get("name").textValue()).filter(PRIME_ORDER_CURVES::containsKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webcryptoPublicKeys")
    void parseWhenWebcryptoPublicKeyThenInvalidPointsRefusedAndValidPointsAccepted(WycheproofCase c) {
        EcCurve groupCurve = EcCurve.forJwkName(c.groupString("curve")).orElseThrow();
        JwsAlgorithm groupAlg = JwsAlgorithm.forCurve(groupCurve.jwkName()).orElseThrow();
        List<String> flags = c.flags();
        boolean invalidPublic = flags.stream().anyMatch(INVALID_PUBLIC_FLAGS::contains);
        assertThat(invalidPublic).as("%s: the invalid results are exactly the invalid-public-key flags", c)
                .isEqualTo(c.isInvalid());
        String json = VectorJson.toJson(c.test().get("public"));
        String crv = c.test().get("public").get("crv").textValue();

        if (!invalidPublic) {
            Jwk key = Jwk.parse(json);
            assertThat(key.supports(groupAlg)).as("%s fits %s", c, groupAlg).isTrue();
            return;
        }
        if (flags.stream().anyMatch(OFF_CURVE_FLAGS::contains) || crv.equals(groupCurve.jwkName())) {
            assertThatExceptionOfType(JwkException.class).as("%s", c).isThrownBy(() -> Jwk.parse(json))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
            return;
        }
        Optional<EcCurve> other = EcCurve.forJwkName(crv);
        if (other.isEmpty() || other.get() == EcCurve.SECP256K1) {
            // P-256K (Key Vault's name) is not a JWK curve name here; secp256k1 has no JDK 17 provider.
            assertThatExceptionOfType(JwkException.class).as("%s", c).isThrownBy(() -> Jwk.parse(json))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.UNSUPPORTED_CURVE));
            return;
        }
        // WrongCurve / ModifiedGroup with a sound key of another supported curve: refused for this curve.
        Jwk key = Jwk.parse(json);
        assertThat(key.curve()).contains(other.get().jwkName());
        assertThat(key.supports(groupAlg)).as("%s must not fit %s", c, groupAlg).isFalse();
    }

    @Test
    void primeOrderCurvesWhenReadThenHoldsTheThreeJoseCurves() {
        assertThat(primeOrderCurves()).containsExactlyInAnyOrder("secp256r1", "secp384r1", "secp521r1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primeOrderCurves")
    void curveConstantsWhenComparedWithWycheproofThenEqualAndGeneratorOnCurve(String name) {
        JsonNode t = curveTests().stream().filter(n -> n.get("name").textValue().equals(name)).findFirst().orElseThrow();
        EcCurve curve = PRIME_ORDER_CURVES.get(name);
        BigInteger gx = VectorJson.bigInt(t.get("gx").textValue());
        BigInteger gy = VectorJson.bigInt(t.get("gy").textValue());

        assertThat(curve.oid()).isEqualTo(t.get("oid").textValue());
        assertThat(curve.p()).isEqualTo(VectorJson.bigInt(t.get("p").textValue()));
        assertThat(curve.order()).isEqualTo(VectorJson.bigInt(t.get("n").textValue()));
        assertThat(curve.spec().getCurve().getA()).isEqualTo(VectorJson.bigInt(t.get("a").textValue()));
        assertThat(curve.spec().getCurve().getB()).isEqualTo(VectorJson.bigInt(t.get("b").textValue()));
        assertThat(curve.spec().getGenerator().getAffineX()).isEqualTo(gx);
        assertThat(curve.spec().getGenerator().getAffineY()).isEqualTo(gy);
        assertThat(curve.spec().getCofactor()).isEqualTo(t.get("h").intValue());
        assertThat(curve.isOnCurve(gx, gy)).isTrue();
        assertThat(curve.isOnCurve(gx, gy.add(BigInteger.ONE))).isFalse();
        assertThat(curve.isOnCurve(gx, curve.p().subtract(gy))).as("-G is on the curve").isTrue();
    }

    private static List<JsonNode> curveTests() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode g : VectorJson.wycheproof("ec_prime_order_curves_test.json").get("testGroups")) {
            g.get("tests").forEach(out::add);
        }
        return out;
    }
}
