package dev.jwkadapter.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.local.LocalKeyProvider;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing a JWT with the same claims: jwk-adapter's {@code JwtSigner} on an in-memory
 * {@code LocalKeyProvider}, Nimbus, jose4j and java-jwt, next to the floor: {@code Signature.sign} over
 * a precomputed signing input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    @Param({"RS256", "ES256"})
    public String alg;

    private JwtSigner ours;
    private JwtClaims claims;
    private String claimsJson;
    private PrivateKey privateKey;
    private byte[] signingInput;
    private JWSSigner nimbusSigner;
    private JWSHeader nimbusHeader;
    private Algorithm javaJwt;
    private String jose4jAlg;
    private JwsAlgorithm a;
    private ThreadLocal<Signature> floor;

    @Setup
    public void setup() throws Exception {
        a = JwsAlgorithm.fromName(alg).orElseThrow();
        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(a).build();
        ours = JwtSigner.of(provider);
        claims = JwtClaims.builder().issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE).subject("svc")
                .expiresIn(Duration.ofHours(1)).claim("tid", Fixtures.TENANT).claim("roles", java.util.List.of("Reader")).build();
        claimsJson = claims.toJson();

        Fixtures f = new Fixtures(a);
        privateKey = f.keyPair.getPrivate();
        signingInput = f.signingInput;
        if (a.isRsa()) {
            nimbusSigner = new RSASSASigner(privateKey);
            javaJwt = Algorithm.RSA256((RSAPublicKey) f.keyPair.getPublic(), (RSAPrivateKey) privateKey);
        } else {
            nimbusSigner = new ECDSASigner((ECPrivateKey) privateKey);
            javaJwt = Algorithm.ECDSA256((ECPublicKey) f.keyPair.getPublic(), (ECPrivateKey) privateKey);
        }
        nimbusHeader = new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID(Fixtures.KID).type(JOSEObjectType.JWT).build();
        jose4jAlg = alg;
        floor = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance(JcaSignatures.jcaName(a));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Benchmark
    public String signOurs() {
        return ours.sign(claims);
    }

    @Benchmark
    public String signNimbus() throws JOSEException {
        JWSObject o = new JWSObject(nimbusHeader, new Payload(claimsJson));
        o.sign(nimbusSigner);
        return o.serialize();
    }

    @Benchmark
    public String signJose4j() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue(Fixtures.KID);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(jose4jAlg);
        return jws.getCompactSerialization();
    }

    @Benchmark
    public String signJavaJwt() {
        return JWT.create().withKeyId(Fixtures.KID).withPayload(claimsJson).sign(javaJwt);
    }

    @Benchmark
    public byte[] signFloor() throws Exception {
        Signature s = floor.get();
        s.initSign(privateKey);
        s.update(signingInput);
        return s.sign();
    }
}
