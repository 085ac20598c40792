package dev.jwkadapter.core.jwt;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsHeader;
import java.util.Objects;

/**
 * A JWT whose signature and claims a {@link JwtValidator} has checked. Exists only as the result of
 * validation. Immutable and thread-safe.
 */
public final class VerifiedJwt {

    private final JwsHeader header;
    private final JwtClaims claims;
    private final Jwk key;

    VerifiedJwt(JwsHeader header, JwtClaims claims, Jwk key) {
        this.header = Objects.requireNonNull(header);
        this.claims = Objects.requireNonNull(claims);
        this.key = Objects.requireNonNull(key);
    }

    /** The protected header. */
    public JwsHeader header() {
        return header;
    }

    /** The verified claims. */
    public JwtClaims claims() {
        return claims;
    }

    /** The trusted public key that verified the signature. */
    public Jwk key() {
        return key;
    }

    @Override
    public String toString() {
        return "VerifiedJwt[alg=" + header.algorithm() + ", " + claims + "]";
    }
}
