package dev.jwkadapter.core.jwks;

import dev.jwkadapter.testing.SelfSignedTls;
import static dev.jwkadapter.core.jwks.JwksFixtures.jwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.testing.JwksTestServer;
import dev.jwkadapter.testing.JwksTestServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpJwksSourceTest {

    private static final String JWKS = "/jwks";

    private JwksTestServer server;
    private Es256Key key;

    @BeforeEach
    void setUp() {
        server = JwksTestServer.start();
        key = Es256Key.generate("k1");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpJwksSource source() {
        return HttpJwksSource.of(server.uri(JWKS));
    }

    private static ThrowableAssertAlternative<JwksUnavailableException> fails(HttpJwksSource source) {
        return assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(source::get);
    }

    /** A JWK Set document of exactly {@code size} bytes (the set of one key, padded with spaces). */
    private String paddedTo(int size) {
        String doc = jwks(key);
        char[] pad = new char[size - doc.length()];
        Arrays.fill(pad, ' ');
        return doc.substring(0, doc.length() - 1) + new String(pad) + "}";
    }

    @Test
    void defaultsAreThePublishedConstants() {
        assertThat(HttpJwksSource.DEFAULT_CONNECT_TIMEOUT_MILLIS).isEqualTo(2_000);
        assertThat(HttpJwksSource.DEFAULT_TIMEOUT_MILLIS).isEqualTo(5_000);
        assertThat(HttpJwksSource.DEFAULT_MAX_BYTES).isEqualTo(64 * 1024);
        assertThat(HttpJwksSource.DEFAULT_MAX_KEYS).isEqualTo(100);
        assertThat(source()).hasToString("HttpJwksSource[" + server.uri(JWKS) + ", timeout=PT5S]");
    }

    @Test
    void getWhenServerServesJwksThenReturnsTheKeys() {
        server.serve(JWKS, Reply.json(jwks(key)));
        JwkSet set = source().get();
        assertThat(set.keys()).containsExactly(key.jwk());
        assertThat(server.requests(JWKS)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/jwks", "http://10.0.0.1/jwks", "http://127.0.0.1.nip.io/jwks",
            "ftp://127.0.0.1/jwks", "/jwks", "file:///etc/jwks.json"})
    void buildWhenUrlIsNotHttpsOrLoopbackHttpThenRejectedBeforeAnyRequest(String url) {
        assertThatIllegalStateException().isThrownBy(() -> HttpJwksSource.of(URI.create(url)))
                .withMessageStartingWith("uri: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://login.example/keys", "http://localhost:1/jwks", "http://127.0.0.2:1/jwks",
            "http://[::1]:1/jwks"})
    void buildWhenUrlIsHttpsOrLoopbackHttpThenAccepted(String url) {
        assertThat(HttpJwksSource.of(URI.create(url)).uri()).isEqualTo(URI.create(url));
    }

    @Test
    void buildWhenSettingsImpossibleThenRejectedNamingTheSetting() {
        URI uri = server.uri(JWKS);
        assertThatIllegalStateException().isThrownBy(() -> HttpJwksSource.builder(uri).timeout(Duration.ZERO).build())
                .withMessageContaining("timeout");
        assertThatIllegalStateException().isThrownBy(() -> HttpJwksSource.builder(uri)
                .connectTimeout(Duration.ofSeconds(-1)).build()).withMessageContaining("connectTimeout");
        assertThatIllegalStateException().isThrownBy(() -> HttpJwksSource.builder(uri).maxBytes(1).build())
                .withMessageContaining("maxBytes");
        assertThatIllegalStateException().isThrownBy(() -> HttpJwksSource.builder(uri).maxKeys(0).build())
                .withMessageContaining("maxKeys");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void getWhenRedirectedToAnotherHostThenNotFollowedAndTargetSeesNoRequest(int status) {
        try (JwksTestServer target = JwksTestServer.start()) {
            target.serve(JWKS, Reply.json(jwks(key)));
            server.serve(JWKS, Reply.redirect(status, "http://localhost:" + target.port() + JWKS));
            fails(source()).withMessageContaining("redirect to another origin is not followed");
            assertThat(target.requests()).isZero();
        }
    }

    @Test
    void getWhenRedirectedToAnotherPortOfTheSameHostThenNotFollowed() {
        try (JwksTestServer target = JwksTestServer.start()) {
            target.serve(JWKS, Reply.json(jwks(key)));
            server.serve(JWKS, Reply.redirect(302, target.uri(JWKS).toString()));
            fails(source()).withMessageContaining("another origin");
            assertThat(target.requests()).isZero();
        }
    }

    @Test
    void getWhenRedirectedWithinTheSameOriginThenFollowed() {
        server.serve(JWKS, Reply.redirect(302, "/v2/jwks"));
        server.serve("/v2/jwks", Reply.json(jwks(key)));
        assertThat(source().get().size()).isEqualTo(1);
        assertThat(server.requests("/v2/jwks")).isEqualTo(1);
    }

    @Test
    void getWhenRedirectLoopsThenStopsAfterMaxRedirects() {
        server.serve(JWKS, Reply.redirect(302, JWKS));
        fails(source()).withMessageContaining("redirect not followed");
        assertThat(server.requests(JWKS)).isEqualTo(4);
    }

    @Test
    void getWhenRedirectHasNoLocationThenFails() {
        server.serve(JWKS, Reply.status(302));
        fails(source()).withMessageContaining("HTTP 302");
    }

    @Test
    void getWhenBodyIsExactly64KiBThenAccepted() {
        server.serve(JWKS, Reply.json(paddedTo(64 * 1024)));
        assertThat(source().get().size()).isEqualTo(1);
    }

    @Test
    void getWhenBodyIsOneByteOver64KiBThenFails() {
        server.serve(JWKS, Reply.json(paddedTo(64 * 1024 + 1)));
        fails(source()).withMessageContaining("response body larger than 65536 bytes");
    }

    @Test
    void getWhenBodyIsAnEndlessChunkedStreamThenAbortedAtTheCap() {
        server.serve(JWKS, Reply.endless());
        long t0 = System.nanoTime();
        fails(source()).withMessageContaining("larger than 65536 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void getWhenMaxBytesConfiguredThenThatCapApplies() {
        server.serve(JWKS, Reply.json(jwks(key)));
        HttpJwksSource small = HttpJwksSource.builder(server.uri(JWKS)).maxBytes(64).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(small::get)
                .withMessageContaining("larger than 64 bytes");
    }

    @Test
    void getWhenSetHasMoreThan100KeysThenFails() {
        List<Jwk> keys = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            keys.add(key.jwk().withKid("k" + i));
        }
        server.serve(JWKS, Reply.json(JwkSet.of(keys).toJson()));
        fails(source()).withMessageContaining("has 101 keys; at most 100");
    }

    @Test
    void getWhenSetHasExactly100KeysThenAccepted() {
        List<Jwk> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(key.jwk().withKid("k" + i));
        }
        server.serve(JWKS, Reply.json(JwkSet.of(keys).toJson()));
        assertThat(source().get().size()).isEqualTo(100);
    }

    @Test
    void getWhenRejectedEntriesPushTheCountOver100ThenFails() {
        StringBuilder doc = new StringBuilder("{\"keys\":[").append(key.jwk().toJson());
        for (int i = 0; i < 100; i++) {
            doc.append(",{\"kty\":\"unknown\",\"kid\":\"x").append(i).append("\"}");
        }
        server.serve(JWKS, Reply.json(doc.append("]}").toString()));
        fails(source()).withMessageContaining("has 101 keys");
    }

    @Test
    void getWhenHtmlThenFails() {
        server.serve(JWKS, Reply.html("<!DOCTYPE html><html><body>Sign in</body></html>"));
        fails(source()).withMessageContaining("is not a JWK Set");
    }

    @Test
    void getWhenInvalidJsonThenFails() {
        server.serve(JWKS, Reply.json("{\"keys\":[" + key.jwk().toJson()));
        fails(source()).withMessageContaining("is not a JWK Set");
    }

    @Test
    void getWhenDuplicateMembersThenFails() {
        server.serve(JWKS, Reply.json("{\"keys\":[],\"keys\":[" + key.jwk().toJson() + "]}"));
        fails(source()).withMessageContaining("is not a JWK Set");
    }

    @Test
    void getWhenBodyIsNotUtf8ThenFails() {
        byte[] body = jwks(key).getBytes(StandardCharsets.UTF_16);
        server.serve(JWKS, Reply.bytes(body, "application/json"));
        fails(source()).withMessageContaining("is not a JWK Set");
    }

    @Test
    void getWhenKeysArrayIsEmptyThenFails() {
        server.serve(JWKS, Reply.json("{\"keys\":[]}"));
        fails(source()).withMessageContaining("holds no usable key (0 rejected)");
    }

    @Test
    void getWhenEveryKeyFailsValidationThenFails() {
        String offCurve = key.jwk().toJson().replaceFirst("\"y\":\"[^\"]+\"",
                "\"y\":\"" + key.jwk().toJsonNode().get("x").textValue() + "\"");
        server.serve(JWKS, Reply.json("{\"keys\":[" + offCurve + ",{\"kty\":\"RSA\",\"kid\":\"short\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}"));
        fails(source()).withMessageContaining("holds no usable key (2 rejected)");
    }

    @Test
    void getWhenSomeKeysFailValidationThenTheUsableOnesAreReturned() {
        server.serve(JWKS, Reply.json("{\"keys\":[" + key.jwk().toJson() + ",{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"AAAA\"}]}"));
        JwkSet set = source().get();
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.rejected()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 500, 502, 504})
    void getWhenStatusIsNot200ThenFailsWithTheStatus(int status) {
        server.serve(JWKS, Reply.status(status).withHeader("Retry-After", "30"));
        fails(source()).withMessageContaining("HTTP " + status)
                .satisfies(e -> assertThat(e.retryAfter()).as("Retry-After is read on 429/503 only").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void getWhenRetryAfterIsSecondsThenTheExceptionCarriesIt(int status) {
        server.serve(JWKS, Reply.status(status).withHeader("Retry-After", "120"));
        fails(source()).satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    }

    @Test
    void getWhenThrottledWithAnErrorPageOverTheCapThenStatusAndRetryAfterStillReported() {
        char[] page = new char[200 * 1024];
        Arrays.fill(page, 'x');
        server.serve(JWKS, Reply.bytes(("<html>" + new String(page) + "</html>").getBytes(StandardCharsets.US_ASCII),
                "text/html").withStatus(503).withHeader("Retry-After", "60"));
        fails(source()).withMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    }

    @Test
    void getWhenRetryAfterIsAnHttpDateThenTheExceptionCarriesTheRemainingTime() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        server.serve(JWKS, Reply.status(503).withHeader("Retry-After", date));
        fails(source()).satisfies(e -> assertThat(e.retryAfter()).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121))));
    }

    @Test
    void getWhenRetryAfterIsInThePastThenZero() {
        server.serve(JWKS, Reply.status(429).withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
        fails(source()).satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1.5"})
    void getWhenRetryAfterIsUnparseableThenIgnored(String value) {
        server.serve(JWKS, Reply.status(503).withHeader("Retry-After", value));
        fails(source()).satisfies(e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void getWhenRetryAfterIsHugeThenCappedAtOneDay() {
        server.serve(JWKS, Reply.status(503).withHeader("Retry-After", "99999999"));
        fails(source()).satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofDays(1)));
    }

    @Test
    void getWhenServerNeverAnswersThenTimesOutAtTheConfiguredDeadline() {
        server.serve(JWKS, Reply.hang());
        HttpJwksSource source = HttpJwksSource.builder(server.uri(JWKS)).timeout(Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(source::get)
                .withMessageContaining("timed out after 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
    }

    @Test
    void getWhenBodyDripsSlowlyThenAbortedAtTheDeadlineNotByAReadTimeout() {
        // each byte arrives well within any read timeout; only a whole-fetch deadline stops this
        server.serve(JWKS, Reply.json(jwks(key)).dripping(Duration.ofMillis(50)));
        HttpJwksSource source = HttpJwksSource.builder(server.uri(JWKS)).timeout(Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(source::get)
                .withMessageContaining("timed out after 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
    }

    @Test
    void getWhenResponseIsDelayedWithinTheDeadlineThenSucceeds() {
        server.serve(JWKS, Reply.json(jwks(key)).withDelay(Duration.ofMillis(100)));
        HttpJwksSource source = HttpJwksSource.builder(server.uri(JWKS)).timeout(Duration.ofSeconds(3)).build();
        assertThat(source.get().size()).isEqualTo(1);
    }

    @Test
    void getWhenHostDoesNotResolveThenFailsFast() {
        HttpJwksSource source = HttpJwksSource.of(URI.create("https://nonexistent.invalid/jwks"));
        long t0 = System.nanoTime();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(source::get)
                .withMessageContaining("nonexistent.invalid");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void getWhenHttpsUrlPointsAtAPlainHttpPortThenFailsWithoutFallingBackToHttp() {
        server.serve(JWKS, Reply.json(jwks(key)));
        HttpJwksSource source = HttpJwksSource.builder(URI.create("https://127.0.0.1:" + server.port() + JWKS))
                .connectTimeout(Duration.ofMillis(500)).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(source::get);
        assertThat(server.requests()).isZero();
    }

    @Test
    void getWhenHttpsRedirectsToHttpOnTheSameHostThenNotFollowed(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SelfSignedTls.available(), "keytool is not available next to java");
        SelfSignedTls tls = SelfSignedTls.issue(dir, "ip:127.0.0.1");
        try (JwksTestServer https = JwksTestServer.startHttps(tls.server())) {
            server.serve(JWKS, Reply.json(jwks(key)));
            https.serve("/ok", Reply.json(jwks(key)));
            https.serve(JWKS, Reply.redirect(301, server.uri(JWKS).toString()));
            HttpJwksSource ok = HttpJwksSource.builder(https.uri("/ok")).httpClient(tls.trustingHttpClient()).build();
            assertThat(ok.get().size()).as("control: the trusted TLS server answers").isEqualTo(1);
            HttpJwksSource downgraded = HttpJwksSource.builder(https.uri(JWKS)).httpClient(tls.trustingHttpClient()).build();
            assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(downgraded::get)
                    .withMessageContaining("redirect to another origin is not followed");
            assertThat(server.requests()).isZero();
        }
    }
}
