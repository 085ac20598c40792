package dev.jwkadapter.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full validation of the same Azure-AD-shaped token (parse, key by kid, signature, exp/nbf, iss, aud)
 * by jwk-adapter, Nimbus JOSE+JWT, jose4j and java-jwt, next to the floor: the JDK's
 * {@code Signature.verify} on the same signing input and signature bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {

    @Param({"RS256", "PS256", "ES256"})
    public String alg;

    private Fixtures f;
    private JwtValidator ours;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private JwtConsumer jose4j;
    private JWTVerifier javaJwt;
    private ThreadLocal<Signature> floor;

    @Setup
    public void setup() throws Exception {
        JwsAlgorithm a = JwsAlgorithm.fromName(alg).orElseThrow();
        f = new Fixtures(a);
        ours = JwtValidator.builder().jwks(JwksSource.of(f.jwkSet)).issuer(Fixtures.ISSUER)
                .audience(Fixtures.AUDIENCE).algorithms(a).build();

        nimbus = new DefaultJWTProcessor<>();
        nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg),
                new ImmutableJWKSet<>(JWKSet.parse(f.jwksJson))));
        nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Fixtures.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Fixtures.ISSUER).build(), Set.of("exp")));

        JsonWebKeySet jwks = new JsonWebKeySet(f.jwksJson);
        jose4j = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(Fixtures.ISSUER).setExpectedAudience(Fixtures.AUDIENCE)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .build();

        Algorithm algorithm = javaJwtAlgorithm(a);
        javaJwt = algorithm == null ? null
                : JWT.require(algorithm).withIssuer(Fixtures.ISSUER).withAudience(Fixtures.AUDIENCE).acceptLeeway(60).build();

        floor = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance(JcaSignatures.jcaName(a));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // sanity: every library accepts the token
        verifyOurs();
        verifyNimbus();
        verifyJose4j();
        if (javaJwt != null) {
            verifyJavaJwt();
        }
        if (!verifyFloor()) {
            throw new IllegalStateException("floor verification failed");
        }
    }

    private Algorithm javaJwtAlgorithm(JwsAlgorithm a) {
        switch (a) {
            case RS256:
                return Algorithm.RSA256(new RSAKeyProvider() {
                    @Override
                    public RSAPublicKey getPublicKeyById(String kid) {
                        return Fixtures.KID.equals(kid) ? (RSAPublicKey) f.keyPair.getPublic() : null;
                    }

                    @Override
                    public RSAPrivateKey getPrivateKey() {
                        return null;
                    }

                    @Override
                    public String getPrivateKeyId() {
                        return null;
                    }
                });
            case ES256:
                return Algorithm.ECDSA256(new ECDSAKeyProvider() {
                    @Override
                    public ECPublicKey getPublicKeyById(String kid) {
                        return Fixtures.KID.equals(kid) ? (ECPublicKey) f.keyPair.getPublic() : null;
                    }

                    @Override
                    public ECPrivateKey getPrivateKey() {
                        return null;
                    }

                    @Override
                    public String getPrivateKeyId() {
                        return null;
                    }
                });
            default:
                return null; // java-jwt has no PS256
        }
    }

    @Benchmark
    public VerifiedJwt verifyOurs() {
        return ours.validate(f.token);
    }

    @Benchmark
    public JWTClaimsSet verifyNimbus() throws ParseException, BadJOSEException, JOSEException {
        return nimbus.process(f.token, null);
    }

    @Benchmark
    public JwtClaims verifyJose4j() throws InvalidJwtException {
        return jose4j.processToClaims(f.token);
    }

    @Benchmark
    public DecodedJWT verifyJavaJwt() {
        if (javaJwt == null) {
            throw new UnsupportedOperationException("java-jwt does not implement " + alg);
        }
        return javaJwt.verify(f.token);
    }

    @Benchmark
    public boolean verifyFloor() throws Exception {
        Signature s = floor.get();
        s.initVerify(f.keyPair.getPublic());
        if (f.alg.isPss()) {
            s.setParameter(JcaSignatures.pssParameters(f.alg));
        }
        s.update(f.signingInput);
        return s.verify(f.signature);
    }
}
