package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md §D: algorithm and header semantics (RFC 7515 §4; RFC 7797; RFC 9864). */
class HeaderSemanticsCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final TestKey ATTACKER = TestKeys.rsa2048Other();
    private static final TestKey P256 = TestKeys.p256();
    private static final TestKey P384 = TestKeys.p384();
    private static final TestKey ED = TestKeys.ed25519();
    private static final TestKey ED448 = TestKeys.ed448();

    private static JwtValidator validator(JwkSet keys) {
        return TestJwts.validator(keys, Tokens.ALL).build();
    }

    private static JwtValidator validator() {
        return validator(TestJwks.of(RSA, P256, ED));
    }

    private static Arguments named(String name, Object... rest) {
        Object[] args = new Object[rest.length];
        args[0] = Named.of(name, rest[0]);
        System.arraycopy(rest, 1, args, 1, rest.length - 1);
        return Arguments.of(args);
    }

    static Stream<Arguments> d1Secrets() throws GeneralSecurityException {
        TestKey victim = TestCertificates.rsaKey();
        byte[] spki = victim.publicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n";
        byte[] n = TestJwks.unsigned(victim.modulus());
        return Stream.of(
                named("PEM text", pem.getBytes(StandardCharsets.US_ASCII)),
                named("PEM text without trailing newline", pem.trim().getBytes(StandardCharsets.US_ASCII)),
                named("SPKI DER", spki),
                named("JWK JSON", victim.jwkJson().getBytes(StandardCharsets.UTF_8)),
                named("JWKS JSON", TestJwks.document(victim.jwkJson()).getBytes(StandardCharsets.UTF_8)),
                named("bare n", n),
                named("n as base64url text", Base64Url.encode(n).getBytes(StandardCharsets.US_ASCII)),
                named("x5c certificate DER", TestCertificates.certificate(TestCertificates.RSA_CERT).getEncoded()),
                named("x5c certificate base64 text", TestCertificates.RSA_CERT.getBytes(StandardCharsets.US_ASCII)));
    }

    /** D1: HMAC names are not algorithms here at all, so an asymmetric key can never become a MAC key. */
    @ParameterizedTest(name = "[{index}] HS256 keyed with the RSA public key as {0}")
    @MethodSource("d1Secrets")
    void D1_validateWhenHs256KeyedWithRsaPublicKeyBytesThenUnsupportedAlgorithm(byte[] secret) {
        TestKey victim = TestCertificates.rsaKey();
        JwtValidator v = validator(TestJwks.of(victim));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            String token = Tokens.hs256(TestJwts.builder(victim).headerAlg(alg), secret);
            assertRejected(v, token, Reason.UNSUPPORTED_ALGORITHM);
            assertThat(JwsAlgorithm.fromName(alg)).isEmpty();
        }
    }

    static Stream<Arguments> d2Tokens() {
        JwtValidator unbound = validator(TestJwks.of(RSA));
        JwtValidator boundRs256 = validator(JwkSet.of(RSA.jwk().withAlgorithm(JwsAlgorithm.RS256)));
        JwtValidator boundPs256 = validator(JwkSet.of(RSA.jwk().withAlgorithm(JwsAlgorithm.PS256)));
        return Stream.of(
                named("header PS256, RS256 signature", TestJwts.builder(RSA).alg(JwsAlgorithm.PS256)
                        .signWith(JwsAlgorithm.RS256).build(), unbound, Reason.BAD_SIGNATURE),
                named("header RS256, PS256 signature", TestJwts.builder(RSA).alg(JwsAlgorithm.RS256)
                        .signWith(JwsAlgorithm.PS256).build(), unbound, Reason.BAD_SIGNATURE),
                named("header PS384, PS256 signature", TestJwts.builder(RSA).alg(JwsAlgorithm.PS384)
                        .signWith(JwsAlgorithm.PS256).build(), unbound, Reason.BAD_SIGNATURE),
                named("header RS512, RS256 signature", TestJwts.builder(RSA).alg(JwsAlgorithm.RS512)
                        .signWith(JwsAlgorithm.RS256).build(), unbound, Reason.BAD_SIGNATURE),
                named("valid PS256 at a key bound to RS256", TestJwts.builder(RSA).alg(JwsAlgorithm.PS256).build(),
                        boundRs256, Reason.KEY_MISMATCH),
                named("valid RS256 at a key bound to PS256", TestJwts.builder(RSA).alg(JwsAlgorithm.RS256).build(),
                        boundPs256, Reason.KEY_MISMATCH));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d2Tokens")
    void D2_validateWhenRsaPkcs1AndPssSwappedOnOneKeyThenBadSignatureOrKeyMismatch(String token, JwtValidator v, Reason expected) {
        assertRejected(v, token, expected);
    }

    static Stream<Arguments> d3Tokens() {
        String p256Json = P256.jwkJson();
        JwkSet keys = TestJwks.parse(P256.jwkJson(), P384.jwkJson(),
                TestJwks.withString(TestJwks.withString(p256Json, "kid", "p256-es521"), "alg", "ES521"),
                TestJwks.withString(TestJwks.withString(p256Json, "kid", "p256-es224"), "alg", "ES224"),
                TestJwks.withString(TestJwks.withString(p256Json, "kid", "p256-es384"), "alg", "ES384"),
                TestJwks.withString(TestJwks.withString(p256Json, "kid", "p256-es512"), "alg", "ES512"));
        JwtValidator v = validator(keys);
        return Stream.of(
                named("ES256 header, P-384 key", TestJwts.builder(P384).alg(JwsAlgorithm.ES256).build(), v, Reason.KEY_MISMATCH),
                named("ES512 header, P-256 key", TestJwts.builder(P256).alg(JwsAlgorithm.ES512).build(), v, Reason.KEY_MISMATCH),
                named("ES384 header, P-256 key", TestJwts.builder(P256).alg(JwsAlgorithm.ES384).build(), v, Reason.KEY_MISMATCH),
                named("key alg ES521 on P-256", TestJwts.builder(P256).kid("p256-es521").build(), v, Reason.KEY_MISMATCH),
                named("key alg ES224 on P-256", TestJwts.builder(P256).kid("p256-es224").build(), v, Reason.KEY_MISMATCH),
                named("key alg ES384 on P-256 (refused key)", TestJwts.builder(P256).kid("p256-es384").build(), v,
                        Reason.INVALID_KEY),
                named("key alg ES512 on P-256 with an ES512 token", TestJwts.builder(P256).alg(JwsAlgorithm.ES512)
                        .kid("p256-es512").build(), v, Reason.INVALID_KEY));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d3Tokens")
    void D3_validateWhenEcdsaCurveAndAlgorithmDisagreeThenKeyMismatchOrInvalidKey(String token, JwtValidator v, Reason expected) {
        assertRejected(v, token, expected);
    }

    static Stream<Arguments> d4Tokens() {
        byte[] spki = TestKeys.x25519().getPublic().getEncoded();
        byte[] u = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String x25519 = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"x25519\",\"x\":\"" + Base64Url.encode(u) + "\"}";
        JwkSet keys = TestJwks.parse(ED.jwkJson(), ED448.jwkJson(), x25519);
        JwtValidator v = validator(keys);
        return Stream.of(
                named("EdDSA header, Ed448 key", TestJwts.builder(ED448).build(), v, Reason.KEY_MISMATCH),
                named("EdDSA header, X25519 key", TestJwts.builder(ED).kid("x25519").build(), v, Reason.KEY_MISMATCH),
                // RFC 9864 fully-specified names are not implemented: the allow-list check comes first
                named("Ed25519 header, Ed448 key", TestJwts.builder(ED448).headerAlg("Ed25519").build(), v,
                        Reason.UNSUPPORTED_ALGORITHM),
                named("Ed448 header, Ed448 key", TestJwts.builder(ED448).headerAlg("Ed448").build(), v, Reason.UNSUPPORTED_ALGORITHM),
                named("EdDSA header, Ed25519 key (control)", TestJwts.builder(ED).build(), v, null));
    }

    /**
     * D4. The case expects KEY_MISMATCH for an {@code Ed25519} header; this library does not implement the
     * RFC 9864 names, so such a header is refused earlier, at the algorithm check (UNSUPPORTED_ALGORITHM).
     */
    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d4Tokens")
    void D4_validateWhenEdDsaWithEd448OrX25519KeyThenKeyMismatch(String token, JwtValidator v, Reason expected) {
        assertOutcome(v, token, expected);
    }

    @ParameterizedTest(name = "[{index}] alg \"{0}\"")
    @ValueSource(strings = {"", " ", "RS256\u0000", "\u0000RS256", "PS256 ", "EDDSA", "eddsa", "Ed448", "ES256K", "RSA-OAEP", "dir",
            "A128KW", "RS257", "ES", "RS", "none ", "HS256\u0000RS256"})
    void D5_validateWhenAlgUnknownOrMalformedThenUnsupportedAlgorithm(String alg) {
        assertRejected(validator(), TestJwts.builder(RSA).headerAlg(alg).build(), Reason.UNSUPPORTED_ALGORITHM);
        assertRejected(validator(), TestJwts.builder(RSA).headerAlg(alg.repeat(200) + "X").build(), Reason.UNSUPPORTED_ALGORITHM);
    }

    static Stream<Arguments> d6Tokens() {
        String pbes2 = "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2147483647,\"p2s\":\"c2FsdHNhbHRzYWx0\","
                + "\"kid\":\"rsa-2048\"}";
        String rsa15 = "{\"alg\":\"RSA1_5\",\"enc\":\"A128CBC-HS256\",\"kid\":\"rsa-2048\"}";
        String dir = "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}";
        String ecdh = "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}}";
        return Stream.of(
                named("PBES2 p2c 2^31-1, 5 parts", TestKeys.b64(pbes2) + ".a2V5.aXY.Y3Q.dGFn", Reason.MALFORMED),
                named("PBES2 p2c 2^31-1, 3 parts", TestKeys.b64(pbes2) + "." + TestKeys.b64("{}") + ".c2ln", Reason.UNSUPPORTED_ALGORITHM),
                named("RSA1_5, 5 parts", TestKeys.b64(rsa15) + ".a2V5.aXY.Y3Q.dGFn", Reason.MALFORMED),
                named("RSA1_5, 3 parts", TestKeys.b64(rsa15) + "." + TestKeys.b64("{}") + ".c2ln", Reason.UNSUPPORTED_ALGORITHM),
                named("dir, 5 parts with empty key", TestKeys.b64(dir) + "..aXY.Y3Q.dGFn", Reason.MALFORMED),
                named("ECDH-ES, 3 parts", TestKeys.b64(ecdh) + "." + TestKeys.b64("{}") + ".c2ln", Reason.UNSUPPORTED_ALGORITHM));
    }

    /** D6: refused before any key lookup, so no KDF or decryption can run (the source is never asked). */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("d6Tokens")
    void D6_validateWhenJweInputIncludingPbes2ThenRefusedBeforeAnyKeyWork(String token, Reason expected) {
        TestJwks.Counting source = TestJwks.counting(TestJwks.of(RSA));
        JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertRejected(v, token, expected));
        assertThat(source.gets()).isZero();
        assertThat(source.refreshKids()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] crit [{0}]")
    @ValueSource(strings = {"exp:1", "cnf:{}", "bork:true", "http://example.com/ext:\"v\"", "iat:0"})
    void D7_validateWhenCritListsUnknownPresentParameterThenUnsupportedCriticalHeader(String member) {
        int colon = member.lastIndexOf(':');
        String name = member.substring(0, colon);
        String token = TestJwts.builder(RSA).header(name, member.substring(colon + 1)).header("crit", "[" + TestJwts.str(name) + "]")
                .build();
        assertRejected(validator(), token, Reason.UNSUPPORTED_CRITICAL_HEADER);
    }

    static Stream<Arguments> d8Tokens() {
        return Stream.of(
                named("crit []", TestJwts.builder(RSA).header("crit", "[]").build()),
                named("crit a string", TestJwts.builder(RSA).header("bork", "1").header("crit", "\"bork\"").build()),
                named("crit an object", TestJwts.builder(RSA).header("crit", "{}").build()),
                named("crit null", TestJwts.builder(RSA).header("crit", "null").build()),
                named("crit with a number", TestJwts.builder(RSA).header("crit", "[1]").build()),
                named("crit with null", TestJwts.builder(RSA).header("crit", "[null]").build()),
                named("crit [\"alg\"]", TestJwts.builder(RSA).header("crit", "[\"alg\"]").build()),
                named("crit [\"kid\"]", TestJwts.builder(RSA).header("crit", "[\"kid\"]").build()),
                named("crit [\"crit\"]", TestJwts.builder(RSA).header("crit", "[\"crit\"]").build()),
                named("crit naming an absent parameter", TestJwts.builder(RSA).header("crit", "[\"bork\"]").build()),
                named("crit with a duplicate", TestJwts.builder(RSA).header("bork", "1").header("crit", "[\"bork\",\"bork\"]").build()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("d8Tokens")
    void D8_validateWhenCritMalformedThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    @ParameterizedTest(name = "[{index}] b64 {0}")
    @ValueSource(strings = {"false", "true"})
    void D9_validateWhenUnencodedPayloadOptionThenUnsupportedCriticalHeader(String b64) {
        String token = TestJwts.builder(RSA).header("b64", b64).header("crit", "[\"b64\"]").build();
        assertRejected(validator(), token, Reason.UNSUPPORTED_CRITICAL_HEADER);
        // an unencoded payload containing "." cannot even be split as a compact JWS
        String raw = TestKeys.b64("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}") + ".a.b." + Tokens.parts(token)[2];
        assertRejected(validator(), raw, Reason.MALFORMED);
    }

    static Stream<Arguments> d10Tokens() {
        return Stream.of(
                named("b64 false without crit", TestJwts.builder(RSA).header("b64", "false").build()),
                named("b64 true without crit", TestJwts.builder(RSA).header("b64", "true").build()),
                named("b64 \"false\" with crit", TestJwts.builder(RSA).header("b64", "\"false\"").header("crit", "[\"b64\"]").build()),
                named("b64 0 with crit", TestJwts.builder(RSA).header("b64", "0").header("crit", "[\"b64\"]").build()),
                named("b64 null", TestJwts.builder(RSA).header("b64", "null").build()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("d10Tokens")
    void D10_validateWhenB64WithoutCritOrNotBooleanThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> d11Tokens() {
        String attackerJwk = ATTACKER.jwk("attacker").toJson();
        return Stream.of(
                named("embedded jwk, no kid", TestJwts.builder(ATTACKER).noKid().header("jwk", attackerJwk).build(), Reason.BAD_SIGNATURE),
                named("embedded jwk, its own kid", TestJwts.builder(ATTACKER).kid("attacker").header("jwk", attackerJwk).build(),
                        Reason.UNKNOWN_KEY),
                named("embedded jwk, trusted kid", TestJwts.builder(ATTACKER).kid(RSA.kid()).header("jwk", attackerJwk).build(),
                        Reason.BAD_SIGNATURE),
                named("embedded jwk equal to the trusted key, attacker signature", TestJwts.builder(ATTACKER).kid(RSA.kid())
                        .header("jwk", RSA.jwkJson()).build(), Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("d11Tokens")
    void D11_validateWhenEmbeddedJwkHoldsTheSigningKeyThenItIsNeverUsed(String token, Reason expected) {
        assertRejected(validator(TestJwks.of(RSA)), token, expected);
    }

    @ParameterizedTest(name = "[{index}] jwk with \"{0}\"")
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void D12_validateWhenEmbeddedJwkHasPrivateMembersThenMalformed(String member) {
        String jwk = TestJwks.with(RSA.jwkJson(), member, member.equals("oth") ? "[]" : "\"AQAB\"");
        assertRejected(validator(), TestJwts.builder(RSA).header("jwk", jwk).build(), Reason.MALFORMED);
    }

    static Stream<Arguments> d13Kids() {
        return Stream.of(
                named("../../../../dev/null", "../../../../dev/null", Reason.UNKNOWN_KEY),
                named("/dev/null", "/dev/null", Reason.UNKNOWN_KEY),
                named("' OR '1'='1", "' OR '1'='1", Reason.UNKNOWN_KEY),
                named("%00", "%00", Reason.UNKNOWN_KEY),
                named("${jndi:ldap://127.0.0.1/a}", "${jndi:ldap://127.0.0.1/a}", Reason.UNKNOWN_KEY),
                named("CR LF header injection", "\r\nX-Injected: 1", Reason.UNKNOWN_KEY),
                named("many CR LF", "\r\n".repeat(500) + "X-Injected: 1", Reason.UNKNOWN_KEY),
                named("bidi override and markup", "\u202e<script>alert(1)</script>", Reason.UNKNOWN_KEY),
                named("10,000-character kid", "k".repeat(10_000), Reason.UNKNOWN_KEY),
                named("64 KiB kid", "k".repeat(64 * 1024), Reason.TOKEN_TOO_LARGE));
    }

    /** D13: exact-match lookup only; the message escapes and truncates the kid (bounded, no raw CR/LF). */
    @ParameterizedTest(name = "[{index}] kid {0} -> {1}")
    @MethodSource("d13Kids")
    void D13_validateWhenKidIsAnInjectionPayloadThenUnknownKeyWithBoundedEscapedMessage(String kid, Reason expected) {
        TestJwks.Counting source = TestJwks.counting(TestJwks.of(RSA));
        JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
        JwtValidationException e = assertRejected(v, TestJwts.builder(RSA).kid(kid).build(), expected);
        assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u202e").hasSizeLessThanOrEqualTo(256);
        assertThat(e.toString()).doesNotContain("\r").doesNotContain("\n");
        if (expected == Reason.UNKNOWN_KEY) {
            assertThat(source.refreshKids()).containsExactly(kid);
        }
    }

    static Stream<Arguments> d14Kids() {
        return Stream.of(
                named("different case", "key-1", TestJwts.builder(RSA).kid("key-1").build(), Reason.UNKNOWN_KEY),
                named("upper case", "KEY-1", TestJwts.builder(RSA).kid("KEY-1").build(), Reason.UNKNOWN_KEY),
                named("trailing space", "Key-1 ", TestJwts.builder(RSA).kid("Key-1 ").build(), Reason.UNKNOWN_KEY),
                named("leading space", " Key-1", TestJwts.builder(RSA).kid(" Key-1").build(), Reason.UNKNOWN_KEY),
                named("full-width digit", "Key-\uff11", TestJwts.builder(RSA).kid("Key-\uff11").build(), Reason.UNKNOWN_KEY),
                named("NFD of an NFC kid", "cafe\u0301", TestJwts.builder(ATTACKER).kid("cafe\u0301").build(), Reason.UNKNOWN_KEY),
                named("exact NFC kid (control)", "caf\u00e9", TestJwts.builder(ATTACKER).kid("caf\u00e9").build(), null),
                named("exact kid (control)", "Key-1", TestJwts.builder(RSA).kid("Key-1").build(), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d14Kids")
    void D14_validateWhenKidIsANearMissThenUnknownKey(String kid, String token, Reason expected) {
        JwtValidator v = validator(JwkSet.of(RSA.jwk("Key-1"), ATTACKER.jwk("caf\u00e9")));
        assertOutcome(v, token, expected);
        assertThat(Tokens.utf8(Tokens.decoded(token, 0))).contains(TestJwts.str(kid));
    }

    static Stream<Arguments> d15Cases() {
        JwtValidator oneFitting = validator(TestJwks.of(RSA, P256, ED));
        JwtValidator twoFitting = validator(TestJwks.of(RSA, ATTACKER));
        JwtValidator oneFittingOfTwoRsa = validator(JwkSet.of(RSA.jwk(), ATTACKER.jwk().withAlgorithm(JwsAlgorithm.PS256)));
        JwtValidator requireKid = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).requireKid().build();
        String noKid = TestJwts.builder(RSA).noKid().build();
        return Stream.of(
                named("one key fits RS256 (others are EC/OKP)", noKid, oneFitting, null),
                named("two RSA keys fit", noKid, twoFitting, Reason.UNKNOWN_KEY),
                named("two RSA keys, one bound to PS256", noKid, oneFittingOfTwoRsa, null),
                named("requireKid, one key", noKid, requireKid, Reason.UNKNOWN_KEY),
                named("no key fits", TestJwts.builder(TestKeys.p384()).noKid().build(), oneFitting, Reason.UNKNOWN_KEY));
    }

    /** D15: without kid the single fitting key is used; with two or more, a kid is required (never try several). */
    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d15Cases")
    void D15_validateWhenKidAbsentThenSingleFittingKeyOrUnknownKey(String token, JwtValidator v, Reason expected) {
        assertOutcome(v, token, expected);
    }

    static Stream<Arguments> d16Tokens() {
        JwkSet keys = TestJwks.parse(
                TestJwks.withString(RSA.jwk("rsa-enc").toJson(), "use", "enc"),
                TestJwks.withString(P256.jwk("ec-enc").toJson(), "use", "enc"),
                TestJwks.with(RSA.jwk("rsa-ops-encrypt").toJson(), "key_ops", "[\"encrypt\"]"),
                TestJwks.with(P256.jwk("ec-ops-encrypt").toJson(), "key_ops", "[\"encrypt\"]"),
                TestJwks.with(RSA.jwk("rsa-ops-wrap").toJson(), "key_ops", "[\"decrypt\",\"wrapKey\"]"),
                TestJwks.with(RSA.jwk("rsa-ops-none").toJson(), "key_ops", "[]"),
                TestJwks.with(RSA.jwk("rsa-ops-sign-only").toJson(), "key_ops", "[\"sign\"]"),
                TestJwks.with(TestJwks.withString(RSA.jwk("rsa-sig-verify").toJson(), "use", "sig"), "key_ops", "[\"verify\"]"));
        JwtValidator v = validator(keys);
        return Stream.of(
                named("RSA use enc", TestJwts.builder(RSA).kid("rsa-enc").build(), v, Reason.KEY_MISMATCH),
                named("EC use enc", TestJwts.builder(P256).kid("ec-enc").build(), v, Reason.KEY_MISMATCH),
                named("RSA key_ops [encrypt]", TestJwts.builder(RSA).kid("rsa-ops-encrypt").build(), v, Reason.KEY_MISMATCH),
                named("EC key_ops [encrypt]", TestJwts.builder(P256).kid("ec-ops-encrypt").build(), v, Reason.KEY_MISMATCH),
                named("RSA key_ops [decrypt, wrapKey]", TestJwts.builder(RSA).kid("rsa-ops-wrap").build(), v, Reason.KEY_MISMATCH),
                named("RSA key_ops []", TestJwts.builder(RSA).kid("rsa-ops-none").build(), v, Reason.KEY_MISMATCH),
                named("RSA key_ops [sign] (lacks verify)", TestJwts.builder(RSA).kid("rsa-ops-sign-only").build(), v, Reason.KEY_MISMATCH),
                named("use sig, key_ops [verify] (control)", TestJwts.builder(RSA).kid("rsa-sig-verify").build(), v, null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d16Tokens")
    void D16_validateWhenKeyIsForEncryptionOrKeyOpsLackVerifyThenKeyMismatch(String token, JwtValidator v, Reason expected) {
        assertOutcome(v, token, expected);
    }

    static Stream<Arguments> d17Tokens() {
        JwtValidator sameKty = validator(JwkSet.of(RSA.jwk("dup"), ATTACKER.jwk("dup")));
        JwtValidator differentKty = validator(JwkSet.of(RSA.jwk("dup"), P256.jwk("dup")));
        return Stream.of(
                named("two RSA keys share the kid, signed by the first", TestJwts.builder(RSA).kid("dup").build(), sameKty,
                        Reason.UNKNOWN_KEY),
                named("two RSA keys share the kid, signed by the second", TestJwts.builder(ATTACKER).kid("dup").build(), sameKty,
                        Reason.UNKNOWN_KEY),
                named("RSA and EC share the kid, RS256 token", TestJwts.builder(RSA).kid("dup").build(), differentKty, null),
                named("RSA and EC share the kid, ES256 token", TestJwts.builder(P256).kid("dup").build(), differentKty, null));
    }

    /** D17: KEY_AMBIGUOUS maps to UNKNOWN_KEY; a kid shared across key types is resolved by the algorithm's kty. */
    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("d17Tokens")
    void D17_validateWhenTwoKeysOfOneTypeShareTheKidThenUnknownKey(String token, JwtValidator v, Reason expected) {
        assertOutcome(v, token, expected);
    }

    static Stream<Arguments> d18Tokens() {
        TestKey certKey = TestCertificates.rsaKey();
        String x5c = "[" + TestJwts.str(TestCertificates.RSA_CERT) + "]";
        String wrongSha1 = TestJwts.str(Base64Url.encode(new byte[20]));
        String wrongSha256 = TestJwts.str(Base64Url.encode(new byte[32]));
        return Stream.of(
                named("x5c self-signed, signed by its key, no kid", TestJwts.builder(certKey).noKid().header("x5c", x5c).build(),
                        Reason.BAD_SIGNATURE),
                named("x5c self-signed, signed by its key, its kid", TestJwts.builder(certKey).header("x5c", x5c).build(),
                        Reason.UNKNOWN_KEY),
                named("x5c self-signed on a valid token (ignored)", TestJwts.builder(RSA).header("x5c", x5c).build(), null),
                named("x5c garbage on a valid token (ignored)", TestJwts.builder(RSA).header("x5c", "[\"not base64!\"]").build(), null),
                named("x5t not matching the key (ignored)", TestJwts.builder(RSA).header("x5t", wrongSha1).build(), null),
                named("x5t#S256 not matching the key (ignored)", TestJwts.builder(RSA).header("x5t#S256", wrongSha256).build(), null));
    }

    /** D18 policy: x5c, x5t and x5t#S256 in a token header are ignored (never a trust anchor, no effect, no network). */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("d18Tokens")
    void D18_validateWhenX5cOrX5tInTokenHeaderThenIgnored(String token, Reason expected) {
        assertOutcome(validator(TestJwks.of(RSA)), token, expected);
    }

    static Stream<Arguments> d19Tokens() {
        return Stream.of(
                named("typ absent", TestJwts.builder(RSA).build(), null),
                named("typ JWT", TestJwts.builder(RSA).typ("JWT").build(), null),
                named("typ jwt", TestJwts.builder(RSA).typ("jwt").build(), null),
                named("typ application/jwt", TestJwts.builder(RSA).typ("application/jwt").build(), null),
                named("typ at+jwt", TestJwts.builder(RSA).typ("at+jwt").build(), Reason.TYPE_MISMATCH),
                named("typ JOSE", TestJwts.builder(RSA).typ("JOSE").build(), Reason.TYPE_MISMATCH),
                named("typ \"JWT \"", TestJwts.builder(RSA).typ("JWT ").build(), Reason.TYPE_MISMATCH),
                named("typ application/jwt/x", TestJwts.builder(RSA).typ("application/jwt/x").build(), Reason.TYPE_MISMATCH),
                named("typ \"\"", TestJwts.builder(RSA).typ("").build(), Reason.TYPE_MISMATCH),
                named("typ 123", TestJwts.builder(RSA).header("typ", "123").build(), Reason.MALFORMED),
                named("cty JWT", TestJwts.builder(RSA).header("cty", "\"JWT\"").build(), Reason.MALFORMED),
                named("cty jwt", TestJwts.builder(RSA).header("cty", "\"jwt\"").build(), Reason.MALFORMED),
                named("cty json (ignored)", TestJwts.builder(RSA).header("cty", "\"json\"").build(), null));
    }

    /** D19: with no type configured, typ must be absent or JWT (A15 covers a configured type; A5 nested cty). */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("d19Tokens")
    void D19_validateWhenTypOrCtyUnexpectedThenTypeMismatchOrMalformed(String token, Reason expected) {
        assertOutcome(validator(), token, expected);
    }
}
