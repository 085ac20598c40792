package dev.jwkadapter.bench;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/**
 * One token and key set shared by every library in a benchmark run: an Azure AD v2-shaped access
 * token (about 20 claims) signed with a fresh RSA-2048, P-256 or Ed25519 key.
 */
final class Fixtures {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    static final String AUDIENCE = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
    static final String KID = "nOo3ZDrODXEK1jKWhXslHR_KXEg";

    final JwsAlgorithm alg;
    final KeyPair keyPair;
    final Jwk jwk;
    final JwkSet jwkSet;
    final String jwksJson;
    final String header;
    final String claims;
    final String token;
    final byte[] signingInput;
    final byte[] signature;

    Fixtures(JwsAlgorithm alg) throws GeneralSecurityException {
        this.alg = alg;
        this.keyPair = generate(alg);
        this.jwk = Jwk.fromPublicKey(keyPair.getPublic(), KID).withAlgorithm(alg).withUse("sig");
        this.jwkSet = JwkSet.of(jwk);
        this.jwksJson = jwkSet.toJson();
        this.header = "{\"typ\":\"JWT\",\"alg\":\"" + alg.jwaName() + "\",\"kid\":\"" + KID + "\"}";
        long now = Instant.now().getEpochSecond();
        this.claims = claims(now);
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8));
        this.signingInput = input.getBytes(StandardCharsets.US_ASCII);
        this.signature = JcaSignatures.sign(alg, keyPair.getPrivate(), signingInput);
        this.token = input + "." + Base64Url.encode(signature);
    }

    static KeyPair generate(JwsAlgorithm alg) throws GeneralSecurityException {
        if (alg.isRsa()) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        if (alg.isEcdsa()) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            String curve = alg == JwsAlgorithm.ES256 ? "secp256r1" : alg == JwsAlgorithm.ES384 ? "secp384r1" : "secp521r1";
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        }
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static String claims(long now) {
        return "{\"aud\":\"" + AUDIENCE + "\",\"iss\":\"" + ISSUER + "\",\"iat\":" + now + ",\"nbf\":" + now
                + ",\"exp\":" + (now + 86_400) + ",\"aio\":\"AWQAm/8TAAAAVXrB2bYZ0Hc9ZTLQ5wpZ8u4p0Sxw9yK3b7dQgE1U2c=\""
                + ",\"azp\":\"d3590ed6-52b3-4102-aeff-aad2292ab01c\",\"azpacr\":\"0\",\"name\":\"Abe Lincoln\""
                + ",\"oid\":\"690222be-ff1a-4d56-abd1-7e4f7d38e474\",\"preferred_username\":\"abeli@microsoft.com\""
                + ",\"rh\":\"I\",\"roles\":[\"Reader\",\"Writer\"],\"scp\":\"access_as_user User.Read\""
                + ",\"sid\":\"00a1b2c3-0000-1111-2222-333344445555\",\"sub\":\"HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ\""
                + ",\"tid\":\"" + TENANT + "\",\"uti\":\"fqiBqXLPj0eQa82S-IYFAA\",\"ver\":\"2.0\",\"xms_tcdt\":1289241547}";
    }
}
