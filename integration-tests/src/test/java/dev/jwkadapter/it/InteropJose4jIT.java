package dev.jwkadapter.it;

import static dev.jwkadapter.it.ItFixtures.AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.ISSUER;
import static dev.jwkadapter.it.ItFixtures.OTHER_AUDIENCE;
import static dev.jwkadapter.it.ItFixtures.SUBJECT;
import static dev.jwkadapter.it.ItFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.local.LocalKeyProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with jose4j 0.9.7 (a test oracle): our tokens verify in jose4j's {@link JwtConsumer}, jose4j
 * tokens validate in our {@code JwtValidator} from the JWK Set jose4j publishes, and both agree on RFC
 * 7638 thumbprints. jose4j 0.9.7 supports Ed25519 ({@link OkpJwkGenerator}, JDK EdDSA), so every
 * algorithm is covered in both directions.
 */
class InteropJose4jIT {

    private static PublicJsonWebKey rsa;
    private static PublicJsonWebKey p256;
    private static PublicJsonWebKey p384;
    private static PublicJsonWebKey p521;
    private static PublicJsonWebKey ed25519;
    private static JsonWebKeySet jose4jKeys;

    @BeforeAll
    static void generateJose4jKeys() throws JoseException {
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("jose4j-rsa");
        p256 = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        p256.setKeyId("jose4j-p256");
        p256.setUse("sig");
        p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        p384.setKeyId("jose4j-p384");
        p521 = EcJwkGenerator.generateJwk(EllipticCurves.P521);
        p521.setKeyId("jose4j-p521");
        ed25519 = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        ed25519.setKeyId("jose4j-ed25519");
        jose4jKeys = new JsonWebKeySet(List.<JsonWebKey>of(rsa, p256, p384, p521, ed25519));
    }

    private static PublicJsonWebKey jose4jKeyFor(JwsAlgorithm alg) {
        switch (alg) {
            case ES256: return p256;
            case ES384: return p384;
            case ES512: return p521;
            case EdDSA: return ed25519;
            default: return rsa;
        }
    }

    private static String jose4jSign(JwsAlgorithm alg, String audience, Instant expiry) throws JoseException {
        PublicJsonWebKey key = jose4jKeyFor(alg);
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(SUBJECT);
        claims.setAudience(audience);
        claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        claims.setIssuedAt(NumericDate.fromSeconds(expiry.minus(Duration.ofMinutes(15)).getEpochSecond()));
        claims.setClaim("tid", TENANT);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(alg.jwaName());
        return jws.getCompactSerialization();
    }

    /** What jose4j publishes (public members only), parsed by us. */
    private static JwkSet ourViewOfJose4jJwks() {
        return JwkSet.parse(jose4jKeys.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** A jose4j consumer of the test issuer and audience that trusts the JWK Set our provider publishes. */
    private static JwtConsumer jose4jConsumer(String ourJwksJson, JwsAlgorithm alg) throws JoseException {
        JsonWebKeySet published = new JsonWebKeySet(ourJwksJson);
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setExpectedType(true, "JWT")
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, alg.jwaName())
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(published.getJsonWebKeys()))
                .build();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void jose4jConsumeWhenSignedByUsThenClaimsAccepted(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());

        org.jose4j.jwt.JwtClaims claims = jose4jConsumer(provider.jwks().toJson(), alg).processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo(SUBJECT);
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getStringClaimValue("tid")).isEqualTo(TENANT);
        assertThat(claims.getExpirationTime().getValue()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void jose4jConsumeWhenOurTokenTamperedThenSignatureInvalid(JwsAlgorithm alg) throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(alg);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims());
        String tampered = ItFixtures.withPayload(token, ItFixtures.payloadJson(token).replace(SUBJECT, "svc-admin"));
        JwtConsumer consumer = jose4jConsumer(provider.jwks().toJson(), alg);

        Throwable thrown = Assertions.catchThrowable(() -> consumer.processToClaims(tampered));

