package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertJwkRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.capture;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.HttpJwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.security.SecurityAssertions.Action;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md §F: JWK / JWKS parsing and key validation (RFC 7517, RFC 7518 §6, RFC 8037). */
class JwkCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final TestKey P256 = TestKeys.p256();
    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final Random RANDOM = new Random(7638);

    /** A random odd integer of exactly {@code bits} bits (not a valid modulus, but the checks come first). */
    private static BigInteger oddOfBits(int bits) {
        return new BigInteger(bits - 1, RANDOM).setBit(bits - 1).setBit(0);
    }

    private static Arguments args(String name, Object... rest) {
        Object[] a = rest.clone();
        a[0] = Named.of(name, rest[0]);
        return Arguments.of(a);
    }

    private static Action parses(String json) {
        return () -> assertThat(Jwk.parse(json).isUsable()).isTrue();
    }

    private static Action refused(String json, JwkException.Reason reason) {
        return () -> assertJwkRejected(() -> Jwk.parse(json), reason);
    }

    /** A validator over a set with {@code entry} (kid {@code kid}) and the default RSA key. */
    private static JwtValidator validatorWith(String entry) {
        return TestJwts.validator(TestJwks.parse(RSA.jwkJson(), entry), Tokens.ALL).build();
    }

    static Stream<Arguments> f1Sizes() {
        return Stream.of(Arguments.of(1024, JwkException.Reason.INVALID_KEY), Arguments.of(2047, JwkException.Reason.INVALID_KEY),
                Arguments.of(2048, null));
    }

    /** F1: refused when parsed, and a token naming such a key is refused when verifying (INVALID_KEY). */
    @ParameterizedTest(name = "[{index}] RSA {0} bits -> {1}")
    @MethodSource("f1Sizes")
    void F1_parseAndValidateWhenRsaModulusShorterThan2048BitsThenInvalidKey(int bits, JwkException.Reason expected) {
        String json = TestJwks.rsa("rsa-" + bits, oddOfBits(bits), F4);
        if (expected == null) {
            assertThat(Jwk.parse(json).keySize()).isEqualTo(bits);
            assertAccepted(TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).build(), TestJwts.token(RSA));
            return;
        }
        assertJwkRejected(() -> Jwk.parse(json), expected);
        JwkSet set = TestJwks.parse(RSA.jwkJson(), json);
        assertThat(set.findRejected("rsa-" + bits)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(expected));
        assertRejected(validatorWith(json), TestJwts.builder(RSA).kid("rsa-" + bits).build(), Reason.INVALID_KEY);
        if (bits == 1024) { // a genuine 1024-bit key and a genuine signature by it
            TestKey weak = TestKeys.freshRsa("weak", 1024);
            String weakJson = TestJwks.rsa("weak", weak.modulus(), F4);
            assertRejected(validatorWith(weakJson), TestJwts.token(weak), Reason.INVALID_KEY);
        }
    }

    @ParameterizedTest(name = "[{index}] {0} leading zero octets")
    @ValueSource(ints = {1, 3})
    void F2_parseWhenRsaModulusHasLeadingZeroOctetsThenAcceptedAndSizedFromTheInteger(int zeros) {
        byte[] n = TestJwks.unsigned(RSA.modulus());
        byte[] padded = new byte[n.length + zeros];
        System.arraycopy(n, 0, padded, zeros, n.length);
        String json = "{\"kty\":\"RSA\",\"kid\":\"rsa-2048\",\"n\":\"" + Base64Url.encode(padded) + "\",\"e\":\"AQAB\"}";
        Jwk jwk = Jwk.parse(json);
        assertThat(jwk.keySize()).isEqualTo(2048);
        assertThat(jwk.thumbprint()).isEqualTo(RSA.jwk().thumbprint());
        assertAccepted(TestJwts.validator(JwkSet.of(jwk), JwsAlgorithm.RS256).build(), TestJwts.token(RSA));
    }

    static Stream<Arguments> f3Exponents() {
        BigInteger n = RSA.modulus();
        return Stream.of(
                args("e = 1", BigInteger.ONE, JwkException.Reason.INVALID_KEY),
                args("e = 0", BigInteger.ZERO, JwkException.Reason.INVALID_KEY),
                args("e = 0xFF (a negative two's-complement octet, read unsigned)", BigInteger.valueOf(255), JwkException.Reason.INVALID_KEY),
                args("e = 3 (decision: refused, NIST SP 800-56B wants e > 2^16)", BigInteger.valueOf(3), JwkException.Reason.INVALID_KEY),
                args("e = 17", BigInteger.valueOf(17), JwkException.Reason.INVALID_KEY),
                args("e = 4 (even)", BigInteger.valueOf(4), JwkException.Reason.INVALID_KEY),
                args("e = 65536 (even)", BigInteger.valueOf(65536), JwkException.Reason.INVALID_KEY),
                args("e = n", n, JwkException.Reason.INVALID_KEY),
                args("e = n + 2", n.add(BigInteger.TWO), JwkException.Reason.INVALID_KEY),
                args("e = n - 1", n.subtract(BigInteger.ONE), JwkException.Reason.INVALID_KEY),
                args("e = n - 2 (odd, > 2^256)", n.subtract(BigInteger.TWO), JwkException.Reason.INVALID_KEY),
                args("e = 2^256 + 1", BigInteger.ONE.shiftLeft(256).add(BigInteger.ONE), JwkException.Reason.INVALID_KEY),
                args("e = 65537 (control)", F4, null),
                args("e = 65539", BigInteger.valueOf(65539), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f3Exponents")
    void F3_parseWhenRsaExponentIsSmallEvenOrNotBelowModulusThenInvalidKey(BigInteger e, JwkException.Reason expected) {
        String json = TestJwks.rsa("k", RSA.modulus(), e);
        if (expected == null) {
            assertThat(Jwk.parse(json).isUsable()).isTrue();
        } else {
            assertJwkRejected(() -> Jwk.parse(json), expected);
        }
    }

    static Stream<Arguments> f4Moduli() {
        return Stream.of(
                args("even n (2048 bits)", RSA.modulus().add(BigInteger.ONE), F4, JwkException.Reason.INVALID_KEY),
                args("n of 8193 bits", oddOfBits(8193), F4, JwkException.Reason.INVALID_KEY),
                args("n of 16384 bits", oddOfBits(16384), F4, JwkException.Reason.INVALID_KEY),
                args("n of 16385 bits", oddOfBits(16385), F4, JwkException.Reason.INVALID_KEY),
                args("e of 66 bits with n of 4096 bits", oddOfBits(4096), BigInteger.ONE.shiftLeft(65).add(BigInteger.ONE),
                        JwkException.Reason.INVALID_KEY),
                args("n of 8192 bits (upper bound, accepted)", oddOfBits(8192), F4, null),
                args("n of 4096 bits, e of 64 bits (accepted)", oddOfBits(4096), BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("f4Moduli")
    void F4_parseWhenRsaModulusEvenOrOverTheUpperBoundThenInvalidKey(BigInteger n, BigInteger e, JwkException.Reason expected) {
        String json = TestJwks.rsa("k", n, e);
        if (expected == null) {
            assertThat(Jwk.parse(json).keySize()).isEqualTo(n.bitLength());
        } else {
            assertJwkRejected(() -> Jwk.parse(json), expected);
        }
    }

    @ParameterizedTest(name = "[{index}] private member \"{0}\"")
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void F5_parseWhenJwksEntryCarriesPrivateMembersThenSkippedNeverKeptOrUsed(String member) {
        String withPrivate = TestJwks.withString(RSA.jwk("leaky").toJson(), member, "AQAB");
        assertJwkRejected(() -> Jwk.parse(withPrivate), JwkException.Reason.PRIVATE_KEY_MATERIAL);
        JwkSet set = TestJwks.parse(P256.jwkJson(), withPrivate);
        assertThat(set.keys()).extracting(k -> k.kid().orElse("")).containsExactly("p-256");
        assertThat(set.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(JwkException.Reason.PRIVATE_KEY_MATERIAL);
            assertThat(r.message()).doesNotContain("AQAB");
        });
        assertThat(set.toJson()).doesNotContain("\"" + member + "\"").doesNotContain("leaky");
        JwtValidator v = TestJwts.validator(set, Tokens.ALL).build();
        assertRejected(v, TestJwts.builder(RSA).kid("leaky").build(), Reason.INVALID_KEY);
    }

    static Stream<Arguments> f6Curves() {
        return Stream.of(Arguments.of(Named.of("P-256", P256)), Arguments.of(Named.of("P-384", TestKeys.p384())),
                Arguments.of(Named.of("P-521", TestKeys.p521())));
    }

    /** F6: OpenJDK's KeyFactory accepts off-curve points; the JWK checks refuse them. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("f6Curves")
    void F6_parseWhenEcPointNotOnTheCurveThenInvalidKey(TestKey key) {
        ECPublicKey pub = (ECPublicKey) key.publicKey();
        EcCurve c = EcCurve.forParameters(pub.getParams()).orElseThrow();
        int len = c.coordinateLength();
        BigInteger x = pub.getW().getAffineX();
        BigInteger y = pub.getW().getAffineY();
        BigInteger p = c.p();
        String crv = c.jwkName();
        List<BigInteger[]> offCurve = List.of(
                new BigInteger[] {x, y.add(BigInteger.ONE).mod(p)},
                new BigInteger[] {x.add(BigInteger.ONE).mod(p), y},
                new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO},
                new BigInteger[] {BigInteger.ZERO, y},
                new BigInteger[] {x, BigInteger.ZERO},
                new BigInteger[] {x.add(p), y},                              // x >= p, same residue
                new BigInteger[] {x, y.add(p)},                              // y >= p, same residue
                new BigInteger[] {p, y},
                new BigInteger[] {new BigInteger(len * 8 - 8, RANDOM), new BigInteger(len * 8 - 8, RANDOM)});
        int checked = 0;
        for (BigInteger[] point : offCurve) {
            if (point[0].bitLength() > len * 8 || point[1].bitLength() > len * 8) {
                continue; // not representable at this curve's length: F7 refuses it
            }
            String json = TestJwks.ec("bad", crv, EcCurve.toFixed(point[0], len), EcCurve.toFixed(point[1], len));
            assertJwkRejected(() -> Jwk.parse(json), JwkException.Reason.INVALID_KEY);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
        String negated = TestJwks.ec("neg", crv, EcCurve.toFixed(x, len), EcCurve.toFixed(p.subtract(y), len));
        assertThat(Jwk.parse(negated).isUsable()).as("(x, p - y) is on the curve").isTrue();
        String first = TestJwks.ec("bad", crv, EcCurve.toFixed(x, len), EcCurve.toFixed(y.add(BigInteger.ONE), len));
        assertRejected(validatorWith(first), TestJwts.builder(key).kid("bad").build(), Reason.INVALID_KEY);
    }

    @Test
    void F7_parseWhenEcCoordinatesAreNotExactlyTheCurveLengthThenInvalidKeyAndSerializerWritesFullLength() {
        ECPublicKey pub = (ECPublicKey) P256.publicKey();
        byte[] x = EcCurve.toFixed(pub.getW().getAffineX(), 32);
        byte[] y = EcCurve.toFixed(pub.getW().getAffineY(), 32);
        for (byte[][] xy : new byte[][][] {{Arrays.copyOfRange(x, 1, 32), y}, {concat(new byte[1], x), y},
                {x, concat(new byte[1], y)}, {x, Arrays.copyOfRange(y, 1, 32)}, {new byte[0], y}}) {
            assertJwkRejected(() -> Jwk.parse(TestJwks.ec("k", "P-256", xy[0], xy[1])), JwkException.Reason.INVALID_KEY);
        }
        ECPublicKey p521 = (ECPublicKey) TestKeys.p521().publicKey();
        byte[] x521 = EcCurve.toFixed(p521.getW().getAffineX(), 66);
        byte[] y521 = EcCurve.toFixed(p521.getW().getAffineY(), 66);
        assertJwkRejected(() -> Jwk.parse(TestJwks.ec("k", "P-521", Arrays.copyOfRange(x521, 1, 66), y521)),
                JwkException.Reason.INVALID_KEY);
        assertJwkRejected(() -> Jwk.parse(TestJwks.ec("k", "P-521", concat(new byte[1], x521), y521)),
                JwkException.Reason.INVALID_KEY);
        assertThat(Base64Url.decode(TestKeys.p521().jwk().toJsonNode().get("x").textValue())).hasSize(66);
        // a P-256 key whose x has a leading zero octet is still written with 32 octets
        TestKey small = null;
        for (int i = 0; i < 6000 && small == null; i++) {
            TestKey k = TestKeys.freshEc("small-x", "secp256r1", JwsAlgorithm.ES256);
            if (((ECPublicKey) k.publicKey()).getW().getAffineX().bitLength() <= 248) {
                small = k;
            }
        }
        assertThat(small).as("a P-256 key with x < 2^248").isNotNull();
        byte[] written = Base64Url.decode(small.jwk().toJsonNode().get("x").textValue());
        assertThat(written).hasSize(32);
        assertThat(written[0]).isZero();
        assertThat(Jwk.parse(small.jwkJson()).isUsable()).isTrue();
    }

    static Stream<Arguments> f8Curves() {
        ECPublicKey pub = (ECPublicKey) P256.publicKey();
        byte[] x = EcCurve.toFixed(pub.getW().getAffineX(), 32);
        byte[] y = EcCurve.toFixed(pub.getW().getAffineY(), 32);
        byte[] gx = EcCurve.toFixed(EcCurve.SECP256K1.spec().getGenerator().getAffineX(), 32);
        byte[] gy = EcCurve.toFixed(EcCurve.SECP256K1.spec().getGenerator().getAffineY(), 32);
        String okpX = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"bad\",\"x\":\"" + Base64Url.encode(new byte[32]) + "\"}";
        String okpX448 = "{\"kty\":\"OKP\",\"crv\":\"X448\",\"kid\":\"bad\",\"x\":\"" + Base64Url.encode(new byte[56]) + "\"}";
        return Stream.of(
                args("EC P-256K", TestJwks.ec("bad", "P-256K", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC P-192", TestJwks.ec("bad", "P-192", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC X25519", TestJwks.ec("bad", "X25519", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC p-256 (lower case)", TestJwks.ec("bad", "p-256", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC brainpoolP256r1", TestJwks.ec("bad", "brainpoolP256r1", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC empty crv", TestJwks.ec("bad", "", x, y), JwkException.Reason.UNSUPPORTED_CURVE),
                args("OKP X25519", okpX, JwkException.Reason.UNSUPPORTED_CURVE),
                args("OKP X448", okpX448, JwkException.Reason.UNSUPPORTED_CURVE),
                args("EC secp256k1 (listed, never used to verify)", TestJwks.ec("bad", "secp256k1", gx, gy), null));
    }

    /** F8: skipped (refused as UNSUPPORTED_CURVE) or, for secp256k1, kept for publishing but fitting no JWS algorithm. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f8Curves")
    void F8_parseWhenCurveIsNotASupportedSignatureCurveThenSkippedAndNeverUsed(String json, JwkException.Reason expected) {
        if (expected == null) {
            Jwk jwk = Jwk.parse(json);
            for (JwsAlgorithm alg : JwsAlgorithm.values()) {
                assertThat(jwk.supports(alg)).as("supports %s", alg).isFalse();
            }
        } else {
            assertJwkRejected(() -> Jwk.parse(json), expected);
        }
        // either way a token naming it fails as KEY_MISMATCH
        assertRejected(validatorWith(json), TestJwts.builder(P256).kid("bad").build(), Reason.KEY_MISMATCH);
    }

    static Stream<Arguments> f9Keys() {
        byte[] ed = Arrays.copyOfRange(TestKeys.ed25519().publicKey().getEncoded(), 12, 44);
        byte[] ed448 = Base64Url.decode(TestKeys.ed448().jwk().toJsonNode().get("x").textValue());
        BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
        byte[] pLittle = reverse(EcCurve.toFixed(p, 32));
        return Stream.of(
                args("Ed25519, 31 octets", okp("Ed25519", Arrays.copyOf(ed, 31)), JwkException.Reason.INVALID_KEY),
                args("Ed25519, 33 octets", okp("Ed25519", concat(ed, new byte[1])), JwkException.Reason.INVALID_KEY),
                args("Ed25519, 57 octets", okp("Ed25519", new byte[57]), JwkException.Reason.INVALID_KEY),
                args("Ed25519, y = p (non-canonical)", okp("Ed25519", pLittle), JwkException.Reason.INVALID_KEY),
                args("Ed448, 56 octets", okp("Ed448", Arrays.copyOf(ed448, 56)), JwkException.Reason.INVALID_KEY),
                args("Ed448, 58 octets", okp("Ed448", concat(ed448, new byte[1])), JwkException.Reason.INVALID_KEY),
                args("Ed448, 32 octets", okp("Ed448", ed), JwkException.Reason.INVALID_KEY),
                args("Ed25519, 32 octets (control)", okp("Ed25519", ed), null),
                args("Ed448, 57 octets (control)", okp("Ed448", ed448), null));
    }

    private static String okp(String crv, byte[] x) {
        return "{\"kty\":\"OKP\",\"crv\":\"" + crv + "\",\"x\":\"" + Base64Url.encode(x) + "\"}";
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f9Keys")
    void F9_parseWhenOkpKeyIsNotExactly32Or57OctetsThenInvalidKey(String json, JwkException.Reason expected) throws Exception {
        (expected == null ? parses(json) : refused(json, expected)).run();
    }

    static Stream<Arguments> f10Keys() {
        String rsa = RSA.jwk("mixed").toJson();
        String ec = P256.jwk("mixed").toJson();
        String ed = TestKeys.ed25519().jwk("mixed").toJson();
        return Stream.of(
                args("RSA with crv", TestJwks.withString(rsa, "crv", "P-256"), JwkException.Reason.INVALID_KEY),
                args("RSA with x and y", TestJwks.withString(TestJwks.withString(rsa, "x", "AQAB"), "y", "AQAB"),
                        JwkException.Reason.INVALID_KEY),
                args("EC with n", TestJwks.withString(ec, "n", "AQAB"), JwkException.Reason.INVALID_KEY),
                args("EC with e", TestJwks.withString(ec, "e", "AQAB"), JwkException.Reason.INVALID_KEY),
                args("OKP with y", TestJwks.withString(ed, "y", "AQAB"), JwkException.Reason.INVALID_KEY),
                args("oct with k", "{\"kty\":\"oct\",\"kid\":\"mixed\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}",
                        JwkException.Reason.PRIVATE_KEY_MATERIAL),
                args("oct without k", "{\"kty\":\"oct\",\"kid\":\"mixed\",\"alg\":\"HS256\"}", JwkException.Reason.UNSUPPORTED_KEY_TYPE),
                args("unknown kty", "{\"kty\":\"XYZ\",\"kid\":\"mixed\"}", JwkException.Reason.UNSUPPORTED_KEY_TYPE),
                args("kty in lower case", TestJwks.withString(rsa, "kty", "rsa"), JwkException.Reason.UNSUPPORTED_KEY_TYPE));
    }

    /** F10: mixed members are refused; remote {@code oct} keys are never used (mixed-symmetry sets keep only the others). */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f10Keys")
    void F10_parseWhenKeyTypeAndMembersDisagreeOrKeyIsSymmetricThenRefusedAndNeverUsed(String json, JwkException.Reason expected) {
        assertJwkRejected(() -> Jwk.parse(json), expected);
        JwkSet set = TestJwks.parse(RSA.jwkJson(), json);
        assertThat(set.size()).isEqualTo(1);
        JwtValidator v = TestJwts.validator(set, Tokens.ALL).build();
        assertRejected(v, TestJwts.builder(RSA).kid("mixed").build(),
                expected == JwkException.Reason.UNSUPPORTED_KEY_TYPE ? Reason.KEY_MISMATCH : Reason.INVALID_KEY);
        assertRejected(v, Tokens.hs256(TestJwts.builder(RSA).kid("mixed").headerAlg("HS256"),
                "secret-secret-secret-secret".getBytes(StandardCharsets.US_ASCII)), Reason.UNSUPPORTED_ALGORITHM);
        assertAccepted(v, TestJwts.token(RSA));
    }

    static Stream<Arguments> f11Keys() {
        String rsa = RSA.jwkJson();
        String ec = P256.jwkJson();
        String ed = TestKeys.ed25519().jwkJson();
        return Stream.of(
                args("RSA + ES256", TestJwks.withString(rsa, "alg", "ES256"), JwkException.Reason.INVALID_KEY),
                args("RSA + EdDSA", TestJwks.withString(rsa, "alg", "EdDSA"), JwkException.Reason.INVALID_KEY),
                args("RSA + HS256", TestJwks.withString(rsa, "alg", "HS256"), JwkException.Reason.INVALID_KEY),
                args("RSA + none", TestJwks.withString(rsa, "alg", "none"), JwkException.Reason.INVALID_KEY),
                args("P-256 + ES384", TestJwks.withString(ec, "alg", "ES384"), JwkException.Reason.INVALID_KEY),
                args("P-256 + ES512", TestJwks.withString(ec, "alg", "ES512"), JwkException.Reason.INVALID_KEY),
                args("P-256 + RS256", TestJwks.withString(ec, "alg", "RS256"), JwkException.Reason.INVALID_KEY),
                args("P-256 + NONE", TestJwks.withString(ec, "alg", "NONE"), JwkException.Reason.INVALID_KEY),
                args("Ed25519 + ES256", TestJwks.withString(ed, "alg", "ES256"), JwkException.Reason.INVALID_KEY),
                args("P-384 + ES256", TestJwks.withString(TestKeys.p384().jwkJson(), "alg", "ES256"), JwkException.Reason.INVALID_KEY),
                args("alg a number", TestJwks.with(rsa, "alg", "256"), JwkException.Reason.INVALID_KEY),
                args("RSA + RS256 (control)", TestJwks.withString(rsa, "alg", "RS256"), null),
                args("RSA + RSA-OAEP (kept, fits no JWS algorithm)", TestJwks.withString(rsa, "alg", "RSA-OAEP"), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f11Keys")
    void F11_parseWhenJwkAlgDoesNotFitKeyTypeOrCurveThenInvalidKey(String json, JwkException.Reason expected) throws Exception {
        (expected == null ? parses(json) : refused(json, expected)).run();
        if (expected == null && json.contains("RSA-OAEP")) {
            assertThat(Jwk.parse(json).supports(JwsAlgorithm.RS256)).isFalse();
        }
    }

    static Stream<Arguments> f12Keys() {
        String rsa = RSA.jwkJson();
        return Stream.of(
                args("use sig, key_ops [encrypt]", TestJwks.with(TestJwks.withString(rsa, "use", "sig"), "key_ops", "[\"encrypt\"]"),
                        JwkException.Reason.INVALID_KEY),
                args("use enc, key_ops [verify]", TestJwks.with(TestJwks.withString(rsa, "use", "enc"), "key_ops", "[\"verify\"]"),
                        JwkException.Reason.INVALID_KEY),
                args("use foo", TestJwks.withString(rsa, "use", "foo"), JwkException.Reason.INVALID_KEY),
                args("use SIG", TestJwks.withString(rsa, "use", "SIG"), JwkException.Reason.INVALID_KEY),
                args("use a number", TestJwks.with(rsa, "use", "1"), JwkException.Reason.INVALID_KEY),
                args("key_ops repeated", TestJwks.with(rsa, "key_ops", "[\"verify\",\"verify\"]"), JwkException.Reason.INVALID_KEY),
                args("key_ops unknown", TestJwks.with(rsa, "key_ops", "[\"bogus\"]"), JwkException.Reason.INVALID_KEY),
                args("key_ops a string", TestJwks.withString(rsa, "key_ops", "verify"), JwkException.Reason.INVALID_KEY),
                args("key_ops with a number", TestJwks.with(rsa, "key_ops", "[1]"), JwkException.Reason.INVALID_KEY),
                args("use sig, key_ops [verify] (control)", TestJwks.with(TestJwks.withString(rsa, "use", "sig"), "key_ops",
                        "[\"verify\"]"), null),
                args("use sig, key_ops [sign, verify] (control)", TestJwks.with(TestJwks.withString(rsa, "use", "sig"), "key_ops",
                        "[\"sign\",\"verify\"]"), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f12Keys")
    void F12_parseWhenUseAndKeyOpsInconsistentOrUnknownThenInvalidKey(String json, JwkException.Reason expected) throws Exception {
        (expected == null ? parses(json) : refused(json, expected)).run();
    }

    static Stream<Arguments> f13Keys() throws Exception {
        TestKey certRsa = TestCertificates.rsaKey();
        TestKey certEc = TestCertificates.ecKey();
        String rsaCert = TestCertificates.RSA_CERT;
        String ecCert = TestCertificates.EC_CERT;
        assertThat(rsaCert).containsAnyOf("+", "/");
        String urlForm = rsaCert.replace('+', '-').replace('/', '_').replace("=", "");
        X509Certificate cert = TestCertificates.certificate(rsaCert);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        String certRsaJson = certRsa.jwkJson();
        return Stream.of(
                args("x5c matches n/e (control)", TestJwks.with(certRsaJson, "x5c", "[" + TestJwts.str(rsaCert) + "]"), null),
                args("x5c matches x/y (control)", TestJwks.with(certEc.jwkJson(), "x5c", "[" + TestJwts.str(ecCert) + "]"), null),
                args("x5c and x5t, x5t#S256 match (control)", TestJwks.withString(TestJwks.withString(TestJwks.with(certRsaJson,
                        "x5c", "[" + TestJwts.str(rsaCert) + "]"), "x5t", Base64Url.encode(sha1)), "x5t#S256", Base64Url.encode(sha256)),
                        null),
                args("x5c key differs from n/e", TestJwks.with(RSA.jwkJson(), "x5c", "[" + TestJwts.str(rsaCert) + "]"),
                        JwkException.Reason.INVALID_KEY),
                args("x5c key differs from x/y", TestJwks.with(P256.jwkJson(), "x5c", "[" + TestJwts.str(ecCert) + "]"),
                        JwkException.Reason.INVALID_KEY),
                args("x5c holds an EC key, JWK is RSA", TestJwks.with(RSA.jwkJson(), "x5c", "[" + TestJwts.str(ecCert) + "]"),
                        JwkException.Reason.INVALID_KEY),
                args("x5c []", TestJwks.with(certRsaJson, "x5c", "[]"), JwkException.Reason.INVALID_KEY),
                args("x5c in base64url", TestJwks.with(certRsaJson, "x5c", "[" + TestJwts.str(urlForm) + "]"),
                        JwkException.Reason.INVALID_KEY),
                args("x5c a string", TestJwks.withString(certRsaJson, "x5c", rsaCert), JwkException.Reason.INVALID_KEY),
                args("x5c with a number", TestJwks.with(certRsaJson, "x5c", "[1]"), JwkException.Reason.INVALID_KEY),
                args("x5c not a certificate", TestJwks.with(certRsaJson, "x5c", "[\"AAECAwQF\"]"), JwkException.Reason.INVALID_KEY),
                args("x5t does not match x5c", TestJwks.withString(TestJwks.with(certRsaJson, "x5c", "[" + TestJwts.str(rsaCert) + "]"),
                        "x5t", Base64Url.encode(new byte[20])), JwkException.Reason.INVALID_KEY),
                args("x5t#S256 of the wrong length", TestJwks.withString(certRsaJson, "x5t#S256", Base64Url.encode(sha1)),
                        JwkException.Reason.INVALID_KEY));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f13Keys")
    void F13_parseWhenX5cDoesNotHoldThisKeyOrIsMalformedThenInvalidKey(String json, JwkException.Reason expected) throws Exception {
        (expected == null ? parses(json) : refused(json, expected)).run();
    }

    static Stream<Arguments> f14Documents() {
        String good = RSA.jwkJson();
        return Stream.of(
                args("keys missing", "{\"other\":[]}", JwkException.Reason.MALFORMED),
                args("keys a string", "{\"keys\":\"x\"}", JwkException.Reason.MALFORMED),
                args("keys an object", "{\"keys\":{}}", JwkException.Reason.MALFORMED),
                args("keys null", "{\"keys\":null}", JwkException.Reason.MALFORMED),
                args("an entry a number", "{\"keys\":[" + good + ",1]}", JwkException.Reason.MALFORMED),
                args("an entry an array", "{\"keys\":[[]," + good + "]}", JwkException.Reason.MALFORMED),
                args("an entry a string", "{\"keys\":[\"" + good.replace("\"", "'") + "\"]}", JwkException.Reason.MALFORMED),
                args("keys [] (parses to an empty set)", "{\"keys\":[]}", null),
                args("unknown kty next to a good key", TestJwks.document("{\"kty\":\"NEW\",\"kid\":\"n\"}", good), null));
    }

    /**
     * F14: a structurally bad document fails as a whole (JWKS_INVALID: JwkException MALFORMED; a caching source then
     * keeps its last good set, FS-04); an unknown kty is skipped and the rest used. {@code keys: []} is a valid,
     * empty RFC 7517 set here; HttpJwksSource treats it as a failed fetch.
     */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f14Documents")
    void F14_parseWhenJwksStructurallyBadThenMalformedAndUnknownKtySkipped(String json, JwkException.Reason expected) {
        if (expected != null) {
            assertJwkRejected(() -> JwkSet.parse(json), expected);
            return;
        }
        JwkSet set = JwkSet.parse(json);
        JwtValidator v = TestJwts.validator(set, Tokens.ALL).build();
        if (set.isEmpty()) {
            assertThat(set.rejected()).isEmpty();
            assertRejected(v, TestJwts.token(RSA), Reason.UNKNOWN_KEY);
        } else {
            assertThat(set.rejected()).singleElement()
                    .satisfies(r -> assertThat(r.reason()).isEqualTo(JwkException.Reason.UNSUPPORTED_KEY_TYPE));
            assertAccepted(v, TestJwts.token(RSA));
        }
    }

    /** F15: enforced where JWKS bytes arrive: {@link HttpJwksSource} caps the body at 64 KiB and the set at 100 keys. */
    @Test
    void F15_fetchWhenJwksOver64KiBOrOver100KeysThenRefusedAsAFailedFetch() throws IOException {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            hundred.add(P256.jwk("k" + i).toJson());
        }
        String ok100 = TestJwks.document(hundred.subList(0, 100).toArray(new String[0]));
        String over100 = TestJwks.document(hundred.toArray(new String[0]));
        String big = TestJwks.document(RSA.jwkJson()).replace("{\"keys\"", "{\"pad\":\"" + "x".repeat(HttpJwksSource.DEFAULT_MAX_BYTES)
                + "\",\"keys\"");
        assertThat(over100.length()).isLessThan(HttpJwksSource.DEFAULT_MAX_BYTES);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String[] route : new String[][] {{"/100", ok100}, {"/101", over100}, {"/big", big}}) {
            byte[] body = route[1].getBytes(StandardCharsets.UTF_8);
            server.createContext(route[0], exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(HttpJwksSource.of(URI.create(base + "/100")).get().size()).isEqualTo(100);
            for (String path : List.of("/101", "/big")) {
                HttpJwksSource source = HttpJwksSource.of(URI.create(base + path));
                assertThat(capture(source::get)).as(path).isExactlyInstanceOf(JwksUnavailableException.class);
                JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
                assertRejected(v, TestJwts.token(RSA), Reason.KEYS_UNAVAILABLE);
            }
        } finally {
            server.stop(0);
        }
    }

    static Stream<Arguments> f16Keys() {
        String rsa = RSA.jwkJson();
        String ec = P256.jwkJson();
        String n = RSA.jwk().toJsonNode().get("n").textValue();
        String x = P256.jwk().toJsonNode().get("x").textValue();
        String padded = n + "=".repeat((4 - n.length() % 4) % 4 == 0 ? 4 : (4 - n.length() % 4) % 4);
        String std = Base64.getEncoder().withoutPadding().encodeToString(Base64Url.decode(n));
        assertThat(std).containsAnyOf("+", "/");
        return Stream.of(
                args("n a number", TestJwks.with(rsa, "n", "12345"), JwkException.Reason.INVALID_KEY),
                args("e an array", TestJwks.with(rsa, "e", "[\"AQAB\"]"), JwkException.Reason.INVALID_KEY),
                args("e null", TestJwks.with(rsa, "e", "null"), JwkException.Reason.INVALID_KEY),
                args("n missing", TestJwks.with(rsa, "n", null), JwkException.Reason.INVALID_KEY),
                args("x an object", TestJwks.with(ec, "x", "{}"), JwkException.Reason.INVALID_KEY),
                args("crv a number", TestJwks.with(ec, "crv", "256"), JwkException.Reason.INVALID_KEY),
                args("kty a number", TestJwks.with(rsa, "kty", "1"), JwkException.Reason.INVALID_KEY),
                args("kty missing", TestJwks.with(rsa, "kty", null), JwkException.Reason.INVALID_KEY),
                args("kid a number", TestJwks.with(rsa, "kid", "7"), JwkException.Reason.INVALID_KEY),
                args("padding in n", TestJwks.withString(rsa, "n", padded), JwkException.Reason.INVALID_KEY),
                args("padding in e (AQAB=)", TestJwks.withString(rsa, "e", "AQAB="), JwkException.Reason.INVALID_KEY),
                args("standard alphabet in n", TestJwks.withString(rsa, "n", std), JwkException.Reason.INVALID_KEY),
                args("'+' in x", TestJwks.withString(ec, "x", "+" + x.substring(1)), JwkException.Reason.INVALID_KEY),
                args("'/' in y", TestJwks.withString(ec, "y", "/" + x.substring(1)), JwkException.Reason.INVALID_KEY),
                args("space in n", TestJwks.withString(rsa, "n", n.substring(0, 10) + " " + n.substring(10)), JwkException.Reason.INVALID_KEY),
                args("e empty", TestJwks.withString(rsa, "e", ""), JwkException.Reason.INVALID_KEY));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("f16Keys")
    void F16_parseWhenMembersHaveWrongJsonTypeOrAreNotStrictBase64UrlThenInvalidKey(String json, JwkException.Reason expected)
            throws Exception {
        refused(json, expected).run();
    }

    /**
     * F17 (optional higher bar, not implemented): ROCA moduli are not detected, as in Nimbus and jose4j.
     * Pins the decision with Wycheproof JWK tcId 7; if a ROCA check is added, flip this test to INVALID_KEY.
     */
    @Test
    void F17_parseWhenRsaModulusIsRocaVulnerableThenAcceptedSinceRocaDetectionIsNotImplemented() throws Exception {
        String shared = System.getProperty("jwkadapter.shared.dir");
        Path file = shared == null ? null : Path.of(shared, "vectors", "wycheproof", "json_web_key_test.json");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
                "shared Wycheproof vectors not found (jwkadapter.shared.dir); skipping the ROCA pin");
        var root = dev.jwkadapter.core.internal.Json.strict(256).mapper().readTree(Files.readAllBytes(file));
        String rocaN = null;
        for (var group : root.get("testGroups")) {
            for (var test : group.get("tests")) {
                if (test.get("tcId").asInt() == 7) {
                    rocaN = group.get("public").get("keys").get(0).get("n").textValue();
                }
            }
        }
        assertThat(rocaN).isNotNull();
        Jwk jwk = Jwk.parse("{\"kty\":\"RSA\",\"n\":\"" + rocaN + "\",\"e\":\"AQAB\"}");
        assertThat(jwk.keySize()).isGreaterThanOrEqualTo(2048);
    }

    /** F18: RFC 7638 §3.1 example, and thumbprints computed from values (leading zeros, member order, extra members). */
    @Test
    void F18_thumbprintWhenRfc7638ExampleOrEquivalentEncodingsThenExact() throws Exception {
        String rfc7638 = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
                + "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8K"
                + "JZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF4"
                + "4-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
        assertThat(Jwk.parse(rfc7638).thumbprint()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        // independent of optional members and their order
        Jwk plain = P256.jwk(null);
        Jwk decorated = Jwk.parse(TestJwks.withString(TestJwks.withString(P256.jwk("other").toJson(), "use", "sig"), "alg", "ES256"));
        assertThat(decorated.thumbprint()).isEqualTo(plain.thumbprint());
        // EC: SHA-256 over {"crv","kty","x","y"} in lexicographic order, no whitespace
        var node = plain.toJsonNode();
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + node.get("x").textValue() + "\",\"y\":\""
                + node.get("y").textValue() + "\"}";
        assertThat(plain.thumbprint()).isEqualTo(Base64Url.encode(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.US_ASCII))));
        // OKP: {"crv","kty","x"}
        Jwk ed = TestKeys.ed25519().jwk();
        String okp = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + ed.toJsonNode().get("x").textValue() + "\"}";
        assertThat(ed.thumbprint()).isEqualTo(Base64Url.encode(MessageDigest.getInstance("SHA-256")
                .digest(okp.getBytes(StandardCharsets.US_ASCII))));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
