package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertOutcome;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SECURITY-CASES.md §B: compact serialization and base64url (RFC 7515 §3.1, §7.1). */
class CompactSerializationCasesTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final TestKey RSA = TestKeys.rsa2048();
    private static final TestKey P256 = TestKeys.p256();
    private static final TestKey ED = TestKeys.ed25519();
    private static final String TOKEN = TestJwts.token(RSA);
    private static final String H = Tokens.parts(TOKEN)[0];
    private static final String P = Tokens.parts(TOKEN)[1];
    private static final String S = Tokens.parts(TOKEN)[2];

    private static JwtValidator validator() {
        return TestJwts.validator(TestJwks.of(RSA, P256, ED), Tokens.ALL).build();
    }

    private static Arguments named(String name, String token) {
        return Arguments.of(Named.of(name, token));
    }

    static Stream<Arguments> b1Tokens() {
        return Stream.of(named("empty string", ""), named("one segment", H), named("one segment, payload", P));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b1Tokens")
    void B1_validateWhenEmptyOrSingleSegmentThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b2Tokens() {
        return Stream.of(named("h.p", H + "." + P), named("h.", H + "."), named(".p", "." + P), named(".", "."));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b2Tokens")
    void B2_validateWhenTwoSegmentsThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b3Tokens() {
        String jweHeader = TestKeys.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}");
        return Stream.of(named("h.p.s.", TOKEN + "."), named("h.p.s.foo", TOKEN + ".foo"),
                named("5 segments", TOKEN + ".aXY.dGFn"), named("5 segments, JWE header", jweHeader + ".a2V5.aXY.Y3Q.dGFn"),
                named("h.p..s", H + "." + P + ".." + S));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b3Tokens")
    void B3_validateWhenFourOrFiveSegmentsThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b4Tokens() {
        return Stream.of(named(".p.s", "." + P + "." + S), named("..s", ".." + S), named("..", ".."));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b4Tokens")
    void B4_validateWhenHeaderSegmentEmptyThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b5Tokens() {
        return Stream.of(
                named("RS256 h.p.", TestJwts.builder(RSA).signature(new byte[0]).build()),
                named("PS256 h.p.", TestJwts.builder(RSA).alg(JwsAlgorithm.PS256).signature(new byte[0]).build()),
                named("ES256 h.p.", TestJwts.builder(P256).signature(new byte[0]).build()),
                named("EdDSA h.p.", TestJwts.builder(ED).signature(new byte[0]).build()));
    }

    /** B5: the case allows SIGNATURE_INVALID or MALFORMED; the empty signature fails the length rule: BAD_SIGNATURE. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b5Tokens")
    void B5_validateWhenSignatureSegmentEmptyThenBadSignature(String token) {
        assertThat(token).endsWith(".");
        assertRejected(validator(), token, Reason.BAD_SIGNATURE);
    }

    static Stream<Arguments> b6Tokens() {
        String emptyPayloadSigned = TestJwts.builder(RSA).payloadJson("").build();
        return Stream.of(
                Arguments.of(Named.of("h..s, s over a non-empty payload", H + ".." + S), Reason.BAD_SIGNATURE),
                Arguments.of(Named.of("properly signed empty payload (a JWS, not a JWT)", emptyPayloadSigned), Reason.MALFORMED),
                Arguments.of(Named.of("properly signed empty payload, ES256",
                        TestJwts.builder(P256).payloadJson("").build()), Reason.MALFORMED));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("b6Tokens")
    void B6_validateWhenPayloadEmptyThenBadSignatureOrMalformed(String token, Reason expected) {
        assertRejected(validator(), token, expected);
    }

    /** A default builder whose header and payload encodings are not a multiple of 4 characters long. */
    private static TestJwts.Builder unalignedBuilder() {
        TestJwts.Builder b = TestJwts.builder(RSA);
        String header = b.headerText();
        while (TestKeys.b64(header).length() % 4 == 0) {
            header = header.substring(0, header.length() - 1) + " }";
        }
        String payload = b.payloadText();
        while (TestKeys.b64(payload).length() % 4 == 0) {
            payload = payload.substring(0, payload.length() - 1) + " }";
        }
        return b.headerJson(header).payloadJson(payload);
    }

    private static String padded(String segment) {
        StringBuilder b = new StringBuilder(segment);
        while (b.length() % 4 != 0) {
            b.append('=');
        }
        return b.toString();
    }

    static Stream<Arguments> b7Tokens() {
        String[] p = Tokens.parts(unalignedBuilder().build());
        String paddedHeader = RSA.signInput(JwsAlgorithm.RS256, padded(p[0]) + "." + p[1]);
        String paddedPayload = RSA.signInput(JwsAlgorithm.RS256, p[0] + "." + padded(p[1]));
        String paddedSignature = p[0] + "." + p[1] + "." + padded(p[2]);
        assertThat(padded(p[0])).endsWith("=");
        assertThat(padded(p[1])).endsWith("=");
        assertThat(padded(p[2])).endsWith("=");
        return Stream.of(named("padded header", paddedHeader), named("padded payload", paddedPayload),
                named("padded signature", paddedSignature), named("\"AA==\" as the signature", p[0] + "." + p[1] + ".AA=="));
    }

    /** B7: the JDK URL decoder accepts padding; ours does not. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b7Tokens")
    void B7_validateWhenAnySegmentHasPaddingThenMalformed(String token) {
        for (String segment : Tokens.parts(token)) {
            assertThat(Base64.getUrlDecoder().decode(segment)).isNotNull(); // the JDK decoder accepts every segment
        }
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    /** The segment with unused bits of its last character set (same bytes for a lenient decoder). */
    static String nonCanonical(String segment) {
        int rem = segment.length() % 4;
        assertThat(rem).isIn(2, 3);
        char last = segment.charAt(segment.length() - 1);
        int v = ALPHABET.indexOf(last) | 1;
        return segment.substring(0, segment.length() - 1) + ALPHABET.charAt(v);
    }

    static Stream<Arguments> b8Tokens() {
        String[] p = Tokens.parts(unalignedBuilder().build());
        return Stream.of(
                named("header", RSA.signInput(JwsAlgorithm.RS256, nonCanonical(p[0]) + "." + p[1])),
                named("payload", RSA.signInput(JwsAlgorithm.RS256, p[0] + "." + nonCanonical(p[1]))),
                named("signature", p[0] + "." + p[1] + "." + nonCanonical(p[2])),
                named("ES256 signature (64 bytes: 2 unused bits)", withNonCanonicalSignature(TestJwts.token(P256))),
                named("EdDSA signature", withNonCanonicalSignature(TestJwts.token(ED))));
    }

    private static String withNonCanonicalSignature(String token) {
        return Tokens.withPart(token, 2, nonCanonical(Tokens.parts(token)[2]));
    }

    /** B8: "AB"/"Zh"-style non-canonical final characters would allow signature malleability. */
    @ParameterizedTest(name = "[{index}] non-canonical {0}")
    @MethodSource("b8Tokens")
    void B8_validateWhenFinalCharacterHasNonZeroUnusedBitsThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b9Tokens() {
        List<Arguments> out = new ArrayList<>();
        for (char c : new char[] {'+', '/', '?', '#', '*', '=', '%', '!'}) {
            out.add(named("'" + c + "' in the signature", H + "." + P + "." + c + S.substring(1)));
            out.add(named("'" + c + "' in the header", H.substring(0, 4) + c + H.substring(5) + "." + P + "." + S));
            out.add(named("'" + c + "' in the payload", H + "." + P.substring(0, 4) + c + P.substring(5) + "." + S));
        }
        String sig1 = S.length() % 4 == 1 ? S : S.substring(0, S.length() - ((S.length() % 4 + 3) % 4));
        assertThat(sig1.length() % 4).isEqualTo(1);
        out.add(named("signature length 1 mod 4", H + "." + P + "." + sig1));
        out.add(named("header length 1 mod 4", "eyJhb." + P + "." + S));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b9Tokens")
    void B9_validateWhenCharacterOutsideUrlAlphabetOrLengthOneModFourThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b10Tokens() {
        List<Arguments> out = new ArrayList<>();
        for (String ws : new String[] {" ", "\t", "\r", "\n", "\r\n", "\u0000", "\u000b", "\f", "\u00a0"}) {
            String label = ws.replace("\r", "CR").replace("\n", "LF").replace("\t", "TAB").replace("\u0000", "NUL")
                    .replace("\u000b", "VT").replace("\f", "FF").replace("\u00a0", "NBSP").replace(" ", "SP");
            out.add(named(label + " before the token", ws + TOKEN));
            out.add(named(label + " after the token", TOKEN + ws));
            out.add(named(label + " before a dot", H + ws + "." + P + "." + S));
            out.add(named(label + " after a dot", H + "." + ws + P + "." + S));
            out.add(named(label + " inside the header", H.substring(0, 8) + ws + H.substring(8) + "." + P + "." + S));
            out.add(named(label + " inside the signature", H + "." + P + "." + S.substring(0, 8) + ws + S.substring(8)));
        }
        return out.stream();
    }

    /** B10: no trimming (Nimbus trims outer whitespace; we do not). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b10Tokens")
    void B10_validateWhenWhitespaceControlOrNulAnywhereThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b11Tokens() {
        List<Arguments> out = new ArrayList<>();
        for (char dot : new char[] {'\uff0e', '\u2024', '\u3002', '\u00b7', '\u2027'}) {
            String name = String.format("U+%04X", (int) dot);
            out.add(named(name + " for both dots", H + dot + P + dot + S));
            out.add(named(name + " for the second dot plus a real one", H + "." + P + dot + S));
        }
        out.add(named("é in the header", H.substring(0, 6) + "é" + H.substring(7) + "." + P + "." + S));
        out.add(named("Cyrillic а in the payload", H + "." + P.substring(0, 6) + "\u0430" + P.substring(7) + "." + S));
        out.add(named("full-width A in the signature", H + "." + P + "." + "\uff21" + S.substring(1)));
        // a supplementary character is two chars in Java but one '?' when encoded as ASCII: positions must not shift
        out.add(named("emoji (surrogate pair) in the header", H.substring(0, 4) + "\uD83D\uDE00" + H.substring(4) + "." + P + "." + S));
        out.add(named("emoji (surrogate pair) in the payload", H + "." + P.substring(0, 4) + "\uD83D\uDE00" + P.substring(6) + "." + S));
        out.add(named("lone surrogate in the signature", H + "." + P + "." + "\uD800" + S.substring(1)));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b11Tokens")
    void B11_validateWhenLookAlikeDotsOrNonAsciiLettersThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b12Tokens() {
        String flattened = "{\"protected\":\"" + H + "\",\"payload\":\"" + P + "\",\"signature\":\"" + S + "\"}";
        String general = "{\"payload\":\"" + P + "\",\"signatures\":[{\"protected\":\"" + H + "\",\"signature\":\"" + S + "\"}]}";
        String forged = TestKeys.b64(TestJwts.builder(RSA).claimString("sub", "admin").payloadText());
        // CVE-2022-39227 shape: a JSON document whose first member name is a whole compact token
        String polyglot = "{\"  " + H + "." + forged + ".\":\"\",\"protected\":\"" + H + "\",\"payload\":\"" + P
                + "\",\"signature\":\"" + S + "\"}";
        String polyglot2 = "{\"" + TOKEN + "\":\"\",\"payload\":\"" + forged + "\"}";
        return Stream.of(named("flattened JSON serialization", flattened), named("general JSON serialization", general),
                named("polyglot (python-jwt)", polyglot), named("polyglot with a whole token as a member name", polyglot2));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b12Tokens")
    void B12_validateWhenJsonSerializationOrPolyglotThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b13Tokens() {
        return Stream.of(named("h.p.s\\u0000x", TOKEN + "\u0000x"), named("h.p.s junk", TOKEN + " junk"),
                named("h.p.s\\u0000", TOKEN + "\u0000"), named("h.p.s~", TOKEN + "~"), named("h.p.s==", TOKEN + "=="),
                named("h.p.s\"", TOKEN + "\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b13Tokens")
    void B13_validateWhenTrailingBytesAfterSignatureThenMalformed(String token) {
        assertRejected(validator(), token, Reason.MALFORMED);
    }

    static Stream<Arguments> b14Tokens() {
        return Stream.of(
                named("header with spaces and newlines", TestJwts.builder(RSA)
                        .headerJson("{ \"alg\" : \"RS256\" ,\n\t\"kid\" : \"rsa-2048\" }").build()),
                named("header with members reordered", TestJwts.builder(RSA)
                        .headerJson("{\"kid\":\"rsa-2048\",\"alg\":\"RS256\"}").build()),
                named("claims with whitespace", TestJwts.builder(RSA)
                        .payloadJson(" " + TestJwts.builder(RSA).payloadText().replace(",", " ,\r\n ") + "\n").build()),
                named("ES256 header with whitespace", TestJwts.builder(P256)
                        .headerJson("{\"alg\":\"ES256\",   \"kid\":\"p-256\"}").build()));
    }

    /** B14: the signature is checked over the received ASCII bytes, never a re-serialized header. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("b14Tokens")
    void B14_validateWhenHeaderHasExtraWhitespaceThenAcceptedOverExactBytes(String token) {
        assertAccepted(validator(), token);
    }

    @Test
    void B15_validateWhenSegmentsAreVeryLongThenTokenTooLargeBeforeDecoding() {
        String longHeader = "e".repeat(30_000) + "." + P + "." + S; // not even base64: the size check comes first
        String longPayload = H + "." + "A".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE) + "." + S;
        String longSignature = H + "." + P + "." + "@".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE);
        assertRejected(validator(), longHeader, Reason.TOKEN_TOO_LARGE);
        assertRejected(validator(), longPayload, Reason.TOKEN_TOO_LARGE);
        assertRejected(validator(), longSignature, Reason.TOKEN_TOO_LARGE);
        assertOutcome(validator(), TOKEN, null);
    }
}