        assertThat(thrown).isInstanceOf(InvalidJwtException.class);
        assertThat(((InvalidJwtException) thrown).hasErrorCode(ErrorCodes.SIGNATURE_INVALID)).isTrue();
    }

    @Test
    void jose4jConsumeWhenOurTokenHasWrongAudienceThenAudienceInvalid() throws Exception {
        LocalKeyProvider provider = ItFixtures.provider(JwsAlgorithm.PS256);
        String token = JwtSigner.of(provider).sign(ItFixtures.claims(OTHER_AUDIENCE));
        JwtConsumer consumer = jose4jConsumer(provider.jwks().toJson(), JwsAlgorithm.PS256);

        Throwable thrown = Assertions.catchThrowable(() -> consumer.processToClaims(token));

        assertThat(thrown).isInstanceOf(InvalidJwtException.class);
        assertThat(((InvalidJwtException) thrown).hasErrorCode(ErrorCodes.AUDIENCE_INVALID)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validateWhenSignedByJose4jThenClaimsVerified(JwsAlgorithm alg) throws Exception {
        String token = jose4jSign(alg, AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));

        VerifiedJwt jwt = ItFixtures.validator(ourViewOfJose4jJwks(), alg).validate(token);

        assertThat(jwt.header().algorithm()).isEqualTo(alg);
        assertThat(jwt.header().type()).isEmpty();
        assertThat(jwt.header().keyId()).contains(jose4jKeyFor(alg).getKeyId());
        assertThat(jwt.key().thumbprint())
                .isEqualTo(jose4jKeyFor(alg).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        assertThat(jwt.claims().issuer()).contains(ISSUER);
        assertThat(jwt.claims().subject()).contains(SUBJECT);
        assertThat(jwt.claims().audience()).containsExactly(AUDIENCE);
        assertThat(jwt.claims().stringClaim("tid")).contains(TENANT);
    }

    @Test
    void parseWhenJose4jPublishesJwkSetThenEveryKeyUsableAndPublic() {
        JwkSet set = ourViewOfJose4jJwks();

        assertThat(set.rejected()).isEmpty();
        assertThat(set.keys()).extracting(k -> k.kid().orElse(""))
                .containsExactly("jose4j-rsa", "jose4j-p256", "jose4j-p384", "jose4j-p521", "jose4j-ed25519");
        assertThat(set.keys()).extracting(Jwk::kty).containsExactly("RSA", "EC", "EC", "EC", "OKP");
        assertThat(set.keys()).allSatisfy(k -> assertThat(k.memberNames()).doesNotContain("d", "p", "q"));
        assertThat(set.find("jose4j-p256").orElseThrow().use()).contains("sig");
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void validateWhenJose4jTokenHasWrongAudienceThenReasonAudienceMismatch(JwsAlgorithm alg) throws Exception {
        String token = jose4jSign(alg, OTHER_AUDIENCE, Instant.now().plus(Duration.ofMinutes(10)));

        Reason reason = ItFixtures.rejection(() -> ItFixtures.validator(ourViewOfJose4jJwks(), alg).validate(token))
                .reason();

        assertThat(reason).isEqualTo(Reason.AUDIENCE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void validateWhenJose4jTokenExpiredThenReasonExpired(JwsAlgorithm alg) throws Exception {
        String token = jose4jSign(alg, AUDIENCE, Instant.now().minus(Duration.ofMinutes(5)));

        Reason reason = ItFixtures.rejection(() -> ItFixtures.validator(ourViewOfJose4jJwks(), alg).validate(token))
                .reason();

        assertThat(reason).isEqualTo(Reason.EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void thumbprintWhenOurPublishedKeyParsedByJose4jThenEqual(JwsAlgorithm alg) throws Exception {
        Jwk ours = ItFixtures.provider(alg).activeKey().jwk();

        JsonWebKey theirs = JsonWebKey.Factory.newJwk(ours.toJson());

        assertThat(theirs.getKeyType()).isEqualTo(ours.kty());
        assertThat(theirs.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256)).isEqualTo(ours.thumbprint());
    }

    static Stream<String> jose4jKeyIds() {
        return Stream.of("jose4j-rsa", "jose4j-p256", "jose4j-p384", "jose4j-p521", "jose4j-ed25519");
    }

    @ParameterizedTest
    @MethodSource("jose4jKeyIds")
    void thumbprintWhenJose4jKeyParsedByUsThenEqual(String kid) throws Exception {
        JsonWebKey theirs = jose4jKeys.findJsonWebKey(kid, null, null, null);

        Jwk ours = Jwk.parse(theirs.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));

        assertThat(ours.kid()).contains(kid);
        assertThat(ours.thumbprint()).isEqualTo(theirs.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
    }
}
