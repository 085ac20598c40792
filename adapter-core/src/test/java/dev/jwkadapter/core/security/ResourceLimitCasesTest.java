package dev.jwkadapter.core.security;

import static dev.jwkadapter.core.security.SecurityAssertions.assertAccepted;
import static dev.jwkadapter.core.security.SecurityAssertions.assertRejected;
import static dev.jwkadapter.core.security.SecurityAssertions.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.HttpJwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Failure;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SECURITY-CASES.md §I: resource limits and denial of service. */
class ResourceLimitCasesTest {

    private static final TestKey RSA = TestKeys.rsa2048();
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private static JwtValidator validator() {
        return TestJwts.validator(TestJwks.of(RSA, TestKeys.p256(), TestKeys.ed25519()), Tokens.ALL).build();
    }

    @Test
    void I1_validateWhenTokenLongerThanTheMaximumThenTokenTooLargeBeforeDecoding() {
        String garbage = "@".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE + 1);
        assertTimeoutPreemptively(HANG_GUARD, () -> assertRejected(validator(), garbage, Reason.TOKEN_TOO_LARGE));
        assertThat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE).isEqualTo(256 * 1024);
        // at the limit accepted, one character over refused (default and configured limits)
        String big = TestJwts.builder(RSA).claimString("pad", "p".repeat(190_000)).build();
        assertThat(big.length()).isLessThanOrEqualTo(JwtValidator.DEFAULT_MAX_TOKEN_SIZE);
        assertAccepted(validator(), big);
        JwtValidator exact = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).maxTokenSize(big.length()).build();
        JwtValidator oneLess = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).maxTokenSize(big.length() - 1).build();
        assertAccepted(exact, big);
        assertRejected(oneLess, big, Reason.TOKEN_TOO_LARGE);
        String tooBig = TestJwts.builder(RSA).claimString("pad", "p".repeat(200_000)).build();
        assertThat(tooBig.length()).isGreaterThan(JwtValidator.DEFAULT_MAX_TOKEN_SIZE);
        assertRejected(validator(), tooBig, Reason.TOKEN_TOO_LARGE);
    }

    /** A header of exactly {@code length} characters: the default header plus a padding member. */
    private static String headerOfLength(int length) {
        String start = "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"x\":\"";
        return start + "h".repeat(length - start.length() - 2) + "\"}";
    }

    @Test
    void I2_validateWhenDecodedHeaderOver20000CharactersThenTokenTooLarge() {
        assertThat(JwsHeader.MAX_HEADER_LENGTH).isEqualTo(20_000);
        String atLimit = TestJwts.builder(RSA).headerJson(headerOfLength(20_000)).build();
        String over = TestJwts.builder(RSA).headerJson(headerOfLength(20_001)).build();
        String farOver = TestJwts.builder(RSA).headerJson(headerOfLength(40_000)).build();
        assertAccepted(validator(), atLimit);
        assertRejected(validator(), over, Reason.TOKEN_TOO_LARGE);
        assertRejected(validator(), farOver, Reason.TOKEN_TOO_LARGE);
    }

    /** JSON nested {@code depth} levels deep counting the root object: {@code {"x":[[...]]}}. */
    private static String nested(String json, int depth) {
        return json.substring(0, json.length() - 1) + ",\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void I3_validateWhenJsonDeeperThan64LevelsThenMalformedAndAtTheLimitUsable() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\"}";
        String claims = TestJwts.builder(RSA).payloadText();
        assertThat(JwtValidator.MAX_JSON_DEPTH).isEqualTo(64);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertRejected(validator(), TestJwts.builder(RSA).headerJson(nested(header, 65)).build(), Reason.MALFORMED);
            assertRejected(validator(), TestJwts.builder(RSA).payloadJson(nested(claims, 65)).build(), Reason.MALFORMED);
            assertRejected(validator(), TestJwts.builder(RSA).payloadJson(nested(claims, 256)).build(), Reason.MALFORMED);
            VerifiedJwt jwt = assertAccepted(validator(), TestJwts.builder(RSA).headerJson(nested(header, 64))
                    .payloadJson(nested(claims, 64)).build());
            // at the limit, the claims and header can still be printed and converted (no StackOverflowError)
            assertThat(jwt.claims().toJson()).contains("[[[[");
            assertThat(jwt.claims().toPrettyJson()).contains("[");
            assertThat(jwt.claims().asMap()).containsKey("x");
            assertThat(jwt.header().toJson()).contains("[[[[");
            assertThat(jwt.toString()).contains("x");
        });
    }

    @Test
    void I4_validateWhenNumberOver1000CharactersOrStringOverTheTokenLimitThenRejected() {
        String claims = TestJwts.builder(RSA).payloadText();
        String longNumber = claims.replace("}", ",\"n\":" + "9".repeat(1001) + "}");
        String longHeaderNumber = "{\"alg\":\"RS256\",\"kid\":\"rsa-2048\",\"n\":" + "9".repeat(1001) + "}";
        assertRejected(validator(), TestJwts.builder(RSA).payloadJson(longNumber).build(), Reason.MALFORMED);
        assertRejected(validator(), TestJwts.builder(RSA).headerJson(longHeaderNumber).build(), Reason.MALFORMED);
        String longString = TestJwts.builder(RSA).claimString("s", "s".repeat(JwtValidator.DEFAULT_MAX_TOKEN_SIZE)).build();
        assertRejected(validator(), longString, Reason.TOKEN_TOO_LARGE);
    }

    static Stream<Arguments> i5Payloads() {
        String claims = TestJwts.builder(RSA).payloadText();
        String open = claims.substring(0, claims.length() - 1);
        StringBuilder array = new StringBuilder(open).append(",\"a\":[");
        for (int i = 0; i < 90_000; i++) {
            array.append(i == 0 ? "0" : ",0");
        }
        StringBuilder object = new StringBuilder(open).append(",\"o\":{");
        for (int i = 0; i < 15_000; i++) {
            object.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        // 4096 names with one String.hashCode: "Aa" and "BB" collide, so every 12-pair word does
        StringBuilder collisions = new StringBuilder(open).append(",\"c\":{");
        for (int i = 0; i < 4096; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 12; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            collisions.append(i == 0 ? "" : ",").append('"').append(name).append("\":0");
        }
        return Stream.of(
                Arguments.of(Named.of("90,000-element array", array.append("]}").toString())),
                Arguments.of(Named.of("15,000-member object", object.append("}}").toString())),
                Arguments.of(Named.of("4,096 colliding member names", collisions.append("}}").toString())));
    }

    /** I5: big structures inside the size cap parse in linear time (hang guard only: no timing assertion). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("i5Payloads")
    void I5_validateWhenLargeArraysObjectsOrCollidingNamesInsideTheCapThenParsedWithoutBlowup(String payload) {
        String token = TestJwts.builder(RSA).payloadJson(payload).build();
        assertThat(token.length()).isLessThanOrEqualTo(JwtValidator.DEFAULT_MAX_TOKEN_SIZE);
        assertTimeoutPreemptively(HANG_GUARD, () -> assertAccepted(validator(), token));
    }

    @Test
    void I6_validateWhenJwksHasA16384BitModulusThenTheKeyIsRefusedAndNeverVerified() {
        BigInteger n = new BigInteger(16383, new Random(6)).setBit(16383).setBit(0);
        String huge = TestJwks.rsa("huge", n, BigInteger.valueOf(65537));
        JwkSet set = TestJwks.parse(RSA.jwkJson(), huge);
        assertThat(set.findRejected("huge")).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
        JwtValidator v = TestJwts.validator(set, Tokens.ALL).build();
        byte[] sig = new byte[2048];
        sig[0] = 1;
        assertRejected(v, TestJwts.builder(RSA).kid("huge").signature(sig).build(), Reason.INVALID_KEY);
        assertThat(Jwk.MAX_RSA_BITS).isEqualTo(8192);
    }

    @Test
    void I7_validateWhenNoKidAndOneHundredFittingKeysThenUnknownKeyWithoutTryingThem() {
        List<Jwk> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(RSA.jwk("k" + i));
        }
        TestJwks.Counting source = TestJwks.counting(JwkSet.of(keys));
        JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
        assertTimeoutPreemptively(HANG_GUARD, () -> assertRejected(v, TestJwts.builder(RSA).noKid().build(), Reason.UNKNOWN_KEY));
        assertThat(source.gets()).isEqualTo(1);
    }

    /** I8: the byte cap is enforced while reading: a 10 MB body and an endless chunked stream are both cut off. */
    @Test
    void I8_fetchWhenJwksResponseIsHugeOrEndlessThenAbortedAtTheByteCap() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        server.createContext("/10mb", exchange -> {
            exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
            } catch (IOException expectedWhenTheClientStopsReading) {
                // the client closed the connection at its cap
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 16 * 1024; i++) { // bounded at 1 GiB so the test can never spin forever
                    out.write(chunk);
                }
            } catch (IOException expectedWhenTheClientStopsReading) {
                // the client closed the connection at its cap
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String path : List.of("/10mb", "/endless")) {
                HttpJwksSource source = HttpJwksSource.of(URI.create(base + path));
                Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> capture(source::get));
                assertThat(t).as(path).isExactlyInstanceOf(JwksUnavailableException.class);
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    static Stream<Arguments> i9Tokens() {
        String pbes2 = "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2147483647,\"p2s\":\"AAAAAAAAAAA\"}";
        return Stream.of(
                Arguments.of(Named.of("zip DEF", TestJwts.builder(RSA).header("zip", "\"DEF\"").build()), Reason.MALFORMED),
                Arguments.of(Named.of("PBES2 p2c 2^31-1", TestKeys.b64(pbes2) + "." + TestKeys.b64("{}") + ".c2ln"),
                        Reason.UNSUPPORTED_ALGORITHM),
                Arguments.of(Named.of("PBES2 p2c 2^31-1, JWE form", TestKeys.b64(pbes2) + ".a2V5.aXY.Y3Q.dGFn"), Reason.MALFORMED));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("i9Tokens")
    void I9_validateWhenZipOrPbes2ThenRejectedBeforeAnyWork(String token, Reason expected) {
        TestJwks.Counting source = TestJwks.counting(TestJwks.of(RSA));
        JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
        assertTimeoutPreemptively(HANG_GUARD, () -> assertRejected(v, token, expected));
        assertThat(source.gets()).as("key lookups").isZero();
    }

    @Test
    void I10_validateWhenJweWithRsa15ThenRejectedAtTheAlgorithmCheck() {
        String header = TestKeys.b64("{\"alg\":\"RSA1_5\",\"enc\":\"A128CBC-HS256\",\"kid\":\"rsa-2048\"}");
        TestJwks.Counting source = TestJwks.counting(TestJwks.of(RSA));
        JwtValidator v = TestJwts.validator(source, Tokens.ALL).build();
        assertRejected(v, header + "." + TestKeys.b64("{}") + ".c2ln", Reason.UNSUPPORTED_ALGORITHM);
        assertRejected(v, header + ".a2V5.aXY.Y3Q.dGFn", Reason.MALFORMED);
        assertThat(source.gets()).isZero();
    }

    static Stream<Arguments> i11Tokens() {
        String crlf = "\r\nX-Injected: 1\r\n";
        return Stream.of(
                Arguments.of(Named.of("CR LF in kid", TestJwts.builder(RSA).kid(crlf + "k".repeat(300)).build())),
                Arguments.of(Named.of("CR LF in iss", TestJwts.builder(RSA).claimString("iss", crlf).build())),
                Arguments.of(Named.of("CR LF in aud", TestJwts.builder(RSA).claimString("aud", crlf).build())),
                Arguments.of(Named.of("CR LF in typ", TestJwts.builder(RSA).typ(crlf).build())),
                Arguments.of(Named.of("CR LF in alg", TestJwts.builder(RSA).headerAlg(crlf).build())),
                Arguments.of(Named.of("CR LF in crit", TestJwts.builder(RSA).header(crlf, "1").header("crit", "[" + TestJwts.str(crlf) + "]")
                        .build())),
                Arguments.of(Named.of("CR LF in an invalid JSON token", TestJwts.builder(RSA).headerJson("{\"alg\":\"RS256\",\"kid\":x\r\n"
                        + "X-Injected: 1\r\n" + "y".repeat(5000) + "}").build())),
                Arguments.of(Named.of("raw control characters in JSON", TestJwts.builder(RSA).payloadJson("{\"iss\":\"a\u0000\r\nb\"}")
                        .build())),
                Arguments.of(Named.of("deep claims", TestJwts.builder(RSA).payloadJson("{\"a\":" + "[".repeat(5000) + "}").build())),
                Arguments.of(Named.of("many failing claims", TestJwts.builder(RSA).claim("exp", "\"x\"").claim("nbf", "\"x\"")
                        .claim("iat", "\"x\"").claim("iss", "1").claim("aud", "{}").claim("sub", "2").claim("jti", "3").build())));
    }

    /** I11: rejection messages are bounded and escaped (no raw CR/LF/NUL), and printing them never recurses. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("i11Tokens")
    void I11_validateWhenRejectedThenMessagesAreBoundedAndEscaped(String token) {
        JwtValidator v = TestJwts.validator(TestJwks.of(RSA), Tokens.ALL).requiredClaims("tid")
                .check(jwt -> Optional.of(new Failure(Reason.INVALID_CLAIM, "custom check failed"))).build();
        Throwable t = capture(() -> v.validate(token));
        assertThat(t).isExactlyInstanceOf(JwtValidationException.class);
        JwtValidationException e = (JwtValidationException) t;
        List<String> texts = new ArrayList<>();
        texts.add(e.getMessage());
        texts.add(e.toString());
        e.failures().forEach(f -> texts.add(f.message()));
        for (String s : texts) {
            assertThat(s).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").hasSizeLessThanOrEqualTo(1024);
        }
    }

    /**
     * I12: a seeded fuzz loop (20,000 inputs): bit flips, truncation, splicing and insertions on valid
     * tokens, JSON-level mutations of re-signed headers and claims, and mutations of a JWK Set. Every input is
     * accepted or rejected with JwtValidationException/JwkException; no other throwable escapes.
     */
    @Test
    void I12_fuzzWhenTokensAndJwksAreMutatedThenOnlyAcceptanceOrReasonedRejection() {
        Random random = new Random(0x5EC_CA5E);
        TestKey p256 = TestKeys.p256();
        TestKey ed = TestKeys.ed25519();
        String jwks = TestJwks.document(RSA.jwkJson(), p256.jwkJson(), ed.jwkJson(),
                TestJwks.with(RSA.jwk("rsa-x").toJson(), "key_ops", "[\"verify\"]"));
        JwtValidator v = TestJwts.validator(JwkSet.parse(jwks), Tokens.ALL).build();
        // mostly RSA seeds: ECDSA and EdDSA verifications cost several times more on a small CI machine
        List<String> seeds = List.of(TestJwts.token(RSA), TestJwts.token(p256), TestJwts.token(ed),
                TestJwts.builder(RSA).alg(JwsAlgorithm.PS256).typ("JWT").claim("aud", "[\"a\",\"" + TestJwts.AUDIENCE + "\"]").build(),
                TestJwts.builder(RSA).kid("rsa-x").claimString("sub", "\u00e9").build(), TestJwts.builder(RSA).noKid().build(),
                TestJwts.builder(RSA).alg(JwsAlgorithm.RS512).header("crit", "[\"x\"]").header("x", "{}").build(),
                TestJwts.builder(RSA).claim("exp", "1700000000.5").build());
        List<String> escaped = new ArrayList<>();
        int[] counts = new int[3]; // accepted, rejected token, rejected JWKS
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < 11_000; i++) {
                String seed = seeds.get(random.nextInt(seeds.size()));
                String mutated = mutate(seed, seeds.get(random.nextInt(seeds.size())), random, TOKEN_CHARS);
                run(escaped, mutated, () -> counts[v.validate(mutated) == null ? 1 : 0]++, counts);
            }
            TestJwts.Builder base = TestJwts.builder(RSA).typ("JWT").claim("nbf", "1600000000").claim("x", "{\"y\":[1,2.5,null]}");
            String header = base.headerText();
            String claims = base.payloadText();
            for (int i = 0; i < 1_000; i++) {
                boolean mutateHeader = random.nextBoolean();
                String h = mutateHeader ? mutate(header, claims, random, JSON_CHARS) : header;
                String c = mutateHeader ? claims : mutate(claims, header, random, JSON_CHARS);
                String token = RSA.compact(JwsAlgorithm.RS256, h.getBytes(StandardCharsets.UTF_8), c.getBytes(StandardCharsets.UTF_8));
                run(escaped, h + " / " + c, () -> counts[v.validate(token) == null ? 1 : 0]++, counts);
            }
            String valid = seeds.get(0);
            String validEc = seeds.get(1);
            for (int i = 0; i < 8_000; i++) {
                String doc = mutate(jwks, jwks, random, JSON_CHARS);
                List<String> tokens = i % 20 == 0 ? List.of(valid, validEc) : List.of(valid);
                run(escaped, doc, () -> {
                    JwkSet set = JwkSet.parse(doc);
                    JwtValidator fuzzed = TestJwts.validator(set, Tokens.ALL).build();
                    for (String token : tokens) {
                        try {
                            fuzzed.validate(token);
                            counts[0]++;
                        } catch (JwtValidationException e) {
                            if (e.getClass() != JwtValidationException.class) {
                                throw e;
                            }
                            counts[1]++;
                        }
                    }
                }, counts);
            }
        });
        assertThat(escaped).as("throwables other than JwtValidationException/JwkException").isEmpty();
        assertThat(counts[0]).as("accepted").isPositive();
        assertThat(counts[1]).as("rejected tokens").isGreaterThan(9_000);
        assertThat(counts[2]).as("rejected JWK Sets").isPositive();
    }

    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \t\r\n\u0000{}\"\u00e9\uff0e";
    private static final String JSON_CHARS = "{}[]\":,.-+eE0123456789 \\u0061truefalsenull\t\n\u0000\u00e9\ud800\udc00'/#*";

    private static void run(List<String> escaped, String input, SecurityAssertions.Action action, int[] counts) {
        try {
            action.run();
        } catch (JwtValidationException e) {
            record(escaped, e.getClass() == JwtValidationException.class ? null : e, input);
            counts[1]++;
        } catch (JwkException e) {
            record(escaped, e.getClass() == JwkException.class ? null : e, input);
            counts[2]++;
        } catch (Throwable t) {
            record(escaped, t, input);
        }
    }

    private static void record(List<String> escaped, Throwable t, String input) {
        if (t != null && escaped.size() < 20) {
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            escaped.add(w.toString().lines().limit(8).reduce("", (a, b) -> a + b + " | ")
                    + " input: " + input.substring(0, Math.min(300, input.length())));
        }
    }

    /** One to three random edits: bit flip, replace, delete range, insert, truncate, splice, duplicate a part. */
    static String mutate(String s, String other, Random random, String alphabet) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int len = b.length();
            int pos = len == 0 ? 0 : random.nextInt(len);
            switch (random.nextInt(8)) {
                case 0:
                    if (len > 0) {
                        b.setCharAt(pos, (char) (b.charAt(pos) ^ (1 << random.nextInt(8))));
                    }
                    break;
                case 1:
                    if (len > 0) {
                        b.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    break;
                case 2:
                    b.delete(pos, Math.min(len, pos + 1 + random.nextInt(8)));
                    break;
                case 3:
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        b.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    break;
                case 4:
                    b.setLength(pos);
                    break;
                case 5: {
                    int from = random.nextInt(other.length());
                    b.replace(pos, len, other.substring(from));
                    break;
                }
                case 6: {
                    int end = Math.min(len, pos + 1 + random.nextInt(40));
                    b.insert(pos, b.substring(pos, end));
                    break;
                }
                default:
                    if (len > 0) {
                        b.deleteCharAt(pos);
                    }
                    break;
            }
        }
        return b.toString();
    }
}
