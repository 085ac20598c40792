package dev.jwkadapter.core.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A key provider could not list keys or sign, with a stable {@link Reason}.
 *
 * <p>Messages say what failed and what to do; they never contain key material, tokens or credentials.
 */
public final class KeyProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a provider operation failed. Names are API: added to, never renamed. */
    public enum Reason {
        /** No key (or key version) with that id. */
        KEY_NOT_FOUND,
        /** The key exists but is disabled, expired, not yet valid or retired. */
        KEY_DISABLED,
        /** The key cannot sign with the requested algorithm (wrong type or curve, or not offered). */
        UNSUPPORTED_ALGORITHM,
        /** The caller is not authenticated or lacks permission on the key store. */
        UNAUTHORIZED,
        /** The key store throttled the caller and retries ran out; see {@link #retryAfter()}. */
        THROTTLED,
        /** The key store could not be reached or failed (5xx, timeout, I/O). */
        UNAVAILABLE,
        /** A signature came back that does not verify with the key's public part; nothing was emitted. */
        INVALID_SIGNATURE,
        /** Anything else: a local failure with its cause attached. */
        FAILED
    }

    private final Reason reason;
    private final transient @Nullable Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     */
    public KeyProviderException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public KeyProviderException(Reason reason, String message, @Nullable Throwable cause) {
        this(reason, message, cause, null);
    }

    /**
     * Creates an exception with a cause and the service's last {@code Retry-After}.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     * @param retryAfter the last wait the service asked for, or {@code null}
     */
    public KeyProviderException(Reason reason, String message, @Nullable Throwable cause, @Nullable Duration retryAfter) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    /** The stable reason. */
    public Reason reason() {
        return reason;
    }

    /** The last wait the key store asked for, when it throttled. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "KeyProviderException[" + reason + "]: " + getMessage();
    }
}
