package dev.jwkadapter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.jwks.CachingJwksSource;
import dev.jwkadapter.core.jwks.HttpJwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscovery;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery → cached JWKS → validation against a real OpenID provider (no.nav.security
 * mock-oauth2-server) started in-process on 127.0.0.1 by the test.
 */
class MockOAuth2ServerIT {

    private static final String ISSUER_ID = "tenant-a";
    private static final String AUDIENCE = "api://orders";

    private MockOAuth2Server server;
    private RotatingKeys rotating;
    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void start() throws Exception {
        rotating = new RotatingKeys();
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(rotating, Instant::now)));
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private URI issuer(String id) {
        return URI.create(server.issuerUrl(id).toString());
    }

    private String token(String issuerId, String audience) {
        return server.issueToken(issuerId, "client-1", new DefaultOAuth2TokenCallback(issuerId, "user-42", "JWT",
                List.of(audience), Map.of("tid", "contoso", "roles", List.of("reader")), 600)).serialize();
    }

    private CachingJwksSource keys(OpenIdConfiguration cfg) {
        return CachingJwksSource.builder(HttpJwksSource.of(cfg.jwksUri())).ticker(ticker::get).build();
    }

    private JwtValidator validator(CachingJwksSource keys, String issuer, String audience) {
        return JwtValidator.builder().jwks(keys).issuer(issuer).audience(audience).algorithms(JwsAlgorithm.RS256).build();
    }

    @Test
    void validateWhenTokenFromDiscoveredIssuerThenAcceptedWithItsClaims() {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        assertThat(cfg.issuer()).isEqualTo(issuer(ISSUER_ID).toString());
        assertThat(cfg.idTokenSigningAlgValuesSupported()).contains("RS256");
        assertThat(cfg.tokenEndpoint()).isPresent();

        JwtValidator validator = validator(keys(cfg), cfg.issuer(), AUDIENCE);
        VerifiedJwt jwt = validator.validate(token(ISSUER_ID, AUDIENCE));

        assertThat(jwt.claims().subject()).contains("user-42");
        assertThat(jwt.claims().stringClaim("tid")).contains("contoso");
        assertThat(jwt.claims().stringListClaim("roles")).containsExactly("reader");
        assertThat(jwt.header().keyId()).contains("tenant-a-1");
        assertThat(jwt.key().kid()).contains("tenant-a-1");
    }

    @Test
    void validateWhenManyTokensThenOneJwksFetch() {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        CachingJwksSource keys = keys(cfg);
        JwtValidator validator = validator(keys, cfg.issuer(), AUDIENCE);
        for (int i = 0; i < 20; i++) {
            validator.validate(token(ISSUER_ID, AUDIENCE));
        }
        assertThat(keys.health().status()).isEqualTo(CachingJwksSource.Status.HEALTHY);
        assertThat(keys.health().keyCount()).isEqualTo(1);
        // every validation after the first is served from the cache: the server saw one JWKS request
        assertThat(server.takeRequest().getRequestUrl().encodedPath()).endsWith("/.well-known/openid-configuration");
        assertThat(server.takeRequest().getRequestUrl().encodedPath()).endsWith("/jwks");
        assertNoFurtherRequest();
    }

    @Test
    void validateWhenAudienceDiffersThenAudienceMismatch() {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        JwtValidator validator = validator(keys(cfg), cfg.issuer(), AUDIENCE);
        assertThatExceptionOfType(JwtValidationException.class)
                .isThrownBy(() -> validator.validate(token(ISSUER_ID, "api://someone-else")))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.AUDIENCE_MISMATCH));
    }

    @Test
    void validateWhenIssuerDiffersThenIssuerMismatch() {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        JwtValidator validator = validator(keys(cfg), issuer("tenant-b").toString(), AUDIENCE);
        assertThatExceptionOfType(JwtValidationException.class)
                .isThrownBy(() -> validator.validate(token(ISSUER_ID, AUDIENCE)))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.ISSUER_MISMATCH));
    }

    @Test
    void validateWhenTokenSignedByAKeyTheProviderNeverPublishedThenUnknownKey() {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        JwtValidator validator = validator(keys(cfg), cfg.issuer(), AUDIENCE);
        String forged = new ForeignSigner().sign(cfg.issuer(), AUDIENCE);
        assertThatExceptionOfType(JwtValidationException.class)
                .isThrownBy(() -> validator.validate(forged))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    /** Signs with a key of its own, under a kid the provider does not publish. */
    static final class ForeignSigner {
        String sign(String issuer, String audience) {
            try {
                RSAKey key = RotatingKeys.newKey("attacker");
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").type(JOSEObjectType.JWT).build(),
                        new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("mallory")
                                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void discoverWhenIssuerAskedForDiffersFromTheDocumentThenUntrustedMetadata() {
        URI asked = URI.create(issuer(ISSUER_ID) + "/");
        assertThatExceptionOfType(dev.jwkadapter.core.oidc.OpenIdDiscoveryException.class)
                .isThrownBy(() -> OpenIdDiscovery.create().fetch(asked))
                .satisfies(e -> assertThat(e.reason())
                        .isEqualTo(dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason.UNTRUSTED_METADATA));
    }

    @Test
    void validateWhenServerRotatesToANewKeyThenOneRefreshAndValidationFollows() throws Exception {
        OpenIdConfiguration cfg = OpenIdDiscovery.create().fetch(issuer(ISSUER_ID));
        CachingJwksSource keys = keys(cfg);
        JwtValidator validator = validator(keys, cfg.issuer(), AUDIENCE);
        String oldToken = token(ISSUER_ID, AUDIENCE);
        validator.validate(oldToken);
        drainRequests();

        // the provider rotates: tokens are now signed with a new key under a new kid, and its JWKS lists only that key
        rotating.rotate("rotated-2");
        String newToken = token(ISSUER_ID, AUDIENCE);
        assertThat(newToken).isNotEqualTo(oldToken);

        VerifiedJwt jwt = validator.validate(newToken);   // unknown kid → one refresh → accepted
        assertThat(jwt.header().keyId()).contains("rotated-2");
        assertThat(server.takeRequest().getRequestUrl().encodedPath()).endsWith("/jwks");
        assertNoFurtherRequest();

        // the old key is no longer published: once the cache refreshes, tokens signed with it are refused
        ticker.addAndGet(CachingJwksSource.DEFAULT_TTL.plusSeconds(1).toNanos());
        assertThat(keys.refreshNow()).isPresent();
        assertThatExceptionOfType(JwtValidationException.class)
                .isThrownBy(() -> validator.validate(oldToken))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThat(validator.validate(newToken).claims().subject()).contains("user-42");
    }

    private void drainRequests() {
        while (true) {
            try {
                server.takeRequest(100, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                return; // mock-oauth2-server throws when the queue stays empty
            }
        }
    }

    private void assertNoFurtherRequest() {
        assertThatExceptionOfType(RuntimeException.class).as("no further request reached the provider")
                .isThrownBy(() -> server.takeRequest(200, TimeUnit.MILLISECONDS));
    }

    /** mock-oauth2-server's key provider, made to rotate on request (it otherwise keys every issuer once, kid = issuer id). */
    static final class RotatingKeys extends KeyProvider {
        private volatile RSAKey current;

        RotatingKeys() {
            super(List.of(), "RS256");
            current = newKey("tenant-a-1");
        }

        static RSAKey newKey(String kid) {
            try {
                return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        void rotate(String kid) {
            current = newKey(kid);
        }

        @Override
        public JWK signingKey(String issuerId) {
            return current;
        }
    }
}
