package dev.jwkadapter.core.jwk;

import java.util.Objects;

/**
 * A JWK or JWK Set that cannot be used, with a stable {@link Reason}.
 *
 * <p>Messages name the member and the rule that failed; they never contain key material.
 */
public final class JwkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a key or key set was refused. Names are API: added to, never renamed. */
    public enum Reason {
        /** Not JSON, not an object, duplicate members, or a key set without a {@code keys} array. */
        MALFORMED,
        /** A {@code kty} this library does not use for signatures ({@code oct}, unknown). */
        UNSUPPORTED_KEY_TYPE,
        /** A curve this library does not use for signatures ({@code X25519}, {@code P-192}, unknown). */
        UNSUPPORTED_CURVE,
        /** The JWK carries private members ({@code d}, {@code p}, {@code k} …) where a public key was expected. */
        PRIVATE_KEY_MATERIAL,
        /** The key fails a check: size, exponent, point not on the curve, member length or type, x5c mismatch … */
        INVALID_KEY
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason the stable reason
     * @param message what failed and, where it helps, what to do; never key material
     */
    public JwkException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "JwkException[" + reason + "]: " + getMessage();
    }
}
