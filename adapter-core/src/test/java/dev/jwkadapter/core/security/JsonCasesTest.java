package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertJwkRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.core.security.SecurityAssertions.Action;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md §C: JSON in the header, claims and JWKS (RFC 8259; RFC 7515 §5.2; RFC 7519 §4). */
class JsonCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\"}";
    private static final String CLAIMS = TestJwts.builder(RSA).payloadText();
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private static JwtValidator validator() {
        return TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).build();
    }

    private static String withHeader(String headerJson) {
        return TestJwts.builder(RSA).headerJson(headerJson).build();
    }

    private static String withClaims(String claimsJson) {
        return TestJwts.builder(RSA).payloadJson(claimsJson).build();
    }

    /** The default claims with one more member (raw JSON value) at the end. */
    private static String claimsPlus(String name, String rawValue) {
        return CLAIMS.substring(0, CLAIMS.length() - 1) + "," + TestJwts.str(name) + ":" + rawValue + "}";
    }

    private static String headerPlus(String name, String rawValue) {
        return HEADER.substring(0, HEADER.length() - 1) + "," + TestJwts.str(name) + ":" + rawValue + "}";
    }

    private static Arguments token(String name, String token) {
        return Arguments.of(Named.of(name, token));
    }

    private static Arguments action(String name, Action action) {
        return Arguments.of(Named.of(name, action));
    }

    private static Action rejected(String token, Reason reason) {
        return () -> assertRejected(validator(), token, reason);
    }

    private static Action jwkSetRejected(String json) {
        return () -> assertJwkRejected(() -> JwkSet.parse(json), JwkException.Reason.MALFORMED);
    }

    private static Action jwkRejected(String json) {
        return () -> assertJwkRejected(() -> Jwk.parse(json), JwkException.Reason.MALFORMED);
    }

    static Stream<Arguments> c1Tokens() {
        return Stream.of(
                token("alg RS256 then none", withHeader("{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"alg\":\"none\"}")),
                token("alg none then RS256", withHeader("{\"alg\":\"none\",\"kid\":\"rsa-2048\",\"alg\":\"RS256\"}")),
                token("alg RS256 twice", withHeader("{\"alg\":\"RS256\",\"alg\":\"RS256\",\"kid\":\"rsa-2048\"}")),
                token("kid twice", withHeader("{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"kid\":\"other\"}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c1Tokens")
    void C1_validateWhenHeaderMemberDuplicatedThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> c2Tokens() {
        return Stream.of(
                token("iss twice", withClaims(claimsPlus("iss", "\"https://evil.example\""))),
                token("exp twice", withClaims(claimsPlus("exp", "99999999999"))),
                token("aud twice", withClaims(claimsPlus("aud", "\"api://other\""))),
                token("custom claim twice", withClaims(claimsPlus("x", "1").replace("}", ",\"x\":1}"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c2Tokens")
    void C2_validateWhenClaimDuplicatedThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> c3Cases() {
        String rsaJwk = RSA.jwkJson();
        String dupInJwk = rsaJwk.substring(0, rsaJwk.length() - 1) + ",\"kty\":\"RSA\"}";
        return Stream.of(
                action("jwk header member with kty twice", rejected(withHeader(headerPlus("jwk",
                        "{\"kty\":\"RSA\",\"kty\":\"EC\",\"n\":\"AQAB\",\"e\":\"AQAB\"}")), Reason.MALFORMED)),
                action("claim object with a member twice", rejected(withClaims(claimsPlus("cnf",
                        "{\"jkt\":\"a\",\"jkt\":\"b\"}")), Reason.MALFORMED)),
                action("claim array of objects with a member twice", rejected(withClaims(claimsPlus("x",
                        "[{\"a\":1},{\"b\":1,\"b\":2}]")), Reason.MALFORMED)),
                action("JWKS entry with kty twice", jwkSetRejected(TestJwks.document(dupInJwk))),
                action("JWKS with keys twice", jwkSetRejected("{\"keys\":[],\"keys\":[" + rsaJwk + "]}")),
                action("JWK with kty twice", jwkRejected(dupInJwk)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c3Cases")
    void C3_parseWhenNestedObjectHasDuplicateMemberThenMalformed(Action check) throws Exception {
        check.run();
    }

    static Stream<Arguments> c4Cases() {
        List<Arguments> out = new ArrayList<>();
        for (String trailer : new String[] {"{\"b\":2}", " x", " ,", "]", " null", " 1", "}", "\"s\""}) {
            String label = "trailing '" + trailer.trim() + "'";
            out.add(action(label + " after the header", rejected(withHeader(HEADER + trailer), Reason.MALFORMED)));
            out.add(action(label + " after the claims", rejected(withClaims(CLAIMS + trailer), Reason.MALFORMED)));
            out.add(action(label + " after a JWKS", jwkSetRejected(TestJwks.document(RSA.jwkJson()) + trailer)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c4Cases")
    void C4_parseWhenTokensFollowTheRootValueThenMalformed(Action check) throws Exception {
        check.run();
    }

    static Stream<Arguments> c5Cases() {
        List<Arguments> out = new ArrayList<>();
        for (String root : new String[] {"[1]", "[]", "\"s\"", "1", "null", "true", "false", "[" + HEADER + "]", " "}) {
            out.add(action("header " + root, rejected(withHeader(root), Reason.MALFORMED)));
            out.add(action("claims " + root, rejected(withClaims(root), Reason.MALFORMED)));
            out.add(action("JWKS " + root, jwkSetRejected(root)));
            out.add(action("JWK " + root, jwkRejected(root)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c5Cases")
    void C5_parseWhenRootIsNotAnObjectThenMalformed(Action check) throws Exception {
        check.run();
    }

    static Stream<Arguments> c6Cases() {
        String arrays = "[".repeat(6000) + "]".repeat(6000);
        String unclosed = "[".repeat(6000);
        String mixedHeader = "{\"a\":[".repeat(2000) + "]}".repeat(2000);
        String mixedClaims = "{\"a\":[".repeat(6000) + "]}".repeat(6000);
        return Stream.of(
                action("6000 '[' in a header member", rejected(withHeader(headerPlus("x", arrays)), Reason.MALFORMED)),
                action("6000 unclosed '[' in a header member", rejected(withHeader(headerPlus("x", unclosed)), Reason.MALFORMED)),
                action("2000 mixed {\"a\":[ levels in the header", rejected(withHeader(headerPlus("x", mixedHeader)), Reason.MALFORMED)),
                action("6000 '[' in a claim", rejected(withClaims(claimsPlus("x", arrays)), Reason.MALFORMED)),
                action("6000 mixed {\"a\":[ levels in the claims", rejected(withClaims(claimsPlus("x", mixedClaims)), Reason.MALFORMED)),
                action("6000 '[' in a JWKS", jwkSetRejected("{\"keys\":[],\"x\":" + arrays + "}")),
                action("6000 '[' in claims parsed with JwtClaims.parse", () -> {
                    Throwable t = SecurityAssertions.capture(() -> JwtClaims.parse(claimsPlus("x", arrays)));
                    assertThat(t).isExactlyInstanceOf(IllegalArgumentException.class);
                }));
    }

    /** C6: rejected quickly, and never a StackOverflowError (assertRejected fails on any other throwable). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c6Cases")
    void C6_parseWhenJsonNestedThousandsDeepThenMalformedWithoutStackOverflow(Action check) {
        assertTimeoutPreemptively(HANG_GUARD, check::run);
    }

    static Stream<Arguments> c7Tokens() {
        String digits1000 = "1" + "0".repeat(999);
        String digits1001 = "1" + "0".repeat(1000);
        return Stream.of(
                Arguments.of(Named.of("1001-digit number in the header", withHeader(headerPlus("x", digits1001))), Reason.MALFORMED),
                Arguments.of(Named.of("1001-digit number in a claim", withClaims(claimsPlus("x", digits1001))), Reason.MALFORMED),
                Arguments.of(Named.of("1001-digit exp", withClaims(claimsPlus("nonce", "1").replace("\"exp\":1700000600",
                        "\"exp\":" + digits1001))), Reason.MALFORMED),
                Arguments.of(Named.of("1001-digit decimal in a claim", withClaims(claimsPlus("x", "1".repeat(1000) + ".5"))),
                        Reason.MALFORMED),
                Arguments.of(Named.of("1000-digit number in a claim (limit)", withClaims(claimsPlus("x", digits1000))), null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("c7Tokens")
    void C7_validateWhenNumberLiteralHas1001OrMoreDigitsThenMalformed(String token, Reason expected) {
        assertOutcome(validator(), token, expected);
        if (expected == null) {
            assertThat(validator().validate(token).claims().claim("x")).contains(BigInteger.TEN.pow(999));
        }
    }

    @ParameterizedTest(name = "[{index}] exp {0}")
    @ValueSource(strings = {"1e400", "1e999999999", "9223372036854775808", "-9223372036854775809", "2.5e19", "-1e400",
            "1E+999999999", "31556889864403200", "-31557014167219201"})
    void C8_validateWhenExpIsHugeOrOverflowsThenInvalidClaimFast(String exp) {
        String token = withClaims(CLAIMS.replace("\"exp\":1700000600", "\"exp\":" + exp));
        assertThat(token).isNotEqualTo(TestJwts.token(RSA));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertRejected(validator(), token, Reason.INVALID_CLAIM));
    }

    static Stream<Arguments> c9Tokens() {
        List<Arguments> out = new ArrayList<>();
        String[][] headers = {
                {"single quotes", "{'alg':'RS256','kid':'rsa-2048'}"},
                {"unquoted names", "{alg:\"RS256\",kid:\"rsa-2048\"}"},
                {"comment /* */", "{\"alg\":\"RS256\",/* c */\"kid\":\"rsa-2048\"}"},
                {"comment //", "{\"alg\":\"RS256\",\n// c\n\"kid\":\"rsa-2048\"}"},
                {"comment #", "{\"alg\":\"RS256\",\n# c\n\"kid\":\"rsa-2048\"}"},
                {"trailing comma", "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",}"},
                {"raw TAB in a string", "{\"alg\":\"RS256\",\"kid\":\"rsa-\t2048\"}"},
                {"raw LF in a string", "{\"alg\":\"RS256\",\"kid\":\"rsa-\n2048\"}"},
                {"invalid escape \\x", "{\"alg\":\"RS256\",\"kid\":\"rsa\\x2048\"}"},
                {"NaN", "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"x\":NaN}"},
                {"missing comma", "{\"alg\":\"RS256\" \"kid\":\"rsa-2048\"}"},
        };
        for (String[] h : headers) {
            out.add(token("header: " + h[0], withHeader(h[1])));
        }
        String[][] values = {
                {"NaN", "NaN"}, {"Infinity", "Infinity"}, {"-Infinity", "-Infinity"}, {"leading zero", "0123"},
                {"leading plus", "+1"}, {"hex", "0x10"}, {"bare fraction", ".5"}, {"trailing dot", "1."},
                {"single-quoted string", "'x'"}, {"undefined", "undefined"}, {"TRUE", "TRUE"},
        };
        for (String[] v : values) {
            out.add(token("claim value: " + v[0], withClaims(claimsPlus("x", v[1]))));
        }
        out.add(token("claims: trailing comma", withClaims(CLAIMS.substring(0, CLAIMS.length() - 1) + ",}")));
        out.add(token("claims: comment", withClaims("/**/" + CLAIMS)));
        out.add(token("claims: trailing comma in an array", withClaims(claimsPlus("x", "[1,2,]"))));
        return out.stream();
    }

    /** C9: no ALLOW_* feature is enabled (pinned in JsonTest#mapperEnablesNoAllowFeature). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c9Tokens")
    void C9_validateWhenJsonIsNonStandardThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> c10Cases() {
        List<Arguments> out = new ArrayList<>();
        String jwks = TestJwks.document(RSA.jwkJson());
        Object[][] encodings = {
                {"UTF-16BE", StandardCharsets.UTF_16BE}, {"UTF-16LE", StandardCharsets.UTF_16LE},
                {"UTF-16 with BOM", StandardCharsets.UTF_16}, {"UTF-32", Charset.forName("UTF-32")},
                {"UTF-32LE", Charset.forName("UTF-32LE")},
        };
        for (Object[] e : encodings) {
            Charset cs = (Charset) e[1];
            String n = (String) e[0];
            out.add(action("header in " + n, rejected(TestJwts.builder(RSA).headerBytes(HEADER.getBytes(cs)).build(), Reason.MALFORMED)));
            out.add(action("claims in " + n, rejected(TestJwts.builder(RSA).payloadBytes(CLAIMS.getBytes(cs)).build(), Reason.MALFORMED)));
            out.add(action("JWKS bytes in " + n, () -> assertJwkRejected(() -> JwkSet.parse(jwks.getBytes(cs)),
                    JwkException.Reason.MALFORMED)));
        }
        byte[][] raws = {
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        };
        for (byte[] raw : raws) {
            StringBuilder hex = new StringBuilder();
            for (byte b : raw) {
                hex.append(String.format("%02X ", b & 0xff));
            }
            String n = hex.toString().trim();
            out.add(action("header with bytes " + n, rejected(TestJwts.builder(RSA)
                    .headerBytes(Rfc8725BcpCasesTest.withRawValue(HEADER, raw)).build(), Reason.MALFORMED)));
            out.add(action("claims with bytes " + n, rejected(TestJwts.builder(RSA)
                    .payloadBytes(Rfc8725BcpCasesTest.withRawValue(CLAIMS, raw)).build(), Reason.MALFORMED)));
            out.add(action("JWKS with bytes " + n, () -> assertJwkRejected(() -> JwkSet.parse(
                    Rfc8725BcpCasesTest.withRawValue(jwks, raw)), JwkException.Reason.MALFORMED)));
        }
        byte[] bom = Rfc8725BcpCasesTest.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                jwks.getBytes(StandardCharsets.UTF_8));
        out.add(action("JWKS bytes with a UTF-8 BOM", () -> assertJwkRejected(() -> JwkSet.parse(bom), JwkException.Reason.MALFORMED)));
        out.add(action("JWKS text with a BOM", () -> assertJwkRejected(() -> JwkSet.parse("\ufeff" + jwks), JwkException.Reason.MALFORMED)));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c10Cases")
    void C10_parseWhenBytesAreNotStrictUtf8ThenMalformed(Action check) throws Exception {
        check.run();
    }

    static Stream<Arguments> c11Tokens() {
        JwkSet keys = JwkSet.of(RSA.jwk("a"), TestKeys.p256().jwk("x\u0000y"));
        JwtValidator v = TestJwts.validator(keys, Tokens.ALL).build();
        return Stream.of(
                Arguments.of(Named.of("iss = expected + \\u0000evil", TestJwts.builder(RSA).kid("a")
                        .claimString("iss", TestJwts.ISSUER + "\u0000evil").build()), v, Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("iss = \\u0000 + expected", TestJwts.builder(RSA).kid("a")
                        .claimString("iss", "\u0000" + TestJwts.ISSUER).build()), v, Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("kid a\\u0000b (key \"a\" exists)", TestJwts.builder(RSA).kid("a\u0000b").build()), v,
                        Reason.UNKNOWN_KEY),
                Arguments.of(Named.of("kid x (key \"x\\u0000y\" exists)", TestJwts.builder(TestKeys.p256()).kid("x").build()), v,
                        Reason.UNKNOWN_KEY),
                Arguments.of(Named.of("kid x\\u0000y naming the P-256 key exactly (control)", TestJwts.builder(TestKeys.p256())
                        .kid("x\u0000y").build()), v, null));
    }

    /** C11: compared verbatim, never truncated at NUL. */
    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("c11Tokens")
    void C11_validateWhenStringsContainEscapedNulThenComparedVerbatim(String token, JwtValidator validator, Reason expected) {
        assertOutcome(validator, token, expected);
    }

    static Stream<Arguments> c12Tokens() {
        return Stream.of(
                Arguments.of(Named.of("iss \"\\ud800\"", withClaims(CLAIMS.replace(TestJwts.str(TestJwts.ISSUER), "\"\\ud800\""))),
                        Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("iss expected + \\ud800", withClaims(CLAIMS.replace(TestJwts.str(TestJwts.ISSUER),
                        "\"" + TestJwts.ISSUER + "\\ud800\""))), Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("iss expected with ? for a surrogate", withClaims(CLAIMS.replace(TestJwts.str(TestJwts.ISSUER),
                        "\"" + TestJwts.ISSUER + "?\""))), Reason.ISSUER_MISMATCH),
                Arguments.of(Named.of("sub \"\\udc00\" plus subject (kept verbatim)", withClaims(CLAIMS.replace(
                        TestJwts.str(TestJwts.SUBJECT), "\"" + TestJwts.SUBJECT + "\\udc00\""))), null));
    }

    /** C12: the case allows "compare verbatim"; nothing is normalized, also not when the claims are printed. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("c12Tokens")
    void C12_validateWhenClaimHasLoneSurrogateThenComparedVerbatimNeverNormalized(String token, Reason expected) {
        if (expected != null) {
            assertRejected(validator(), token, expected);
            return;
        }
        JwtValidator v = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).build();
        VerifiedJwt jwt = v.validate(token);
        String sub = jwt.claims().subject().orElseThrow();
        assertThat(sub).isEqualTo(TestJwts.SUBJECT + "\udc00");
        assertThat(sub.charAt(sub.length() - 1)).isEqualTo('\udc00');
        // printing and re-reading the claims keeps the surrogate (Jackson's String writer would print '?')
        assertThat(jwt.claims().toJson()).contains("\\uDC00").doesNotContain("?");
        assertThat(JwtClaims.parse(jwt.claims().toJson()).subject()).contains(sub);
        assertThat(JwtClaims.parse(jwt.claims().toPrettyJson()).subject()).contains(sub);
    }

    static Stream<Arguments> c13Tokens() {
        return Stream.of(
                Arguments.of(Named.of("{\"\\u0061lg\":\"none\"}", withHeader("{\"\\u0061lg\":\"none\",\"kid\":\"rsa-2048\"}")),
                        Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("{\"alg\":\"n\\u006fne\"}", withHeader("{\"alg\":\"n\\u006fne\",\"kid\":\"rsa-2048\"}")),
                        Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("{\"\\u0063rit\":[\"x\"],\"x\":1}", withHeader(
                        "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"\\u0063rit\":[\"x\"],\"x\":1}")), Reason.UNSUPPORTED_CRITICAL_HEADER),
                Arguments.of(Named.of("{\"\\u0061lg\":\"RS256\"} (read as alg)", withHeader("{\"\\u0061lg\":\"RS256\",\"kid\":\"rsa-2048\"}")),
                        null),
                Arguments.of(Named.of("{\"alg\":\"\\u0052S256\"} (read as RS256)", withHeader("{\"alg\":\"\\u0052S256\",\"kid\":\"rsa-2048\"}")),
                        null),
                Arguments.of(Named.of("{\"\\u006bid\":\"rsa-2048\"} (read as kid)", withHeader("{\"alg\":\"RS256\",\"\\u006bid\":\"rsa-\\u0032048\"}")),
                        null));
    }

    /** C13: escaped names and values mean what they decode to: no code scans raw header text. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("c13Tokens")
    void C13_validateWhenMemberNamesOrValuesAreEscapedThenHandledAsDecoded(String token, Reason expected) {
        assertOutcome(validator(), token, expected);
    }

    @ParameterizedTest(name = "[{index}] header {0}")
    @ValueSource(strings = {"{\"kid\":\"rsa-2048\"}", "{\"alg\":null,\"kid\":\"rsa-2048\"}", "{\"alg\":123,\"kid\":\"rsa-2048\"}",
            "{\"alg\":[\"RS256\"],\"kid\":\"rsa-2048\"}", "{\"alg\":{},\"kid\":\"rsa-2048\"}", "{\"alg\":true,\"kid\":\"rsa-2048\"}",
            "{\"ALG\":\"RS256\",\"kid\":\"rsa-2048\"}", "{}"})
    void C14_validateWhenAlgMissingOrNotAStringThenMalformed(String header) {
        assertRejected(validator(), withHeader(header), Reason.MALFORMED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"kid:123", "kid:null", "kid:[\"rsa-2048\"]", "typ:123", "typ:{}", "cty:1", "crit:\"exp\"",
            "jwk:\"x\"", "jwk:[]", "x5c:\"abc\"", "jku:1", "x5u:[]", "x5t:1", "x5t#S256:false", "b64:\"false\""})
    void C15_validateWhenHeaderParameterHasWrongTypeThenMalformed(String member) {
        int colon = member.indexOf(':');
        String name = member.substring(0, colon);
        String value = member.substring(colon + 1);
        String header = name.equals("kid") ? "{\"alg\":\"RS256\",\"kid\":" + value + "}" : headerPlus(name, value);
        assertRejected(validator(), withHeader(header), Reason.MALFORMED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"exp:\"1700000000\"", "exp:true", "exp:null", "exp:[]", "exp:{}", "iss:5", "iss:null", "iss:[]",
            "aud:{}", "aud:null", "nbf:[]", "nbf:\"0\"", "iat:\"x\"", "iat:false", "sub:1", "jti:{}"})
    void C16_validateWhenRegisteredClaimHasWrongTypeThenInvalidClaim(String member) {
        int colon = member.indexOf(':');
        String name = member.substring(0, colon);
        String value = member.substring(colon + 1);
        TestJwts.Builder b = TestJwts.builder(RSA).claim(name, value);
        assertRejected(validator(), b.build(), Reason.INVALID_CLAIM);
    }

    static Stream<Arguments> c17Clocks() {
        return Stream.of(
                Arguments.of(Instant.ofEpochSecond(1_700_000_000L), null),
                Arguments.of(Instant.ofEpochSecond(1_700_000_060L), null),
                Arguments.of(Instant.ofEpochSecond(1_700_000_060L, 499_999_999), null),
                Arguments.of(Instant.ofEpochSecond(1_700_000_060L, 500_000_000), Reason.EXPIRED),
                Arguments.of(Instant.ofEpochSecond(1_700_000_061L), Reason.EXPIRED));
    }

    /** C17: exp 1700000000.5 with 60 s skew is valid while now &lt; 1700000060.5, compared to the nanosecond. */
    @ParameterizedTest(name = "[{index}] now {0} -> {1}")
    @MethodSource("c17Clocks")
    void C17_validateWhenExpIsFractionalThenAcceptedAndComparedExactly(Instant now, Reason expected) {
        String token = TestJwts.builder(RSA).claim("exp", "1700000000.5").claim("iat", "1699999999.25").build();
        JwtValidator v = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        assertOutcome(v, token, expected);
        if (expected == null) {
            assertThat(v.validate(token).claims().expiresAt()).contains(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        }
    }

    static Stream<Arguments> c18Tokens() {
        StringBuilder members = new StringBuilder("{\"alg\":\"RS256\",\"kid\":\"rsa-2048\"");
        for (int i = 0; i < 100_000; i++) {
            members.append(",\"m").append(i).append("\":0");
        }
        String hugeHeader = withHeaderUnsigned(members.append('}').toString());
        String hugeArray = "[" + "1,".repeat(99_999) + "1]";
        String hugeClaims = TestKeys.b64(TestJwts.builder(RSA).headerText()) + "." + TestKeys.b64(claimsPlus("x", hugeArray)) + ".c2ln";
        return Stream.of(token("header with 100k members", hugeHeader), token("claims with a 100k-element array", hugeClaims));
    }

    private static String withHeaderUnsigned(String header) {
        return TestKeys.b64(header) + "." + TestKeys.b64(CLAIMS) + ".c2ln";
    }

    /** C18: the size cap (I1/I2) rejects these before any decoding or parsing. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("c18Tokens")
    void C18_validateWhenHundredThousandMembersOrElementsThenTokenTooLargeBeforeParsing(String token) {
        assertThat(token.length()).isGreaterThan(JwtValidator.DEFAULT_MAX_TOKEN_SIZE);
        assertTimeoutPreemptively(HANG_GUARD, () -> assertRejected(validator(), token, Reason.TOKEN_TOO_LARGE));
    }
}
