package dev.jwkadapter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EcCurveTest {

    static Stream<Arguments> curves() {
        return Stream.of(
                Arguments.of(EcCurve.P_256, TestKeys.p256(), "P-256", "secp256r1", "1.2.840.10045.3.1.7", 32),
                Arguments.of(EcCurve.P_384, TestKeys.p384(), "P-384", "secp384r1", "1.3.132.0.34", 48),
                Arguments.of(EcCurve.P_521, TestKeys.p521(), "P-521", "secp521r1", "1.3.132.0.35", 66));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void lookupsWhenNamesOidsOrParametersThenTheSameCurve(EcCurve curve, TestKey key, String jwk, String jca, String oid, int len) {
        assertThat(EcCurve.forJwkName(jwk)).containsSame(curve);
        assertThat(EcCurve.forOid(oid)).containsSame(curve);
        assertThat(EcCurve.forParameters(((ECPublicKey) key.publicKey()).getParams())).containsSame(curve);
        assertThat(curve.jwkName()).isEqualTo(jwk);
        assertThat(curve.jcaName()).isEqualTo(jca);
        assertThat(curve.oid()).isEqualTo(oid);
        assertThat(curve.coordinateLength()).isEqualTo(len);
        assertThat(curve.scalarLength()).isEqualTo(len);
        assertThat(curve.toString()).isEqualTo(jwk);
    }

    @Test
    void lookupsWhenUnknownNameOrOidThenEmpty() {
        assertThat(EcCurve.forJwkName("P-192")).isEmpty();
        assertThat(EcCurve.forJwkName("p-256")).isEmpty();
        assertThat(EcCurve.forOid("1.2.3")).isEmpty();
        assertThat(EcCurve.forJwkName("secp256k1")).containsSame(EcCurve.SECP256K1);
        assertThat(EcCurve.SECP256K1.coordinateLength()).isEqualTo(32);
    }

    @ParameterizedTest
    @MethodSource("curves")
    void isOnCurveWhenPublicPointOrVariantsThenOnlyRealPointsPass(EcCurve curve, TestKey key) {
        ECPoint w = ((ECPublicKey) key.publicKey()).getW();
        BigInteger p = curve.p();
        assertThat(curve.isOnCurve(w.getAffineX(), w.getAffineY())).isTrue();
        assertThat(curve.isOnCurve(w.getAffineX(), p.subtract(w.getAffineY()))).isTrue();
        assertThat(curve.isOnCurve(w.getAffineX(), w.getAffineY().add(BigInteger.ONE))).isFalse();
        assertThat(curve.isOnCurve(BigInteger.ZERO, BigInteger.ZERO)).isFalse();
        assertThat(curve.isOnCurve(w.getAffineX().add(p), w.getAffineY())).isFalse();
        assertThat(curve.isOnCurve(w.getAffineX().negate(), w.getAffineY())).isFalse();
        assertThat(curve.isOnCurve(w.getAffineX(), w.getAffineY().subtract(p))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("curves")
    void multiplyGeneratorWhenPrivateScalarThenThePublicPoint(EcCurve curve, TestKey key) {
        BigInteger d = ((ECPrivateKey) key.privateKey()).getS();
        assertThat(curve.multiplyGenerator(d)).isEqualTo(((ECPublicKey) key.publicKey()).getW());
        ECPoint g = curve.spec().getGenerator();
        assertThat(curve.multiplyGenerator(BigInteger.ONE)).isEqualTo(g);
        assertThat(curve.multiplyGenerator(curve.order().subtract(BigInteger.ONE)))
                .isEqualTo(new ECPoint(g.getAffineX(), curve.p().subtract(g.getAffineY())));
        assertThatIllegalArgumentException().isThrownBy(() -> curve.multiplyGenerator(BigInteger.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> curve.multiplyGenerator(curve.order()));
    }

    @Test
    void toFixedWhenShorterLongerOrTooBigThenPaddedStrippedOrRefused() {
        assertThat(EcCurve.toFixed(BigInteger.ONE, 4)).containsExactly(0, 0, 0, 1);
        assertThat(EcCurve.toFixed(BigInteger.valueOf(0xFF), 1)).containsExactly(0xFF);
        assertThat(EcCurve.toFixed(BigInteger.valueOf(0xFF), 2)).containsExactly(0, 0xFF);
        assertThat(EcCurve.toFixed(BigInteger.ZERO, 2)).containsExactly(0, 0);
        assertThatIllegalArgumentException().isThrownBy(() -> EcCurve.toFixed(BigInteger.valueOf(0x1FF), 1));
    }
}
