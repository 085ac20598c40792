package dev.jwkadapter.core.oidc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OpenID metadata could not be fetched or trusted, with a stable {@link Reason}.
 */
public final class OpenIdDiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why discovery failed. Names are API: added to, never renamed. */
    public enum Reason {
        /** The document was fetched but cannot be trusted: wrong {@code issuer}, bad {@code jwks_uri} … */
        UNTRUSTED_METADATA,
        /** The document is not a JSON object with the required members. */
        MALFORMED,
        /** No document could be fetched (network, timeout, HTTP status). */
        UNAVAILABLE
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public OpenIdDiscoveryException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "OpenIdDiscoveryException[" + reason + "]: " + getMessage();
    }
}
