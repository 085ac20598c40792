package dev.jwkadapter.core.provider;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Where signing keys live: one interface over Azure Key Vault, local PKCS#12 stores and anything
 * else that can list public keys and sign.
 *
 * <p>Implementer's duties:
 * <ul>
 *   <li>Be thread-safe: one instance is shared by every request thread.</li>
 *   <li>Never return private key material: {@link #keys()} and {@link #jwks()} hold public JWKs only
 *       (a {@code Jwk} cannot hold anything else).</li>
 *   <li>{@link #sign} returns the JOSE form of the signature (R‖S for ECDSA, fixed length), and throws
 *       {@link KeyProviderException} with {@code KEY_NOT_FOUND} for an unknown kid, {@code KEY_DISABLED}
 *       for a version that may not sign, {@code UNSUPPORTED_ALGORITHM} when the key does not fit the
 *       algorithm; never any other unchecked exception.</li>
 * </ul>
 *
 * <pre>{@code
 * KeyProvider provider = LocalKeyProvider.builder().directory(Path.of(".jwk-adapter")).build();
 * String token = JwtSigner.of(provider).sign(claims);
 * String jwks = provider.jwks().toJson();   // serve at /.well-known/jwks.json
 * }</pre>
 */
public interface KeyProvider {

    /** Every usable version, newest first (published in the JWKS, though maybe not yet signing). */
    List<KeyVersion> keys();

    /**
     * The version new tokens are signed with.
     *
     * @throws KeyProviderException if no version can sign
     */
    KeyVersion activeKey();

    /**
     * Signs {@code signingInput} (the ASCII bytes of {@code header.payload}) with the version {@code kid}.
     *
     * @return the JOSE signature bytes
     * @throws KeyProviderException with a stable reason when it cannot
     */
    byte[] sign(String kid, JwsAlgorithm algorithm, byte[] signingInput);

    /** The public keys to publish: by default the JWKs of {@link #keys()}. */
    default JwkSet jwks() {
        List<dev.jwkadapter.core.jwk.Jwk> jwks = new ArrayList<>();
        for (KeyVersion v : keys()) {
            jwks.add(v.jwk());
        }
        return JwkSet.of(jwks);
    }

    /**
     * The algorithm tokens are signed with for {@code key}: by default the key's {@code alg} member,
     * else the first of its algorithms in {@link JwsAlgorithm} order.
     */
    default JwsAlgorithm signingAlgorithm(KeyVersion key) {
        return key.jwk().jwsAlgorithm().filter(key.algorithms()::contains)
                .orElseGet(() -> key.algorithms().stream().sorted().findFirst()
                        .orElseThrow(() -> new KeyProviderException(KeyProviderException.Reason.UNSUPPORTED_ALGORITHM,
                                "key " + key.kid() + " offers no algorithm")));
    }
}
