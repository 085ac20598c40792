package dev.jwkadapter.it;

import static dev.jwkadapter.it.ItFixtures.AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.ISSUER;
import static dev.jwkadapter.it.ItFixtures.OTHER_AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.SUBJECT;
import static dev.jwkadapter.it.ItFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.core.provider.KeyVersion;
import dev.jwkadapter.local.LocalKeyProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end: a {@link LocalKeyProvider} signs with {@link JwtSigner}, its {@code jwks()} is served by a
 * real HTTP server on 127.0.0.1 at {@code /.well-known/jwks.json}, fetched with the JDK HTTP client,
 * parsed, and a {@code JwtValidator} checks the token. For every {@link JwsAlgorithm}.
 */
class SignPublishValidateIT {

    private static final char[] STORE_PASSWORD = "it-store-password".toCharArray();

    private static JwksServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = JwksServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static JwksServer.Fetched publishAndFetch(LocalKeyProvider provider) throws Exception {
        server.publish(provider.jwks().toJson());
        return server.fetch();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenSignedAndJwksFetchedOverHttpThenClaimsVerified(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        KeyVersion active = provider.activeKey();
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        int before = server.requests();

        JwksServer.Fetched fetched = publishAndFetch(provider);
        VerifiedJwt jwt = ItFixtures.validator(fetched.set(), alg).validate(token);

        assertThat(server.requests()).isEqualTo(before + 1);
        assertThat(fetched.set().rejected()).isEmpty();
        assertThat(fetched.set().find(active.kid())).isPresent();
        assertThat(fetched.json()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
        assertThat(jwt.header().algorithm()).isEqualTo(alg);
        assertThat(jwt.header().keyId()).contains(active.kid());
        assertThat(jwt.header().type()).contains("JWT");
        assertThat(jwt.key().thumbprint()).isEqualTo(active.jwk().thumbprint());
        assertThat(jwt.key().kty()).isEqualTo(alg.keyType());
        assertThat(jwt.claims().issuer()).contains(ISSUER);
        assertThat(jwt.claims().subject()).contains(SUBJECT);
        assertThat(jwt.claims().audience()).containsExactly(AUDIENCE);
        assertThat(jwt.claims().stringClaim("tid")).contains(TENANT);
        assertThat(jwt.claims().expiresAt()).isPresent();
        assertThat(jwt.claims().expiresAt().get()).isAfter(Instant.now());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenPayloadTamperedThenReasonBadSignature(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        String payload = ItFixtures.payloadJson(token);
        String forged = payload.replace(SUBJECT, "svc-admin");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = ItFixtures.withPayload(token, forged);

        JwksServer.Fetched fetched = publishAndFetch(provider);

        JwtValidationException e = ItFixtures.rejection(() -> ItFixtures.validator(fetched.set(), alg).validate(tampered));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenAudienceDiffersThenReasonAudienceMismatch(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims(OTHER_AUDIENCE));

        JwksServer.Fetched fetched = publishAndFetch(provider);

        JwtValidationException e = ItFixtures.rejection(() -> ItFixtures.validator(fetched.set(), alg).validate(token));

        assertThat(e.reason()).isEqualTo(Reason.AUDIENCE_MISMATCH);
        assertThat(e.failures()).extracting(JwtValidationException.Failure::reason)
                .containsExactly(Reason.AUDIENCE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenClockPastExpiryThenReasonExpired(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        Clock later = Clock.fixed(Instant.now().plus(ItFixtures.LIFETIME).plusSeconds(120), ZoneOffset.UTC);

        JwksServer.Fetched fetched = publishAndFetch(provider);

        JwtValidationException e = ItFixtures.rejection(
                () -> ItFixtures.validator(fetched.set(), alg, later).validate(token));

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenAlgorithmNotAllowedThenReasonUnsupportedAlgorithm(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        JwsAlgorithm other = alg == JwsAlgorithm.ES256 ? JwsAlgorithm.RS256 : JwsAlgorithm.ES256;

        JwksServer.Fetched fetched = publishAndFetch(provider);

        JwtValidationException e = ItFixtures.rejection(() -> ItFixtures.validator(fetched.set(), other).validate(token));

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512"})
    void fetchWhenEcKeyPublishedThenCoordinatesFullLength(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        int octets = alg.fixedSignatureLength() / 2;

        Jwk published = publishAndFetch(provider).set().find(provider.activeKey().kid()).orElseThrow();

        assertThat(published.curve()).isEqualTo(alg.curve());
        assertThat(Base64.getUrlDecoder().decode(published.member("x").orElseThrow())).hasSize(octets);
        assertThat(Base64.getUrlDecoder().decode(published.member("y").orElseThrow())).hasSize(octets);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "PS512", "ES256", "ES384", "EdDSA"})
    void rotateWhenOldKeyPublishedThenOldTokensValidUntilRetiredThenUnknownKey(JwsAlgorithm alg, @TempDir Path dir)
            throws Exception {
        LocalKeyProvider provider = LocalKeyProvider.builder()
                .directory(dir).password(STORE_PASSWORD.clone()).algorithm(alg).build();
        KeyVersion old = provider.activeKey();
        String oldToken = JwtSigner.of(provider).sign(ItFixtures.claims());

        KeyVersion rotated = provider.rotate();
        String newToken = JwtSigner.of(provider).sign(ItFixtures.claims());
        JwksServer.Fetched both = publishAndFetch(provider);

        assertThat(rotated.kid()).isNotEqualTo(old.kid());
        assertThat(provider.activeKey().kid()).isEqualTo(rotated.kid());
        assertThat(provider.keys()).extracting(KeyVersion::kid).containsExactly(rotated.kid(), old.kid());
        assertThat(kids(both)).containsExactlyInAnyOrder(old.kid(), rotated.kid());
        VerifiedJwt fresh = ItFixtures.validator(both.set(), alg).validate(newToken);
        assertThat(fresh.header().keyId()).contains(rotated.kid());
        assertThat(fresh.key().thumbprint()).isEqualTo(rotated.jwk().thumbprint());
        VerifiedJwt stale = ItFixtures.validator(both.set(), alg).validate(oldToken);
        assertThat(stale.header().keyId()).contains(old.kid());
        assertThat(stale.claims().subject()).contains(SUBJECT);

        provider.retire(old.kid());
        JwksServer.Fetched afterRetire = publishAndFetch(provider);

        assertThat(kids(afterRetire)).containsExactly(rotated.kid());
        assertThat(ItFixtures.validator(afterRetire.set(), alg).validate(newToken).header().keyId())
                .contains(rotated.kid());
        assertThat(ItFixtures.rejection(() -> ItFixtures.validator(afterRetire.set(), alg).validate(oldToken)).reason())
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void validateWhenProviderReopenedFromDirectoryThenEarlierTokensStillValidate(@TempDir Path dir) throws Exception {
        LocalKeyProvider first = LocalKeyProvider.builder()
                .directory(dir).password(STORE_PASSWORD.clone()).algorithm(JwsAlgorithm.ES256).build();
        String token = JwtSigner.of(first).sign(ItFixtures.claims());
        String kid = first.activeKey().kid();

        LocalKeyProvider reopened = LocalKeyProvider.builder()
                .directory(dir).password(STORE_PASSWORD.clone()).algorithm(JwsAlgorithm.ES256).build();
        JwksServer.Fetched fetched = publishAndFetch(reopened);

        assertThat(reopened.activeKey().kid()).isEqualTo(kid);
        assertThat(dir.resolve(LocalKeyProvider.STORE_FILE)).isRegularFile();
        VerifiedJwt jwt = ItFixtures.validator(fetched.set(), JwsAlgorithm.ES256).validate(token);
        assertThat(jwt.header().keyId()).contains(kid);
        assertThat(jwt.claims().stringClaim("tid")).contains(TENANT);
    }

    private static List<String> kids(JwksServer.Fetched fetched) {
        return fetched.set().keys().stream()
                .map(Jwk::kid)
                .map(k -> k.orElse("<no kid>"))
                .collect(Collectors.toList());
    }
}
