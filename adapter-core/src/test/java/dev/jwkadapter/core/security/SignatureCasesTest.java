package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertJwkRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SECURITY-CASES.md §E: signature verification (RFC 7518 §3.3–3.5; RFC 8032). */
class SignatureCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final TestKey ED = TestKeys.ed25519();
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private static JwtValidator validator() {
        return TestJwts.validator(TestJwks.of(RSA, TestKeys.p256(), TestKeys.p384(), TestKeys.p521(), ED), Tokens.ALL).build();
    }

    static Stream<Arguments> ecKeys() {
        return Stream.of(Arguments.of(Named.of("ES256", TestKeys.p256())), Arguments.of(Named.of("ES384", TestKeys.p384())),
                Arguments.of(Named.of("ES512", TestKeys.p521())));
    }

    private static EcCurve curve(TestKey key) {
        return EcCurve.forParameters(((ECPublicKey) key.publicKey()).getParams()).orElseThrow();
    }

    private static byte[] rs(BigInteger r, BigInteger s, int half) {
        return concat(EcCurve.toFixed(r, half), EcCurve.toFixed(s, half));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ecKeys")
    void E1_validateWhenEcdsaSignatureIsAllZeroThenBadSignature(TestKey key) throws Exception {
        JwsAlgorithm alg = key.defaultAlgorithm();
        byte[] zero = new byte[alg.fixedSignatureLength()];
        TestJwts.Builder b = TestJwts.builder(key).signature(zero);
        assertRejected(validator(), b.build(), Reason.BAD_SIGNATURE);
        assertThat(JcaSignatures.verify(alg, key.publicKey(), b.signingInput().getBytes(StandardCharsets.US_ASCII), zero)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ecKeys")
    void E2_validateWhenEcdsaRorSIsASpecialValueOrUnreducedThenBadSignature(TestKey key) {
        EcCurve c = curve(key);
        BigInteger n = c.order();
        BigInteger p = c.p();
        int half = key.defaultAlgorithm().fixedSignatureLength() / 2;
        List<BigInteger> grid = List.of(BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n, n.add(BigInteger.ONE),
                p, p.add(BigInteger.ONE));
        JwtValidator v = validator();
        int checked = 0;
        for (BigInteger r : grid) {
            for (BigInteger s : grid) {
                if (r.bitLength() > half * 8 || s.bitLength() > half * 8) {
                    continue; // not representable in R‖S: the length rule (E3) covers it
                }
                assertRejected(v, TestJwts.builder(key).signature(rs(r, s, half)).build(), Reason.BAD_SIGNATURE);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(36);
        // RangeCheck: a valid (r, s) with n added to r or s, where that still fits
        TestJwts.Builder b = TestJwts.builder(key);
        String valid = b.build();
        byte[] sig = Tokens.decoded(valid, 2);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        assertAccepted(v, valid);
        for (BigInteger[] rs : new BigInteger[][] {{r.add(n), s}, {r, s.add(n)}, {r.add(n), s.add(n)}}) {
            if (rs[0].bitLength() <= half * 8 && rs[1].bitLength() <= half * 8) {
                assertRejected(v, Tokens.withSignature(valid, rs(rs[0], rs[1], half)), Reason.BAD_SIGNATURE);
            }
        }
    }

    /** A valid JOSE signature in which r or s has a leading zero octet (searched for; about 1 in 128 for P-256). */
    private static byte[] leadingZeroSignature(TestKey key, String signingInput) {
        int half = key.defaultAlgorithm().fixedSignatureLength() / 2;
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 5000; i++) {
            byte[] sig = key.sign(key.defaultAlgorithm(), input);
            if (sig[0] == 0 || sig[half] == 0) {
                return sig;
            }
        }
        throw new AssertionError("no signature with a leading zero octet in 5000 attempts");
    }

    /** The minimal (shorter) encoding: r and s each without leading zero octets. */
    private static byte[] minimal(byte[] sig) {
        int half = sig.length / 2;
        byte[] r = TestJwks.unsigned(new BigInteger(1, Arrays.copyOfRange(sig, 0, half)));
        byte[] s = TestJwks.unsigned(new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length)));
        return concat(r, s);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ecKeys")
    void E3_validateWhenEcdsaSignatureLengthIsNotExactThenBadSignature(TestKey key) throws Exception {
        JwsAlgorithm alg = key.defaultAlgorithm();
        int len = alg.fixedSignatureLength();
        int half = len / 2;
        TestJwts.Builder b = TestJwts.builder(key);
        String input = b.signingInput();
        byte[] zeroLed = leadingZeroSignature(key, input);
        byte[] shorter = minimal(zeroLed);
        assertThat(shorter.length).isLessThan(len);
        String valid = input + "." + Base64Url.encode(zeroLed);
        JwtValidator v = validator();
        assertAccepted(v, valid);
        List<byte[]> bad = new ArrayList<>();
        bad.add(shorter);
        for (int size : new int[] {2, 16, 26, 32, 40}) {
            if (size != len) {
                bad.add(Arrays.copyOf(zeroLed, size));
            }
        }
        bad.add(concat(zeroLed, new byte[1]));                                  // trailing zero
        bad.add(concat(new byte[1], zeroLed));                                  // leading zero
        bad.add(concat(concat(new byte[1], Arrays.copyOfRange(zeroLed, 0, half)),
                concat(new byte[1], Arrays.copyOfRange(zeroLed, half, len))));  // 00‖r‖00‖s
        bad.add(concat(zeroLed, zeroLed));                                      // buffer overflow
        bad.add(Arrays.copyOf(zeroLed, len - 1));                               // truncated
        for (byte[] sig : bad) {
            assertRejected(v, input + "." + Base64Url.encode(sig), Reason.BAD_SIGNATURE);
            assertThat(JcaSignatures.verify(alg, key.publicKey(), input.getBytes(StandardCharsets.US_ASCII), sig))
                    .as("JcaSignatures.verify, %d bytes", sig.length).isFalse();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ecKeys")
    void E4_validateWhenEcdsaSignatureIsDerEncodedThenBadSignature(TestKey key) {
        String digest = key.defaultAlgorithm().digestAlgorithm().orElseThrow().replace("-", "");
        TestJwts.Builder b = TestJwts.builder(key);
        byte[] der = key.signJca(digest + "withECDSA", b.signingInput().getBytes(StandardCharsets.US_ASCII));
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertRejected(validator(), b.signature(der).build(), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ecKeys")
    void E5_validateWhenEcdsaSignaturesAreValidIncludingLeadingZeroOctetsThenAccepted(TestKey key) {
        JwtValidator v = validator();
        for (int i = 0; i < 20; i++) {
            String token = TestJwts.builder(key).claimNumber("n", i).build();
            assertThat(Tokens.decoded(token, 2)).hasSize(key.defaultAlgorithm().fixedSignatureLength());
            assertAccepted(v, token);
        }
        TestJwts.Builder b = TestJwts.builder(key).claimString("jti", "leading-zero");
        assertAccepted(v, b.signature(leadingZeroSignature(key, b.signingInput())).build());
    }

    /** EM = 00 ‖ bt ‖ PS(0xFF…) ‖ 00 ‖ t, {@code k} octets long. */
    private static byte[] em(int k, int bt, byte[] t) {
        byte[] em = new byte[k];
        em[1] = (byte) bt;
        int psEnd = k - t.length - 1;
        Arrays.fill(em, 2, psEnd, (byte) 0xFF);
        System.arraycopy(t, 0, em, psEnd + 1, t.length);
        return em;
    }

    private static byte[] sha256(String signingInput) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> e6Signatures() {
        TestJwts.Builder b = TestJwts.builder(RSA);
        String input = b.signingInput();
        byte[] h = sha256(input);
        BigInteger n = RSA.modulus();
        int k = 256;
        byte[] good = RSA.sign(JwsAlgorithm.RS256, input.getBytes(StandardCharsets.US_ASCII));
        byte[] wrongOid = SHA256_DIGEST_INFO.clone();
        wrongOid[14] = 0x02; // id-sha384 with a SHA-256 digest
        byte[] longForm = HexFormat.of().parseHex("308131300d060960864801650304020105000420");
        byte[] indefinite = HexFormat.of().parseHex("3080300d060960864801650304020105000420");
        List<Arguments> out = new ArrayList<>();
        out.add(sig("correct EM (control)", input, RSA.rawRsaSign(em(k, 1, concat(SHA256_DIGEST_INFO, h))), null));
        out.add(sig("WrongHash: SHA-384 OID, SHA-256 digest", input, RSA.rawRsaSign(em(k, 1, concat(wrongOid, h))),
                Reason.BAD_SIGNATURE));
        out.add(sig("NoHash: digest without DigestInfo", input, RSA.rawRsaSign(em(k, 1, h)), Reason.BAD_SIGNATURE));
        out.add(sig("BER long-form length", input, RSA.rawRsaSign(em(k, 1, concat(longForm, h))), Reason.BAD_SIGNATURE));
        out.add(sig("BER indefinite length", input, RSA.rawRsaSign(em(k, 1, concat(concat(indefinite, h), new byte[2]))),
                Reason.BAD_SIGNATURE));
        out.add(sig("block type 02", input, RSA.rawRsaSign(em(k, 2, concat(SHA256_DIGEST_INFO, h))), Reason.BAD_SIGNATURE));
        byte[] fe = em(k, 1, concat(SHA256_DIGEST_INFO, h));
        fe[10] = (byte) 0xFE;
        out.add(sig("modified padding byte", input, RSA.rawRsaSign(fe), Reason.BAD_SIGNATURE));
        byte[] shortPs = new byte[k];
        byte[] tail = concat(HexFormat.of().parseHex("0001ffffffffffffff00"), concat(SHA256_DIGEST_INFO, h));
        System.arraycopy(tail, 0, shortPs, k - tail.length, tail.length);
        out.add(sig("padding shorter than 8 octets", input, RSA.rawRsaSign(shortPs), Reason.BAD_SIGNATURE));
        out.add(sig("digest of another message", input, RSA.rawRsaSign(em(k, 1, concat(SHA256_DIGEST_INFO, sha256("x")))),
                Reason.BAD_SIGNATURE));
        for (Object[] special : new Object[][] {{"s = 0", BigInteger.ZERO}, {"s = 1", BigInteger.ONE},
                {"s = n - 1", n.subtract(BigInteger.ONE)}, {"s = n", n}, {"s = n + 1", n.add(BigInteger.ONE)}}) {
            out.add(sig((String) special[0], input, EcCurve.toFixed((BigInteger) special[1], k), Reason.BAD_SIGNATURE));
        }
        BigInteger unreduced = new BigInteger(1, good).add(n);
        if (unreduced.bitLength() <= k * 8) {
            out.add(sig("not reduced: s + n", input, EcCurve.toFixed(unreduced, k), Reason.BAD_SIGNATURE));
        }
        out.add(sig("one octet longer (leading 00)", input, concat(new byte[1], good), Reason.BAD_SIGNATURE));
        out.add(sig("one octet longer (trailing 00)", input, concat(good, new byte[1]), Reason.BAD_SIGNATURE));
        out.add(sig("two octets longer", input, concat(new byte[2], good), Reason.BAD_SIGNATURE));
        out.add(sig("one octet shorter", input, Arrays.copyOfRange(good, 1, k), Reason.BAD_SIGNATURE));
        out.add(sig("two octets shorter", input, Arrays.copyOf(good, k - 2), Reason.BAD_SIGNATURE));
        return out.stream();
    }

    private static Arguments sig(String name, String input, byte[] signature, Reason expected) {
        return Arguments.of(Named.of(name, input + "." + Base64Url.encode(signature)), expected);
    }

    /** E6: every malformed PKCS#1 v1.5 signature is BAD_SIGNATURE (JDK SignatureException mapped, never a 500). */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("e6Signatures")
    void E6_validateWhenRsaPkcs1SignatureIsMalformedThenBadSignature(String token, Reason expected) {
        assertOutcome(validator(), token, expected);
    }

    @Test
    void E7_validateWhenKeyHasExponentThreeOrSignatureHasGarbageAfterDigestThenRejected() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F0));
        TestKey e3 = TestKeys.of("e3", g.generateKeyPair(), JwsAlgorithm.RS256);
        assertThat(((RSAPublicKey) e3.publicKey()).getPublicExponent()).isEqualTo(BigInteger.valueOf(3));
        // F3 key policy: an e = 3 key is refused, so even a genuine signature by it is never checked
        assertJwkRejected(() -> Jwk.fromPublicKey(e3.publicKey(), "e3"), JwkException.Reason.INVALID_KEY);
        String e3Json = TestJwks.rsa("e3", e3.modulus(), BigInteger.valueOf(3));
        JwtValidator v = TestJwts.validator(TestJwks.parse(e3Json, RSA.jwkJson()), Tokens.ALL).build();
        assertRejected(v, TestJwts.token(e3), Reason.INVALID_KEY);
        // InvalidAsnInPadding class: DigestInfo followed by garbage, under the real key
        TestJwts.Builder b = TestJwts.builder(RSA);
        String input = b.signingInput();
        byte[] t = concat(concat(SHA256_DIGEST_INFO, sha256(input)), "garbage-garbage".getBytes(StandardCharsets.US_ASCII));
        assertRejected(v, input + "." + Base64Url.encode(RSA.rawRsaSign(em(256, 1, t))), Reason.BAD_SIGNATURE);
        byte[] digestInfoInside = concat(SHA256_DIGEST_INFO, sha256(input));
        byte[] hidden = em(256, 1, concat(digestInfoInside, new byte[40]));
        assertRejected(v, input + "." + Base64Url.encode(RSA.rawRsaSign(hidden)), Reason.BAD_SIGNATURE);
    }

    /** E8 decision: accept the DigestInfo without the NULL parameters (Wycheproof MissingNull, "acceptable"), as the JDK does. */
    @Test
    void E8_validateWhenDigestInfoLacksNullParametersThenAcceptedAsTheJdkDoes() throws Exception {
        TestJwts.Builder b = TestJwts.builder(RSA);
        String input = b.signingInput();
        byte[] missingNull = HexFormat.of().parseHex("302f300b0609608648016503040201" + "0420");
        byte[] sig = RSA.rawRsaSign(em(256, 1, concat(missingNull, sha256(input))));
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS256, RSA.publicKey(), input.getBytes(StandardCharsets.US_ASCII), sig)).isTrue();
        assertThat(sig).isNotEqualTo(RSA.sign(JwsAlgorithm.RS256, input.getBytes(StandardCharsets.US_ASCII)));
        assertAccepted(validator(), input + "." + Base64Url.encode(sig));
    }

    private static byte[] pss(TestKey key, String hash, String mgfHash, int salt, String input) {
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.initSign(key.privateKey());
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), salt, 1));
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> e9Parameters() {
        return Stream.of(
                Arguments.of("SHA-256", "SHA-256", 32, null),
                Arguments.of("SHA-256", "SHA-256", 0, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-256", "SHA-256", 20, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-256", "SHA-256", 64, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-256", "SHA-1", 32, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-256", "SHA-384", 32, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-384", "SHA-384", 48, Reason.BAD_SIGNATURE),
                Arguments.of("SHA-1", "SHA-1", 20, Reason.BAD_SIGNATURE));
    }

    /** E9: PS256 means SHA-256, MGF1-SHA-256 and a 32-octet salt; any other parameter set fails. */
    @ParameterizedTest(name = "[{index}] PS256 token signed with {0}, MGF1-{1}, salt {2} -> {3}")
    @MethodSource("e9Parameters")
    void E9_validateWhenPssParametersDifferFromTheAlgorithmThenBadSignature(String hash, String mgf, int salt, Reason expected) {
        TestJwts.Builder b = TestJwts.builder(RSA).alg(JwsAlgorithm.PS256);
        String input = b.signingInput();
        assertOutcome(validator(), input + "." + Base64Url.encode(pss(RSA, hash, mgf, salt, input)), expected);
    }

    @Test
    void E10_validateWhenPssSignatureTamperedOrWrongPrimitiveThenBadSignature() {
        JwtValidator v = validator();
        TestJwts.Builder b = TestJwts.builder(RSA).alg(JwsAlgorithm.PS256);
        String valid = b.build();
        assertAccepted(v, valid);
        byte[] sig = Tokens.decoded(valid, 2);
        for (int bit = 0; bit < sig.length * 8; bit += 11) {
            byte[] flipped = sig.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(v, Tokens.withSignature(valid, flipped), Reason.BAD_SIGNATURE);
        }
        String input = b.signingInput();
        byte[] pkcs1 = RSA.sign(JwsAlgorithm.RS256, input.getBytes(StandardCharsets.US_ASCII));
        assertRejected(v, input + "." + Base64Url.encode(pkcs1), Reason.BAD_SIGNATURE);
        assertRejected(v, Tokens.withSignature(valid, concat(sig, new byte[1])), Reason.BAD_SIGNATURE);
        byte[] ps512 = RSA.sign(JwsAlgorithm.PS512, input.getBytes(StandardCharsets.US_ASCII));
        assertRejected(v, input + "." + Base64Url.encode(ps512), Reason.BAD_SIGNATURE);
    }

    /** E11: OpenJDK 17 accepts an Ed25519 signature with one 0x00 appended (SECURITY-CASES §L); the length rule refuses it. */
    @Test
    void E11_validateWhenEdDsaSignatureHasAByteAppendedThenBadSignature() throws Exception {
        TestJwts.Builder b = TestJwts.builder(ED);
        String valid = b.build();
        byte[] sig = Tokens.decoded(valid, 2);
        assertAccepted(validator(), valid);
        for (byte[] longer : List.of(concat(sig, new byte[1]), concat(sig, new byte[] {1}), concat(sig, sig))) {
            assertRejected(validator(), Tokens.withSignature(valid, longer), Reason.BAD_SIGNATURE);
            assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, ED.publicKey(),
                    b.signingInput().getBytes(StandardCharsets.US_ASCII), longer)).isFalse();
        }
    }

    @Test
    void E12_validateWhenEdDsaSignatureIsMalleatedNonCanonicalOrTruncatedThenBadSignature() {
        BigInteger l = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
        BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
        String valid = TestJwts.token(ED);
        byte[] sig = Tokens.decoded(valid, 2);
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        BigInteger s = littleEndian(Arrays.copyOfRange(sig, 32, 64));
        assertThat(s).isLessThan(l);
        List<byte[]> bad = new ArrayList<>();
        bad.add(concat(r, toLittleEndian(s.add(l))));                  // S + L: malleability
        bad.add(concat(r, toLittleEndian(l)));                         // S = L
        bad.add(concat(r, toLittleEndian(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))));
        bad.add(concat(toLittleEndian(p.add(BigInteger.ONE)), Arrays.copyOfRange(sig, 32, 64))); // R with y >= p
        bad.add(concat(toLittleEndian(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)), Arrays.copyOfRange(sig, 32, 64)));
        bad.add(Arrays.copyOf(sig, 63));                               // truncated
        bad.add(Arrays.copyOf(sig, 32));
        bad.add(new byte[64]);
        for (byte[] b : bad) {
            assertRejected(validator(), Tokens.withSignature(valid, b), Reason.BAD_SIGNATURE);
        }
    }

    private static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] be = EcCurve.toFixed(v, 32);
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = be[31 - i];
        }
        return le;
    }

    static Stream<Arguments> e13Keys() {
        return Stream.of(Arguments.of(Named.of("RS256", RSA)), Arguments.of(Named.of("ES256", TestKeys.p256())),
                Arguments.of(Named.of("EdDSA", ED)));
    }

    /** E13: every single-bit flip of the payload and signature, flips keeping the header valid JSON, and spliced tokens. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("e13Keys")
    void E13_validateWhenBitFlippedOrSegmentsSwappedThenBadSignature(TestKey key) {
        JwtValidator v = validator();
        String headerText = TestJwts.builder(key).header("n", "\"abcdefghijklmnop\"").headerText();
        String valid = TestJwts.builder(key).headerJson(headerText).build();
        assertAccepted(v, valid);
        String[] p = Tokens.parts(valid);
        int flips = 0;
        byte[] header = headerText.getBytes(StandardCharsets.US_ASCII);
        int valueStart = headerText.indexOf("abcdefghijklmnop");
        for (int i = valueStart; i < valueStart + 16; i++) {
            for (int bit = 0; bit < 7; bit++) {
                byte[] h = header.clone();
                h[i] ^= (byte) (1 << bit);
                if (h[i] < 0x20 || h[i] == '"' || h[i] == '\\' || h[i] == 0x7f) {
                    continue;
                }
                assertRejected(v, Base64Url.encode(h) + "." + p[1] + "." + p[2], Reason.BAD_SIGNATURE);
                flips++;
            }
        }
        // every bit for RSA; for the slower ECDSA/EdDSA verifications one bit per octet, rotating its position
        boolean everyBit = key == RSA;
        byte[] payload = Base64Url.decode(p[1]);
        for (int bit = 0; bit < payload.length * 8; bit += everyBit ? 1 : 9) {
            byte[] q = payload.clone();
            q[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(v, p[0] + "." + Base64Url.encode(q) + "." + p[2], Reason.BAD_SIGNATURE);
            flips++;
        }
        byte[] sig = Base64Url.decode(p[2]);
        for (int bit = 0; bit < sig.length * 8; bit += everyBit ? 1 : 9) {
            byte[] s = sig.clone();
            s[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(v, p[0] + "." + p[1] + "." + Base64Url.encode(s), Reason.BAD_SIGNATURE);
            flips++;
        }
        assertThat(flips).isGreaterThan(everyBit ? 3000 : 150);
        String[] other = Tokens.parts(TestJwts.builder(key).headerJson(headerText).claimString("sub", "someone-else").build());
        assertRejected(v, p[0] + "." + other[1] + "." + p[2], Reason.BAD_SIGNATURE);
        assertRejected(v, p[0] + "." + p[1] + "." + other[2], Reason.BAD_SIGNATURE);
        assertRejected(v, other[0] + "." + p[1] + "." + other[2], Reason.BAD_SIGNATURE);
    }

    static Stream<Arguments> e14Inputs() {
        return Stream.of(
                Arguments.of(Named.of("EdDSA with an RSA key", JwsAlgorithm.EdDSA), RSA.publicKey(), new byte[64], "KeyRejected"),
                Arguments.of(Named.of("EdDSA with an Ed448 key", JwsAlgorithm.EdDSA), TestKeys.ed448().publicKey(), new byte[64],
                        "KeyRejected"),
                Arguments.of(Named.of("RS256 with a 2-bit modulus", JwsAlgorithm.RS256), new FakeRsaKey(BigInteger.valueOf(3)),
                        new byte[1], "KeyRejected"),
                Arguments.of(Named.of("PS256 with a 2-bit modulus", JwsAlgorithm.PS256), new FakeRsaKey(BigInteger.valueOf(3)),
                        new byte[1], "KeyRejected"),
                Arguments.of(Named.of("ES256 with an RSA key", JwsAlgorithm.ES256), RSA.publicKey(), new byte[64], "false"),
                Arguments.of(Named.of("RS256 with an EC key", JwsAlgorithm.RS256), TestKeys.p256().publicKey(), new byte[256], "false"),
                Arguments.of(Named.of("ES256 with a P-384 key", JwsAlgorithm.ES256), TestKeys.p384().publicKey(),
                        rs(BigInteger.ONE, BigInteger.ONE, 32), "false"),
                Arguments.of(Named.of("ES384 with a P-256 key", JwsAlgorithm.ES384), TestKeys.p256().publicKey(),
                        rs(BigInteger.ONE, BigInteger.ONE, 48), "false"),
                Arguments.of(Named.of("RS256 with a signature of garbage", JwsAlgorithm.RS256), RSA.publicKey(),
                        fill(256, 0xFF), "false"),
                Arguments.of(Named.of("PS512 with a random signature", JwsAlgorithm.PS512), RSA.publicKey(),
                        EcCurve.toFixed(RSA.modulus().shiftRight(1), 256), "false"));
    }

    private static byte[] fill(int len, int value) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /**
     * E14: JCA exceptions become {@code false} (SignatureException, runtime exceptions) or
     * {@code KeyRejectedException} with the JCA exception as cause (InvalidKeyException); the validator maps
     * them to BAD_SIGNATURE and INVALID_KEY. Nothing else escapes.
     */
    @ParameterizedTest(name = "[{index}] {0} -> {3}")
    @MethodSource("e14Inputs")
    void E14_verifyWhenJcaThrowsThenFalseOrKeyRejectedWithCause(JwsAlgorithm alg, PublicKey key, byte[] sig, String expected) {
        Throwable thrown = SecurityAssertions.capture(() -> {
            boolean ok = JcaSignatures.verify(alg, key, new byte[] {'h', '.', 'p'}, sig);
            assertThat(expected).isEqualTo(Boolean.toString(ok));
        });
        if (expected.equals("KeyRejected")) {
            assertThat(thrown).isExactlyInstanceOf(JcaSignatures.KeyRejectedException.class);
            assertThat(thrown.getCause()).isInstanceOf(GeneralSecurityException.class);
        } else {
            assertThat(thrown).isNull();
        }
    }

    /** A hand-made RSA public key, to push odd values through the JCA. */
    private static final class FakeRsaKey implements RSAPublicKey {
        private static final long serialVersionUID = 1L;
        private final BigInteger modulus;

        FakeRsaKey(BigInteger modulus) {
            this.modulus = modulus;
        }

        @Override
        public BigInteger getPublicExponent() {
            return BigInteger.valueOf(65537);
        }

        @Override
        public BigInteger getModulus() {
            return modulus;
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }

    /** E15 (scaled to 8 threads × 2,000): a shared validator gives the single-threaded results. */
    @Test
    void E15_validateWhenSharedAcrossThreadsThenResultsEqualSingleThreaded() throws Exception {
        TestKey p256 = TestKeys.p256();
        JwtValidator v = validator();
        // mostly RSA (fast to verify on a small CI machine), one valid ES256 and one valid EdDSA token
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String t = TestJwts.builder(RSA).claimString("sub", "rsa-" + i).build();
            tokens.add(t);
            byte[] sig = Tokens.decoded(t, 2);
            sig[sig.length / 2] ^= 1;
            tokens.add(Tokens.withSignature(t, sig));
        }
        tokens.add(TestJwts.builder(RSA).alg(JwsAlgorithm.PS256).claimString("sub", "ps256").build());
        tokens.add(TestJwts.builder(RSA).claimNumber("exp", TestJwts.NOW.getEpochSecond() - 3600).build());
        tokens.add(TestJwts.builder(RSA).claimString("aud", "api://other").build());
        tokens.add(TestJwts.builder(RSA).kid("unknown").build());
        tokens.add(TestJwts.builder(RSA).headerAlg("none").signature(new byte[0]).build());
        tokens.add(TestJwts.builder(RSA).header("crit", "[\"x\"]").header("x", "1").build());
        tokens.add(TestJwts.builder(p256).signature(new byte[64]).build());
        tokens.add(TestJwts.builder(p256).signature(new byte[63]).build());
        tokens.add(TestJwts.builder(p256).claimString("sub", "es256").build());
        tokens.add(TestJwts.builder(ED).claimString("sub", "eddsa").build());
        tokens.add(TestJwts.builder(ED).signature(new byte[65]).build());
        tokens.add("not.a.token");
        Map<String, String> expected = new HashMap<>();
        for (String t : tokens) {
            expected.put(t, outcome(v, t));
        }
        assertThat(expected.values()).contains("BAD_SIGNATURE", "EXPIRED", "AUDIENCE_MISMATCH", "UNKNOWN_KEY",
                "UNSUPPORTED_ALGORITHM").anyMatch(o -> o.startsWith("ACCEPTED"));
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 1000 + t;
                jobs.add(() -> {
                    Random random = new Random(seed);
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        String token = tokens.get(random.nextInt(tokens.size()));
                        if (!expected.get(token).equals(outcome(v, token))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(jobs, 60, TimeUnit.SECONDS)) {
                total += f.get();
            }
            assertThat(total).as("results differing from the single-threaded ones").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
