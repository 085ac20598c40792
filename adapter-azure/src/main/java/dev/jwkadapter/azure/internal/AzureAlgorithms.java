package dev.jwkadapter.azure.internal;

import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.util.Optional;

/**
 * JWS algorithms and Key Vault signature algorithms: the names are the same for RS/PS/ES 256/384/512;
 * Key Vault does not offer EdDSA. Stateless.
 */
public final class AzureAlgorithms {

    private AzureAlgorithms() {}

    /** The Key Vault algorithm for a JWS algorithm, or empty when Key Vault cannot sign with it (EdDSA). */
    public static Optional<SignatureAlgorithm> toVault(JwsAlgorithm alg) {
        switch (alg) {
            case RS256: return Optional.of(SignatureAlgorithm.RS256);
            case RS384: return Optional.of(SignatureAlgorithm.RS384);
            case RS512: return Optional.of(SignatureAlgorithm.RS512);
            case PS256: return Optional.of(SignatureAlgorithm.PS256);
            case PS384: return Optional.of(SignatureAlgorithm.PS384);
            case PS512: return Optional.of(SignatureAlgorithm.PS512);
            case ES256: return Optional.of(SignatureAlgorithm.ES256);
            case ES384: return Optional.of(SignatureAlgorithm.ES384);
            case ES512: return Optional.of(SignatureAlgorithm.ES512);
            default: return Optional.empty();
        }
    }

    /**
     * The algorithm a version of this JWK type signs with: {@code rsaAlgorithm} for RSA keys, the curve's
     * ECDSA algorithm for EC keys (P-256 → ES256 …), empty for anything else (secp256k1 has no JWS
     * algorithm in this library).
     */
    public static Optional<JwsAlgorithm> forKey(String kty, Optional<String> crv, JwsAlgorithm rsaAlgorithm) {
        if ("RSA".equals(kty)) {
            return Optional.of(rsaAlgorithm);
        }
        if ("EC".equals(kty) && crv.isPresent()) {
            return JwsAlgorithm.forCurve(crv.get());
        }
        return Optional.empty();
    }
}
