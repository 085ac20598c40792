package dev.jwkadapter.core.jwks;

import org.jspecify.annotations.Nullable;

/**
 * A {@link JwksSource} could not provide keys now (fetch failed and no usable cached set).
 * Validators turn it into {@code KEYS_UNAVAILABLE}: "could not check", not "bad token".
 */
public final class JwksUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public JwksUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
