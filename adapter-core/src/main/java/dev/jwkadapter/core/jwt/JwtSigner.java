package dev.jwkadapter.core.jwt;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Signs JWTs with a {@link KeyProvider}'s active key, as compact JWS.
 *
 * <p>The header is {@code {"alg":…,"kid":…,"typ":"JWT"}}: {@code alg} is the provider's algorithm for
 * the active key (never {@code none}), {@code kid} the active version's id. The claims are written as
 * UTF-8 JSON without duplicate members, NumericDates as whole seconds. Fixed-length signatures
 * (ECDSA, EdDSA) are checked for their exact length before a token is returned. Instances are
 * immutable and thread-safe.
 *
 * <pre>{@code
 * String token = JwtSigner.of(provider).sign(JwtClaims.builder()
 *         .issuer("https://issuer.example").audience("api://x")
 *         .expiresIn(Duration.ofMinutes(10)).build());
 * }</pre>
 */
public final class JwtSigner {

    private final KeyProvider provider;
    private final @Nullable String type;
    private final @Nullable JwsAlgorithm algorithm;
    /** The last header written: a pure function of (alg, kid, typ), so caching it never changes a token. */
    private final AtomicReference<@Nullable EncodedHeader> lastHeader = new AtomicReference<>();

    private JwtSigner(KeyProvider provider, @Nullable String type, @Nullable JwsAlgorithm algorithm) {
        this.provider = provider;
        this.type = type;
        this.algorithm = algorithm;
    }

    /** A signer with {@code typ: JWT} and the provider's algorithm. */
    public static JwtSigner of(KeyProvider provider) {
        return new JwtSigner(Objects.requireNonNull(provider, "provider"), "JWT", null);
    }

    /** A copy that writes this {@code typ} (for example {@code at+jwt}, RFC 9068). */
    public JwtSigner withType(String typ) {
        return new JwtSigner(provider, Objects.requireNonNull(typ, "typ"), algorithm);
    }

    /** A copy that signs with this algorithm (the active key must offer it). */
    public JwtSigner withAlgorithm(JwsAlgorithm alg) {
        return new JwtSigner(provider, type, Objects.requireNonNull(alg, "algorithm"));
    }

    /**
     * Signs the claims with the provider's active key.
     *
     * @return the compact JWS
     * @throws KeyProviderException when the provider cannot sign
     */
    public String sign(JwtClaims claims) {
        Objects.requireNonNull(claims, "claims");
        KeyVersion key = provider.activeKey();
        JwsAlgorithm alg = algorithm != null ? algorithm : provider.signingAlgorithm(key);
        if (!key.algorithms().contains(alg)) {
            throw new KeyProviderException(KeyProviderException.Reason.UNSUPPORTED_ALGORITHM,
                    "the active key " + key.kid() + " does not sign with " + alg + " (it offers " + key.algorithms() + ")");
        }
        String input = encodedHeader(alg, key.kid()) + "." + Base64Url.encode(claims.toUtf8());
        byte[] signature = provider.sign(key.kid(), alg, input.getBytes(StandardCharsets.US_ASCII));
        if (signature == null || signature.length == 0
                || (alg.fixedSignatureLength() != 0 && signature.length != alg.fixedSignatureLength())) {
            throw new KeyProviderException(KeyProviderException.Reason.INVALID_SIGNATURE,
                    "the provider returned a signature of the wrong length for " + alg + "; no token was emitted");
        }
        return input + "." + Base64Url.encode(signature);
    }

    /** The base64url header for this key and algorithm; rebuilt only when the active key or algorithm changes. */
    private String encodedHeader(JwsAlgorithm alg, String kid) {
        EncodedHeader h = lastHeader.get();
        if (h == null || h.alg != alg || !h.kid.equals(kid)) {
            JwsHeader.Builder header = JwsHeader.builder(alg).keyId(kid);
            if (type != null) {
                header.type(type);
            }
            h = new EncodedHeader(alg, kid, Base64Url.encode(header.build().toJson().getBytes(StandardCharsets.UTF_8)));
            lastHeader.set(h);
        }
        return h.encoded;
    }

    private static final class EncodedHeader {
        final JwsAlgorithm alg;
        final String kid;
        final String encoded;

        EncodedHeader(JwsAlgorithm alg, String kid, String encoded) {
            this.alg = alg;
            this.kid = kid;
            this.encoded = encoded;
        }
    }

    @Override
    public String toString() {
        return "JwtSigner[provider=" + provider.getClass().getSimpleName() + ", typ=" + type
                + (algorithm == null ? "" : ", alg=" + algorithm) + "]";
    }
}
