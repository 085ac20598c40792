package dev.jwkadapter.core.jwt;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token was not accepted, with a stable {@link Reason}.
 *
 * <p>{@link Reason#category()} tells a caller how to answer: {@link Category#INVALID_TOKEN} means the
 * token is bad (HTTP 401); {@link Category#UNAVAILABLE} means it could not be checked now (HTTP 503).
 * When several claim checks fail, {@link #reason()} is the first and {@link #failures()} lists all.
 * Messages say what failed and what to do; they never echo the token, claim values or key material.
 */
public final class JwtValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How a caller should answer a failure. */
    public enum Category {
        /** The token is bad: answer 401. */
        INVALID_TOKEN,
        /** The token could not be checked now (keys unreachable): answer 503 and retry later. */
        UNAVAILABLE
    }

    /** Why a token was rejected. Names are API: added to, never renamed. */
    public enum Reason {
        /** Not a compact JWS of three strict base64url parts with strict JSON header and claims. */
        MALFORMED,
        /** The token (or its header) is larger than the configured limit. */
        TOKEN_TOO_LARGE,
        /** {@code alg} is not on the validator's allow-list (or not a supported algorithm at all). */
        UNSUPPORTED_ALGORITHM,
        /** {@code crit} names an extension this validator does not implement. */
        UNSUPPORTED_CRITICAL_HEADER,
        /** No trusted key has the token's {@code kid} (or it is ambiguous, or absent where required). */
        UNKNOWN_KEY,
        /** The key found does not fit the algorithm (type, curve, {@code alg}, {@code use}, {@code key_ops}). */
        KEY_MISMATCH,
        /** The key found was refused by the key checks (size, curve point …). */
        INVALID_KEY,
        /** The signature does not verify. */
        BAD_SIGNATURE,
        /** The {@code typ} header is not the expected type. */
        TYPE_MISMATCH,
        /** {@code exp} has passed (with clock skew). */
        EXPIRED,
        /** {@code nbf} is in the future (with clock skew). */
        NOT_YET_VALID,
        /** {@code iat} is in the future, or older than the allowed age. */
        INVALID_ISSUED_AT,
        /** A required claim is absent. */
        MISSING_CLAIM,
        /** A claim has the wrong JSON type or an impossible value. */
        INVALID_CLAIM,
        /** {@code iss} is not an accepted issuer. */
        ISSUER_MISMATCH,
        /** {@code aud} does not name an accepted audience (or is missing or empty). */
        AUDIENCE_MISMATCH,
        /** The token's tenant is not allowed (Azure AD multi-tenant validation). */
        TENANT_NOT_ALLOWED,
        /** The signing key belongs to a different issuer than the token names. */
        KEY_ISSUER_MISMATCH,
        /** OpenID metadata for the issuer could not be trusted. */
        UNTRUSTED_METADATA,
        /** Keys could not be obtained to check the token: not a verdict on the token. */
        KEYS_UNAVAILABLE;

        /** How a caller should answer: only {@link #KEYS_UNAVAILABLE} is {@link Category#UNAVAILABLE}. */
        public Category category() {
            return this == KEYS_UNAVAILABLE ? Category.UNAVAILABLE : Category.INVALID_TOKEN;
        }
    }

    /**
     * One failed check.
     *
     * @param reason the stable reason
     * @param message what failed, without claim values
     */
    public record Failure(Reason reason, String message) {
        /** Creates a failure. */
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    private final Reason reason;
    private final List<Failure> failures;

    /**
     * Creates an exception for one failure.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     */
    public JwtValidationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception for one failure with a cause.
     *
     * @param reason the stable reason
     * @param message what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public JwtValidationException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.failures = List.of(new Failure(reason, message));
    }

    /**
     * Creates an exception for several failures; the first gives {@link #reason()}.
     *
     * @param failures at least one failure
     */
    public JwtValidationException(List<Failure> failures) {
        super(summary(failures));
        this.failures = List.copyOf(failures);
        this.reason = this.failures.get(0).reason();
    }

    private static String summary(List<Failure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        if (failures.size() == 1) {
            return failures.get(0).message();
        }
        StringBuilder b = new StringBuilder(failures.get(0).message());
        b.append(" (and ").append(failures.size() - 1).append(" more: ");
        for (int i = 1; i < failures.size(); i++) {
            b.append(i == 1 ? "" : "; ").append(failures.get(i).reason());
        }
        return b.append(')').toString();
    }

    /** The stable reason (of the first failure). */
    public Reason reason() {
        return reason;
    }

    /** Every failed check, first one first. */
    public List<Failure> failures() {
        return failures;
    }

    /** {@code reason().category()}. */
    public Category category() {
        return reason.category();
    }

    @Override
    public String toString() {
        return "JwtValidationException[" + reason + "]: " + getMessage();
    }
}
