package dev.jwkadapter.core.jwks;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** An ES256 signing key with a kid, generated in the test, that signs compact JWTs. */
final class Es256Key {

    private final String kid;
    private final KeyPair pair;
    private final Jwk jwk;

    private Es256Key(String kid, KeyPair pair) {
        this.kid = kid;
        this.pair = pair;
        this.jwk = Jwk.fromPublicKey(pair.getPublic(), kid);
    }

    /** A fresh P-256 key pair named {@code kid}. */
    static Es256Key generate(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new Es256Key(kid, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key pair under another kid. */
    Es256Key withKid(String newKid) {
        return new Es256Key(newKid, pair);
    }

    String kid() {
        return kid;
    }

    Jwk jwk() {
        return jwk;
    }

    /** A compact JWS of {@code claims}, header {@code {"alg":"ES256","kid":kid,"typ":"JWT"}}. */
    String sign(JwtClaims claims) {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(claims.toJson().getBytes(StandardCharsets.UTF_8));
        try {
            byte[] sig = JcaSignatures.sign(JwsAlgorithm.ES256, pair.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64Url.encode(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Es256Key[" + kid + "]";
    }
}
