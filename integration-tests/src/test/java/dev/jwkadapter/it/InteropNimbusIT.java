package dev.jwkadapter.it;

import static dev.jwkadapter.it.ItFixtures.AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.ISSUER;
import static dev.jwkadapter.it.ItFixtures.OTHER_AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.SUBJECT;
import static dev.jwkadapter.it.ItFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.local.LocalKeyProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with Nimbus JOSE+JWT (a test oracle): our tokens verify in Nimbus, Nimbus tokens validate in
 * our {@code JwtValidator} from the JWK Set Nimbus publishes, and both agree on RFC 7638 thumbprints.
 * Nimbus verifies Ed25519 only through Tink; its {@code DefaultJWTProcessor} has no Ed25519 verifier, so
 * EdDSA tokens are checked with {@link Ed25519Verifier} and {@link DefaultJWTClaimsVerifier} directly.
 */
class InteropNimbusIT {

    private static RSAKey rsa;
    private static ECKey p256;
    private static ECKey p384;
    private static ECKey p521;
    private static OctetKeyPair ed25519;
    private static JWKSet nimbusKeys;

    @BeforeAll
    static void generateNimbusKeys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("nimbus-rsa").keyUse(KeyUse.SIGNATURE).generate();
        p256 = new ECKeyGenerator(Curve.P_256).keyID("nimbus-p256").keyUse(KeyUse.SIGNATURE).generate();
        p384 = new ECKeyGenerator(Curve.P_384).keyID("nimbus-p384").generate();
        p521 = new ECKeyGenerator(Curve.P_521).keyID("nimbus-p521").generate();
        ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).keyID("nimbus-ed25519").keyUse(KeyUse.SIGNATURE).generate();
        nimbusKeys = new JWKSet(List.<JWK>of(rsa, p256, p384, p521, ed25519));
    }

    private static JWK nimbusKeyFor(JwsAlgorithm alg) {
        switch (alg) {
            case ES256: return p256;
            case ES384: return p384;
            case ES512: return p521;
            case EdDSA: return ed25519;
            default: return rsa;
        }
    }

    private static JWSSigner nimbusSignerFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey) {
            return new RSASSASigner((RSAKey) key);
        }
        if (key instanceof ECKey) {
            return new ECDSASigner((ECKey) key);
        }
        return new Ed25519Signer((OctetKeyPair) key);
    }

    private static String nimbusSign(JwsAlgorithm alg, String audience, Instant expiry) throws JOSEException {
        JWK key = nimbusKeyFor(alg);
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(SUBJECT)
                .audience(audience)
                .issueTime(Date.from(expiry.isBefore(now) ? expiry.minusSeconds(600) : now))
                .expirationTime(Date.from(expiry))
                .claim("tid", TENANT)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg.jwaName()))
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(nimbusSignerFor(key));
        return jwt.serialize();
    }

    /** What Nimbus publishes: the public JWK Set JSON, parsed by us. */
    private static JwkSet ourViewOfNimbusJwks() {
        return JwkSet.parse(nimbusKeys.toPublicJWKSet().toString());
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> nimbusClaimsVerifier() {
        return new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat"));
    }

    /** Verifies our token in Nimbus with the JWK Set our provider publishes; returns Nimbus's claims. */
    private static JWTClaimsSet nimbusProcess(String token, String ourJwksJson, JwsAlgorithm alg) throws Exception {
        JWKSet published = JWKSet.parse(ourJwksJson);
        if (alg == JwsAlgorithm.EdDSA) {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).isInstanceOf(OctetKeyPair.class);
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
            assertThat(jwt.verify(new Ed25519Verifier((OctetKeyPair) key))).as("Nimbus Ed25519 verify").isTrue();
            nimbusClaimsVerifier().verify(jwt.getJWTClaimsSet(), null);
            return jwt.getJWTClaimsSet();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.parse(alg.jwaName()), new ImmutableJWKSet<>(published)));
        processor.setJWTClaimsSetVerifier(nimbusClaimsVerifier());
        return processor.process(token, null);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void nimbusProcessWhenSignedByUsThenClaimsAccepted(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());

        JWTClaimsSet claims = nimbusProcess(token, provider.jwks().toJson(), alg);

        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(provider.activeKey().kid());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo(SUBJECT);
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getStringClaim("tid")).isEqualTo(TENANT);
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void nimbusProcessWhenOurTokenTamperedThenRejected(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        String tampered = ItFixtures.withPayload(token, ItFixtures.payloadJson(token).replace(SUBJECT, "svc-admin"));

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> nimbusProcess(tampered, provider.jwks().toJson(), alg));

        assertThat(thrown).isNotNull();
        if (alg == JwsAlgorithm.EdDSA) {
            assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("Nimbus Ed25519 verify");
        } else {
            assertThat(thrown).hasMessageContaining("Signed JWT rejected: Invalid signature");
        }
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenSignedByNimbusThenClaimsVerified(JwsAlgorithm alg) throws Exception {
        String token = nimbusSign(alg, AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));

        VerifiedJwt jwt = ItFixtures.validator(ourViewOfNimbusJwks(), alg).validate(token);

        assertThat(jwt.header().algorithm()).isEqualTo(alg);
        assertThat(jwt.header().keyId()).contains(nimbusKeyFor(alg).getKeyID());
        assertThat(jwt.key().thumbprint()).isEqualTo(nimbusKeyFor(alg).computeThumbprint().toString());
        assertThat(jwt.claims().issuer()).contains(ISSUER);
        assertThat(jwt.claims().subject()).contains(SUBJECT);
        assertThat(jwt.claims().audience()).containsExactly(AUDIENCE);
        assertThat(jwt.claims().stringClaim("tid")).contains(TENANT);
    }

    @Test
    void parseWhenNimbusPublishesJwkSetThenEveryKeyUsableAndPublic() {
        JwkSet set = ourViewOfNimbusJwks();

        assertThat(set.rejected()).isEmpty();
        assertThat(set.keys()).extracting(k -> k.kid().orElse(""))
                .containsExactly("nimbus-rsa", "nimbus-p256", "nimbus-p384", "nimbus-p521", "nimbus-ed25519");
        assertThat(set.keys()).extracting(Jwk::kty).containsExactly("RSA", "EC", "EC", "EC", "OKP");
        assertThat(set.keys()).allSatisfy(k -> assertThat(k.memberNames()).doesNotContain("d", "p", "q"));
        assertThat(set.find("nimbus-rsa").orElseThrow().keySize()).isEqualTo(2048);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "PS384", "ES256", "ES512", "EdDSA"})
    void validateWhenNimbusTokenHasWrongAudienceThenReasonAudienceMismatch(JwsAlgorithm alg) throws Exception {
        String token = nimbusSign(alg, OTHER_AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));

        Reason reason = ItFixtures.rejection(() -> ItFixtures.validator(ourViewOfNimbusJwks(), alg).validate(token))
                .reason();

        assertThat(reason).isEqualTo(Reason.AUDIENCE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "PS384", "ES256", "ES512", "EdDSA"})
    void validateWhenNimbusTokenExpiredThenReasonExpired(JwsAlgorithm alg) throws Exception {
        String token = nimbusSign(alg, AUDIENCE, Instant.now().minus(Duration.ofMinutes(5)));

        Reason reason = ItFixtures.rejection(() -> ItFixtures.validator(ourViewOfNimbusJwks(), alg).validate(token))
                .reason();

        assertThat(reason).isEqualTo(Reason.EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void thumbprintWhenOurPublishedKeyParsedByNimbusThenEqual(JwsAlgorithm alg) throws Exception {
        Jwk ours = ItFixtures.provider(alg).activeKey().jwk();

        JWK theirs = JWK.parse(ours.toJson());

        assertThat(theirs.isPrivate()).isFalse();
        assertThat(theirs.getKeyType().getValue()).isEqualTo(ours.kty());
        assertThat(theirs.computeThumbprint().toString()).isEqualTo(ours.thumbprint());
        // LocalKeyProvider names each version by its RFC 7638 thumbprint
        assertThat(theirs.getKeyID()).isEqualTo(theirs.computeThumbprint().toString());
    }

    static Stream<String> nimbusKeyIds() {
        return Stream.of("nimbus-rsa", "nimbus-p256", "nimbus-p384", "nimbus-p521", "nimbus-ed25519");
    }

    @ParameterizedTest
    @MethodSource("nimbusKeyIds")
    void thumbprintWhenNimbusKeyParsedByUsThenEqual(String kid) throws Exception {
        JWK theirs = nimbusKeys.getKeyByKeyId(kid);

        Jwk ours = Jwk.parse(theirs.toPublicJWK().toJSONString());

        assertThat(ours.kid()).contains(kid);
        assertThat(ours.thumbprint()).isEqualTo(theirs.computeThumbprint().toString());
    }

    @Test
    void nimbusClaimsVerifierWhenOurTokenHasWrongAudienceThenRejected() throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(JwsAlgorithm.ES256);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims(OTHER_AUDIENCE));

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> nimbusProcess(token, provider.jwks().toJson(), JwsAlgorithm.ES256));

        assertThat(thrown).isInstanceOf(BadJWTException.class).hasMessage("JWT aud claim rejected");
    }
}
