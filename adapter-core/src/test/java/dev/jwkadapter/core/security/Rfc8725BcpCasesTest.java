package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertJwkRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Failure;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md §A: RFC 8725 (JWT BCP) requirements as validator-level tests. */
class Rfc8725BcpCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final TestKey ATTACKER = TestKeys.rsa2048Other();
    private static final TestKey P256 = TestKeys.p256();
    private static final TestKey ED = TestKeys.ed25519();

    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @BeforeAll
    static void startLoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            byte[] body = TestJwks.document(ATTACKER.jwkJson()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        // guard: the server does answer, so the zero counts below are not an artefact of a dead server
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/probe").toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        c.disconnect();
        REQUESTS.set(0);
    }

    @AfterAll
    static void stopLoopbackServer() {
        server.stop(0);
    }

    private static JwtValidator allAlgorithms(JwkSet keys) {
        return TestJwts.validator(keys, Tokens.ALL).build();
    }

    static Stream<Arguments> a1Tokens() {
        return Stream.of(
                Arguments.of(Named.of("RS256", TestJwts.builder(RSA).alg(JwsAlgorithm.RS256).build()), null),
                Arguments.of(Named.of("RS384", TestJwts.builder(RSA).alg(JwsAlgorithm.RS384).build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("RS512", TestJwts.builder(RSA).alg(JwsAlgorithm.RS512).build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("PS256", TestJwts.builder(RSA).alg(JwsAlgorithm.PS256).build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("ES256", TestJwts.builder(P256).build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("EdDSA", TestJwts.builder(ED).build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("HS256", Tokens.hs256(TestJwts.builder(RSA).kid("hmac").headerAlg("HS256"),
                        "a-real-hmac-secret-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII))), Reason.UNSUPPORTED_ALGORITHM));
    }

    /** The validator cannot be built without an allow-list: see JwtValidatorTest#buildWhenNoAlgorithmsThenRefused. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("a1Tokens")
    void A1_validateWhenAlgorithmNotOnAllowListThenUnsupportedAlgorithm(String token, Reason expected) {
        JwtValidator validator = TestJwts.validator(TestJwks.of(RSA, P256, ED), JwsAlgorithm.RS256).build();
        assertOutcome(validator, token, expected);
    }

    @ParameterizedTest(name = "[{index}] token {0}")
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void A2_validateWhenKeyBoundToPs512AndTokenUsesAnotherAlgorithmThenKeyMismatch(String alg) {
        JwkSet keys = JwkSet.of(RSA.jwk().withAlgorithm(JwsAlgorithm.PS512));
        JwtValidator validator = TestJwts.validator(keys, Tokens.rsaAlgorithms().toArray(new JwsAlgorithm[0])).build();
        JwsAlgorithm a = JwsAlgorithm.valueOf(alg);
        String token = TestJwts.builder(RSA).alg(a).build();
        assertOutcome(validator, token, a == JwsAlgorithm.PS512 ? null : Reason.KEY_MISMATCH);
    }

    static Stream<Arguments> a3Tokens() {
        List<Arguments> out = new ArrayList<>();
        for (String none : List.of("none", "NONE", "None", "nOnE")) {
            for (boolean emptySignature : new boolean[] {true, false}) {
                for (boolean withKid : new boolean[] {true, false}) {
                    TestJwts.Builder b = TestJwts.builder(RSA).headerAlg(none);
                    if (!withKid) {
                        b.noKid();
                    }
                    if (emptySignature) {
                        b.signature(new byte[0]);
                    }
                    String name = none + (emptySignature ? ", empty signature" : ", RS256 signature")
                            + (withKid ? ", real kid" : ", no kid");
                    out.add(Arguments.of(Named.of(name, b.build())));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("a3Tokens")
    void A3_validateWhenAlgIsNoneInAnySpellingThenUnsupportedAlgorithm(String token) {
        assertThat(token).contains(".");
        assertRejected(allAlgorithms(TestJwks.of(RSA)), token, Reason.UNSUPPORTED_ALGORITHM);
        // and "none" cannot be enabled: it has no JwsAlgorithm constant
        assertThat(JwsAlgorithm.fromName("none")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] alg \"{0}\"")
    @ValueSource(strings = {"HS256", "RS1", "HS1", "ES256K", "RS256 ", "rs256", "Rs256"})
    void A4_validateWhenAlgIsSymmetricUnknownOrMisspelledThenUnsupportedAlgorithm(String alg) {
        TestJwts.Builder b = TestJwts.builder(RSA).headerAlg(alg);
        String token = alg.startsWith("HS")
                ? Tokens.hs256(b, RSA.publicKey().getEncoded())
                : b.build();
        assertRejected(allAlgorithms(TestJwks.of(RSA, P256, ED)), token, Reason.UNSUPPORTED_ALGORITHM);
    }

    static Stream<Arguments> a5Tokens() {
        String innerNone = TestKeys.b64("{\"alg\":\"none\"}") + "." + TestKeys.b64("{\"iss\":\"" + TestJwts.ISSUER + "\"}") + ".";
        String innerValid = TestJwts.token(RSA);
        String innerBadSignature = Tokens.withSignature(innerValid, new byte[256]);
        String jwe5 = TestKeys.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-2048\"}") + ".a2V5.aXY.Y2lwaGVy.dGFn";
        String jsonTwoSignatures = "{\"payload\":\"" + TestKeys.b64("{}") + "\",\"signatures\":[{\"protected\":\""
                + TestKeys.b64("{\"alg\":\"RS256\"}") + "\",\"signature\":\"c2ln\"},{\"protected\":\""
                + TestKeys.b64("{\"alg\":\"none\"}") + "\",\"signature\":\"\"}]}";
        return Stream.of(
                Arguments.of(Named.of("cty JWT, inner alg none", nested(innerNone, "JWT"))),
                Arguments.of(Named.of("cty JWT, inner signature invalid", nested(innerBadSignature, "JWT"))),
                Arguments.of(Named.of("cty JWT, inner valid", nested(innerValid, "JWT"))),
                Arguments.of(Named.of("cty application/jwt", nested(innerValid, "application/jwt"))),
                Arguments.of(Named.of("no cty, payload is a JWS", nested(innerNone, null))),
                Arguments.of(Named.of("5-part JWE", jwe5)),
                Arguments.of(Named.of("JSON serialization, two signatures", jsonTwoSignatures)));
    }

    private static String nested(String inner, String cty) {
        TestJwts.Builder b = TestJwts.builder(RSA).payloadBytes(inner.getBytes(StandardCharsets.US_ASCII));
        if (cty != null) {
            b.header("cty", TestJwts.str(cty));
        }
        return b.build();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("a5Tokens")
    void A5_validateWhenNestedJweOrJsonSerializationThenMalformed(String token) {
        assertRejected(allAlgorithms(TestJwks.of(RSA)), token, Reason.MALFORMED);
    }

    static Stream<Arguments> a6Tokens() {
        BigInteger n = ((java.security.interfaces.ECPublicKey) P256.publicKey()).getParams().getOrder();
        byte[] x = fixed(((java.security.interfaces.ECPublicKey) P256.publicKey()).getW().getAffineX(), 32);
        byte[] y = fixed(((java.security.interfaces.ECPublicKey) P256.publicKey()).getW().getAffineY().add(BigInteger.ONE), 32);
        String offCurve = TestJwts.builder(P256).kid("off-curve").build();
        byte[] zeroR = concat(new byte[32], fixed(BigInteger.ONE, 32));
        byte[] sEqualsN = concat(fixed(BigInteger.ONE, 32), fixed(n, 32));
        return Stream.of(
                Arguments.of(Named.of("EC point not on the curve (F6)", offCurve), TestJwks.ec("off-curve", "P-256", x, y),
                        Reason.INVALID_KEY),
                Arguments.of(Named.of("ECDSA r = 0 (E1)", TestJwts.builder(P256).signature(zeroR).build()), null,
                        Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("ECDSA s = n (E2)", TestJwts.builder(P256).signature(sEqualsN).build()), null,
                        Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("ECDSA signature of 63 bytes (E3)", TestJwts.builder(P256).signature(new byte[63]).build()),
                        null, Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("a6Tokens")
    void A6_validateWhenCryptographicInputsInvalidThenRejected(String token, String extraJwk, Reason expected) {
        JwkSet keys = extraJwk == null ? TestJwks.of(P256) : TestJwks.parse(P256.jwkJson(), extraJwk);
        assertRejected(allAlgorithms(keys), token, expected);
    }

    @ParameterizedTest(name = "[{index}] RSA {0} bits")
    @ValueSource(ints = {1024, 1536})
    void A7_loadWhenLocalRsaKeyShorterThan2048BitsThenInvalidKey(int bits) {
        TestKey weak = TestKeys.freshRsa("weak-" + bits, bits);
        assertJwkRejected(() -> Jwk.fromPublicKey(weak.publicKey(), weak.kid()), JwkException.Reason.INVALID_KEY);
        assertJwkRejected(() -> Jwk.parse(TestJwks.rsa("weak", weak.modulus(), BigInteger.valueOf(65537))),
                JwkException.Reason.INVALID_KEY);
    }

    @ParameterizedTest(name = "[{index}] zip {0}")
    @ValueSource(strings = {"\"DEF\"", "\"\"", "null"})
    void A8_validateWhenJwsHeaderHasZipThenMalformed(String zip) {
        String token = TestJwts.builder(RSA).header("zip", zip).build();
        assertRejected(allAlgorithms(TestJwks.of(RSA)), token, Reason.MALFORMED);
    }

    static Stream<Arguments> a9Tokens() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\"}";
        String claims = TestJwts.builder(RSA).payloadText();
        List<Arguments> out = new ArrayList<>();
        for (String part : List.of("header", "claims")) {
            String text = part.equals("header") ? header : claims;
            out.add(encoded(part, "UTF-16BE", text.getBytes(StandardCharsets.UTF_16BE)));
            out.add(encoded(part, "UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE)));
            out.add(encoded(part, "UTF-16 with BOM", text.getBytes(StandardCharsets.UTF_16)));
            out.add(encoded(part, "UTF-32BE", text.getBytes(Charset.forName("UTF-32BE"))));
            out.add(encoded(part, "UTF-32LE", text.getBytes(Charset.forName("UTF-32LE"))));
            out.add(encoded(part, "UTF-8 with BOM", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    text.getBytes(StandardCharsets.UTF_8))));
            out.add(encoded(part, "overlong C0 AF", withRawValue(text, new byte[] {(byte) 0xC0, (byte) 0xAF})));
            out.add(encoded(part, "CESU surrogate ED A0 80", withRawValue(text, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
            out.add(encoded(part, "invalid byte FF", withRawValue(text, new byte[] {(byte) 0xFF})));
        }
        return out.stream();
    }

    /** The JSON text with a member {@code "x":"<raw bytes>"} inserted first. */
    static byte[] withRawValue(String json, byte[] raw) {
        byte[] start = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] end = ("\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        return concat(concat(start, raw), end);
    }

    private static Arguments encoded(String part, String encoding, byte[] bytes) {
        TestJwts.Builder b = TestJwts.builder(RSA);
        if (part.equals("header")) {
            b.headerBytes(bytes);
        } else {
            b.payloadBytes(bytes);
        }
        return Arguments.of(Named.of(part + " in " + encoding, b.build()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("a9Tokens")
    void A9_validateWhenHeaderOrClaimsAreNotStrictUtf8ThenMalformed(String token) {
        assertRejected(allAlgorithms(TestJwks.of(RSA)), token, Reason.MALFORMED);
    }

    static Stream<Arguments> a10Tokens() {
        TestKey issuerBKey = TestKeys.of("issuer-b-key", ATTACKER.keyPair(), JwsAlgorithm.RS256);
        JwtValidator validatorA = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).build();
        JwtValidator validatorB = TestJwts.validator(TestJwks.of(issuerBKey), JwsAlgorithm.RS256)
                .issuer("https://issuer-b.example").build();
        String signedByBClaimingA = TestJwts.token(issuerBKey);
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of(Named.of("B's key, iss A, at B's validator", signedByBClaimingA), validatorB, Reason.ISSUER_MISMATCH));
        // keys are indexed per issuer: A's validator does not know B's key at all
        out.add(Arguments.of(Named.of("B's key, iss A, at A's validator", signedByBClaimingA), validatorA, Reason.UNKNOWN_KEY));
        for (String iss : List.of(TestJwts.ISSUER + "/", "HTTPS://ISSUER.EXAMPLE", "https://Issuer.example",
                "http://issuer.example", TestJwts.ISSUER + "/v2.0", " " + TestJwts.ISSUER)) {
            out.add(Arguments.of(Named.of("iss " + TestJwts.str(iss), TestJwts.builder(RSA).claimString("iss", iss).build()),
                    validatorA, Reason.ISSUER_MISMATCH));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("a10Tokens")
    void A10_validateWhenIssuerDiffersOrKeyBelongsToAnotherIssuerThenRejected(String token, JwtValidator validator,
            Reason expected) {
        assertRejected(validator, token, expected);
    }

    static Stream<Arguments> a11Tokens() {
        String oid = TestJwts.str("00000000-0000-0000-0000-0000000000aa");
        return Stream.of(
                Arguments.of(Named.of("sub and oid present", TestJwts.builder(RSA).claim("oid", oid).build()), null),
                Arguments.of(Named.of("sub missing", TestJwts.builder(RSA).removeClaim("sub").claim("oid", oid).build()),
                        Reason.MISSING_CLAIM),
                Arguments.of(Named.of("sub a number", TestJwts.builder(RSA).claim("sub", "5").claim("oid", oid).build()),
                        Reason.INVALID_CLAIM),
                Arguments.of(Named.of("sub an array", TestJwts.builder(RSA).claim("sub", "[\"a\"]").claim("oid", oid).build()),
                        Reason.INVALID_CLAIM),
                Arguments.of(Named.of("sub empty", TestJwts.builder(RSA).claim("sub", "\"\"").claim("oid", oid).build()),
                        Reason.INVALID_CLAIM),
                Arguments.of(Named.of("sub null", TestJwts.builder(RSA).claim("sub", "null").claim("oid", oid).build()),
                        Reason.INVALID_CLAIM),
                Arguments.of(Named.of("oid missing", TestJwts.builder(RSA).build()), Reason.MISSING_CLAIM),
                Arguments.of(Named.of("oid empty", TestJwts.builder(RSA).claim("oid", "\"\"").build()), Reason.INVALID_CLAIM),
                Arguments.of(Named.of("oid null", TestJwts.builder(RSA).claim("oid", "null").build()), Reason.INVALID_CLAIM));
    }

    /**
     * A11. Core knows the type of {@code sub} (RFC 7519) but not of {@code oid}: a non-string {@code oid}
     * is the Azure AD validator's (or a custom check's) concern; core checks presence and non-emptiness.
     */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("a11Tokens")
    void A11_validateWhenRequiredSubjectOrOidMissingOrMalformedThenRejected(String token, Reason expected) {
        JwtValidator validator = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).requiredClaims("sub", "oid").build();
        assertOutcome(validator, token, expected);
    }

    static Stream<Arguments> a12Tokens() {
        String aud = TestJwts.AUDIENCE;
        return Stream.of(
                Arguments.of(Named.of("aud missing", TestJwts.builder(RSA).removeClaim("aud").build()), Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud []", TestJwts.builder(RSA).claim("aud", "[]").build()), Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud \"\"", TestJwts.builder(RSA).claim("aud", "\"\"").build()), Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud 123", TestJwts.builder(RSA).claim("aud", "123").build()), Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud [\"x\", 5]", TestJwts.builder(RSA).claim("aud", "[\"x\",5]").build()),
                        Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud [expected, 5]", TestJwts.builder(RSA).claim("aud", "[" + TestJwts.str(aud) + ",5]").build()),
                        Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud superstring", TestJwts.builder(RSA).claimString("aud", aud + "x").build()),
                        Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud prefix", TestJwts.builder(RSA).claimString("aud", aud.substring(0, aud.length() - 1)).build()),
                        Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud other case", TestJwts.builder(RSA).claimString("aud", aud.toUpperCase(java.util.Locale.ROOT)).build()),
                        Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("aud [\"other\", expected]", TestJwts.builder(RSA)
                        .claim("aud", "[\"other\"," + TestJwts.str(aud) + "]").build()), null),
                Arguments.of(Named.of("aud [expected]", TestJwts.builder(RSA).claim("aud", "[" + TestJwts.str(aud) + "]").build()), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("a12Tokens")
    void A12_validateWhenAudienceMissingEmptyNonStringOrNotExactThenAudienceMismatch(String token, Reason expected) {
        assertOutcome(TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).build(), token, expected);
    }

    @ParameterizedTest(name = "[{index}] kid {0}")
    @ValueSource(strings = {"../../../../dev/null", "/dev/null", "' OR '1'='1", "%00", "${jndi:ldap://127.0.0.1/a}",
            "\r\nX-Injected: 1", "rsa-2048\u0000"})
    void A13_validateWhenKidCarriesInjectionPayloadThenUsedOnlyAsExactLookupKeyAndUnknownKey(String kid) {
        TestJwks.Counting source = TestJwks.counting(TestJwks.of(RSA));
        JwtValidator validator = TestJwts.validator(source, JwsAlgorithm.RS256).build();
        assertRejected(validator, TestJwts.builder(RSA).kid(kid).build(), Reason.UNKNOWN_KEY);
        assertThat(source.refreshKids()).containsExactly(kid);
    }

    static Stream<Arguments> a14Tokens() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Stream.of(
                Arguments.of(Named.of("jku at loopback, attacker kid", TestJwts.builder(ATTACKER)
                        .header("jku", TestJwts.str(base + "/jwks.json")).build()), Reason.UNKNOWN_KEY),
                Arguments.of(Named.of("x5u at loopback, trusted kid", TestJwts.builder(RSA).signWith(ATTACKER, JwsAlgorithm.RS256)
                        .header("x5u", TestJwts.str(base + "/cert.pem")).build()), Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("jku at loopback, no kid", TestJwts.builder(ATTACKER).noKid()
                        .header("jku", TestJwts.str(base + "/jwks.json")).build()), Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("jku at 169.254.169.254", TestJwts.builder(ATTACKER)
                        .header("jku", TestJwts.str("http://169.254.169.254/metadata/identity/oauth2/token")).build()),
                        Reason.UNKNOWN_KEY),
                Arguments.of(Named.of("jku file://", TestJwts.builder(ATTACKER).header("jku", TestJwts.str("file:///etc/passwd"))
                        .build()), Reason.UNKNOWN_KEY),
                Arguments.of(Named.of("x5u file://, no kid", TestJwts.builder(ATTACKER).noKid()
                        .header("x5u", TestJwts.str("file:///dev/zero")).build()), Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("jku at loopback on a valid token (ignored)", TestJwts.builder(RSA)
                        .header("jku", TestJwts.str(base + "/jwks.json")).build()), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("a14Tokens")
    void A14_validateWhenJkuOrX5uPointSomewhereThenNoRequestAndHeaderIgnored(String token, Reason expected) {
        int before = REQUESTS.get();
        assertOutcome(TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).build(), token, expected);
        assertThat(REQUESTS.get()).as("requests to the loopback server").isEqualTo(before).isZero();
    }

    static Stream<Arguments> a15Tokens() {
        return Stream.of(
                Arguments.of("JWT", Reason.TYPE_MISMATCH),
                Arguments.of(null, Reason.TYPE_MISMATCH),
                Arguments.of("at+jwt ", Reason.TYPE_MISMATCH),
                Arguments.of("jwt", Reason.TYPE_MISMATCH),
                Arguments.of("application/jwt", Reason.TYPE_MISMATCH),
                Arguments.of("at+jwt", null),
                Arguments.of("AT+JWT", null),
                Arguments.of("application/at+jwt", null),
                Arguments.of("Application/AT+jwt", null));
    }

    @ParameterizedTest(name = "[{index}] typ {0} -> {1}")
    @MethodSource("a15Tokens")
    void A15_validateWhenTypDoesNotMatchRequiredAtJwtThenTypeMismatch(String typ, Reason expected) {
        TestJwts.Builder b = TestJwts.builder(RSA);
        if (typ != null) {
            b.typ(typ);
        }
        JwtValidator validator = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).type("at+jwt").build();
        assertOutcome(validator, b.build(), expected);
    }

    private static final String TENANT_A = "11111111-1111-1111-1111-111111111111";
    private static final String TENANT_B = "22222222-2222-2222-2222-222222222222";
    private static final String CLIENT_ID = "33333333-3333-3333-3333-333333333333";

    private static String v2Issuer(String tenant) {
        return "https://login.microsoftonline.com/" + tenant + "/v2.0";
    }

    static Stream<Arguments> a16Tokens() {
        JwtValidator api = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256)
                .issuer(v2Issuer(TENANT_A)).audience("api://contoso-api").build();
        JwtValidator v2Only = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256)
                .issuer(v2Issuer(TENANT_A)).audience(CLIENT_ID).build();
        String idToken = TestJwts.builder(RSA).claimString("iss", v2Issuer(TENANT_A)).claimString("aud", CLIENT_ID).build();
        String v1Token = TestJwts.builder(RSA).claimString("iss", "https://sts.windows.net/" + TENANT_A + "/")
                .claimString("aud", CLIENT_ID).build();
        return Stream.of(
                Arguments.of(Named.of("ID token (aud = client id) at the API validator", idToken), api, Reason.AUDIENCE_MISMATCH),
                Arguments.of(Named.of("v1 token at a v2-only validator", v1Token), v2Only, Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("v2 token at the v2 validator (control)", idToken), v2Only, null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("a16Tokens")
    void A16_validateWhenTokenMeantForAnotherValidationProfileThenRejected(String token, JwtValidator validator, Reason expected) {
        assertOutcome(validator, token, expected);
    }

    static Stream<Arguments> a17Tokens() {
        JwtValidator serviceB = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).audience("api://service-b").build();
        JwtValidator tenantB = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256).issuer(v2Issuer(TENANT_B)).build();
        Set<String> allowed = Set.of(TENANT_B);
        JwtValidator multiTenant = TestJwts.validator(TestJwks.of(RSA), JwsAlgorithm.RS256)
                .issuerValidator(iss -> iss.startsWith("https://login.microsoftonline.com/") && iss.endsWith("/v2.0"))
                .check(jwt -> allowed.contains(jwt.claims().stringClaim("tid").orElse(""))
                        ? Optional.empty()
                        : Optional.of(new Failure(Reason.TENANT_NOT_ALLOWED, "tenant not on the allow-list")))
                .build();
        String forServiceA = TestJwts.builder(RSA).claimString("aud", "api://service-a").build();
        String tenantAToken = TestJwts.builder(RSA).claimString("iss", v2Issuer(TENANT_A)).claimString("tid", TENANT_A).build();
        String tenantBToken = TestJwts.builder(RSA).claimString("iss", v2Issuer(TENANT_B)).claimString("tid", TENANT_B).build();
        return Stream.of(
                Arguments.of(Named.of("service A token replayed at service B", forServiceA), serviceB, Reason.AUDIENCE_MISMATCH),
                // single-tenant: the tenant is bound in the issuer
                Arguments.of(Named.of("tenant A token at tenant B's validator", tenantAToken), tenantB, Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("tenant A token at a multi-tenant validator allowing B", tenantAToken), multiTenant,
                        Reason.TENANT_NOT_ALLOWED),
                Arguments.of(Named.of("tenant B token at a multi-tenant validator allowing B (control)", tenantBToken), multiTenant,
                        null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("a17Tokens")
    void A17_validateWhenTokenSubstitutedAcrossServicesOrTenantsThenRejected(String token, JwtValidator validator,
            Reason expected) {
        assertOutcome(validator, token, expected);
    }

    static Stream<Arguments> a18Tokens() {
        return Stream.of(
                Arguments.of(Named.of("duplicate alg", TestJwts.builder(RSA)
                        .headerJson("{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"alg\":\"none\"}").build()), Reason.MALFORMED),
                Arguments.of(Named.of("alg and escaped \\u0061lg", TestJwts.builder(RSA)
                        .headerJson("{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"\\u0061lg\":\"none\"}").build()), Reason.MALFORMED),
                Arguments.of(Named.of("escaped \\u0061lg none", TestJwts.builder(RSA)
                        .headerJson("{\"\\u0061lg\":\"none\",\"kid\":\"rsa-2048\"}").build()), Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("escaped \\u0061lg RS256 (read as alg)", TestJwts.builder(RSA)
                        .headerJson("{\"\\u0061lg\":\"RS256\",\"kid\":\"rsa-2048\"}").build()), null),
                Arguments.of(Named.of("iss and escaped \\u0069ss", TestJwts.builder(RSA).payloadJson(TestJwts.builder(RSA).payloadText()
                        .replace("}", ",\"\\u0069ss\":\"https://evil.example\"}")).build()), Reason.MALFORMED),
                Arguments.of(Named.of("duplicate exp", TestJwts.builder(RSA).payloadJson(TestJwts.builder(RSA).payloadText()
                        .replace("}", ",\"exp\":99999999999}")).build()), Reason.MALFORMED));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("a18Tokens")
    void A18_validateWhenJsonHasDuplicateOrEscapedMemberNamesThenDecodedNamesCount(String token, Reason expected) {
        assertOutcome(allAlgorithms(TestJwks.of(RSA)), token, expected);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] fixed(BigInteger v, int len) {
        byte[] raw = TestJwks.unsigned(v);
        byte[] out = new byte[len];
        System.arraycopy(raw, 0, out, len - raw.length, raw.length);
        return out;
    }
}
