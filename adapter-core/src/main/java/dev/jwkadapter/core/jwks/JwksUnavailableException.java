package dev.jwkadapter.core.jwks;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JwksSource} could not provide keys now (fetch failed and no usable cached set).
 * Validators turn it into {@code KEYS_UNAVAILABLE}: "could not check", not "bad token".
 */
public final class JwksUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public JwksUnavailableException(String message, @Nullable Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates an exception carrying the server's {@code Retry-After}.
     *
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter how long the server asked callers to wait, or {@code null}
     */
    public JwksUnavailableException(String message, @Nullable Throwable cause, @Nullable Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked callers to wait (HTTP 429/503 {@code Retry-After}), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
