package dev.jwkadapter.core.jws;

import java.util.Objects;

/**
 * A JWS protected header that cannot be accepted, with a stable {@link Reason}.
 *
 * <p>The message names the member and rule; it never echoes the header.
 */
public final class JwsHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the header was refused. */
    public enum Reason {
        /** Not strict JSON, not an object, a member of the wrong type, {@code zip}, a bad {@code crit} … */
        MALFORMED,
        /** Too large or too deeply nested. */
        LIMIT_EXCEEDED,
        /** {@code alg} is not one of the algorithms this library implements (none, HMAC, JWE …). */
        UNSUPPORTED_ALGORITHM,
        /** {@code crit} lists an extension this library does not understand (RFC 7515 §4.1.11). */
        UNSUPPORTED_CRITICAL_HEADER
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason the stable reason
     * @param message what failed
     */
    public JwsHeaderException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason. */
    public Reason reason() {
        return reason;
    }
}
