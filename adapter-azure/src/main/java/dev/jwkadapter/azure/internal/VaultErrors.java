package dev.jwkadapter.azure.internal;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;

/**
 * Key Vault failures → {@link KeyProviderException} reasons, with whether a retry may help and the wait the
 * service asked for. Statuses: 401/403 → {@code UNAUTHORIZED} (403 with a {@code KeyDisabled},
 * {@code KeyExpired} or {@code KeyNotYetValid} inner code → {@code KEY_DISABLED}); 404 → {@code KEY_NOT_FOUND};
 * 429 → {@code THROTTLED}; 408 and 5xx → {@code UNAVAILABLE}; timeouts and I/O errors → {@code UNAVAILABLE};
 * credential failures → {@code UNAUTHORIZED}. Retried: 408, 429, 5xx except 501 and 505, timeouts and I/O
 * errors (signing is safe to repeat). Stateless.
 */
public final class VaultErrors {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,64})\"");

    private VaultErrors() {}

    /** What a vault call was doing, for messages: the data-plane permission it needs. */
    public enum Operation {
        /** Listing the versions of a key (keys/list, or keys/read in RBAC). */
        LIST("list the versions of", "keys/list"),
        /** Reading a key version's public key (keys/get). */
        GET("read", "keys/get"),
        /** Signing a digest (keys/sign). */
        SIGN("sign with", "keys/sign");

        private final String verb;
        private final String permission;

        Operation(String verb, String permission) {
            this.verb = verb;
            this.permission = permission;
        }

        /** The access-policy permission the operation needs. */
        public String permission() {
            return permission;
        }
    }

    /** A classified failure: its reason, whether to retry, the server's requested wait, and a message. */
    public static final class Failure {
        private final Reason reason;
        private final boolean retryable;
        private final @Nullable Duration retryAfter;
        private final String message;
        private final Throwable cause;
        private final String status;

        Failure(Reason reason, boolean retryable, @Nullable Duration retryAfter, String message, Throwable cause,
                String status) {
            this.reason = reason;
            this.retryable = retryable;
            this.retryAfter = retryAfter;
            this.message = message;
            this.cause = cause;
            this.status = status;
        }

        /** The reason the call failed. */
        public Reason reason() {
            return reason;
        }

        /** Whether repeating the call may succeed. */
        public boolean retryable() {
            return retryable;
        }

        /** The wait the service asked for ({@code x-ms-retry-after-ms}, {@code retry-after-ms}, {@code Retry-After}). */
        public @Nullable Duration retryAfter() {
            return retryAfter;
        }

        /** What failed and what to do. */
        public String message() {
            return message;
        }

        /** A short description of the outcome for messages: {@code HTTP 503}, {@code timeout} … */
        public String status() {
            return status;
        }

        /** The exception to throw, with {@code suffix} (attempt count, deadline) appended to the message. */
        public KeyProviderException toException(String suffix) {
            return new KeyProviderException(reason, message + suffix, cause, retryAfter);
        }
    }

    /**
     * Classifies a failure of a vault call.
     *
     * @param keyRef the key (name and version) for messages
     * @param managedHsm whether the vault is a Managed HSM (its roles have other names)
     */
    public static Failure classify(Throwable thrown, Operation op, String keyRef, boolean managedHsm) {
        Throwable t = Exceptions.unwrap(thrown);
        if (t instanceof ClientAuthenticationException && ((ClientAuthenticationException) t).getResponse() == null) {
            return new Failure(Reason.UNAUTHORIZED, false, null,
                    "could not get an Entra ID token to " + op.verb + " Key Vault key " + keyRef
                            + ": check the credential (managed identity, workload identity, environment or CLI login) — "
                            + oneLine(t.getMessage()), t, "credential failure");
        }
        if (t instanceof HttpResponseException && ((HttpResponseException) t).getResponse() != null) {
            HttpResponseException e = (HttpResponseException) t;
            HttpResponse response = e.getResponse();
            int status = response.getStatusCode();
            String body = e.getMessage() == null ? "" : e.getMessage();
            String code = serviceCode(body);
            return fromStatus(status, response.getHeaders(), code, op, keyRef, managedHsm, t);
        }
        if (t instanceof TimeoutException) {
            return new Failure(Reason.UNAVAILABLE, true, null,
                    "Key Vault did not answer in time to " + op.verb + " key " + keyRef, t, "timeout");
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || causedByIo(t)) {
            return new Failure(Reason.UNAVAILABLE, true, null,
                    "Key Vault could not be reached to " + op.verb + " key " + keyRef + " (" + t.getClass().getSimpleName()
                            + ")", t, "I/O error");
        }
        return new Failure(Reason.FAILED, false, null,
                "Key Vault call to " + op.verb + " key " + keyRef + " failed: " + t.getClass().getSimpleName(), t,
                t.getClass().getSimpleName());
    }

    static Failure fromStatus(int status, @Nullable HttpHeaders headers, @Nullable String code, Operation op,
            String keyRef, boolean managedHsm, Throwable cause) {
        String what = "HTTP " + status + (code == null ? "" : " " + code);
        Duration retryAfter = headers == null ? null : retryAfter(headers, Instant.now());
        if (status == 401 || status == 403) {
            String lifecycle = lifecycleCode(cause.getMessage());
            if (status == 403 && lifecycle != null) {
                return new Failure(Reason.KEY_DISABLED, false, null,
                        "Key Vault key " + keyRef + " may not be used now (" + lifecycle + ")", cause, what);
            }
            String role = managedHsm ? "\"Managed HSM Crypto User\"" : "\"Key Vault Crypto User\"";
            return new Failure(Reason.UNAUTHORIZED, false, null,
                    "Key Vault refused to let this identity " + op.verb + " key " + keyRef + " (" + what
                            + "): grant it the " + role + " role on the key or vault (RBAC), or the keys/get, keys/list"
                            + " and keys/sign permissions (access policy); this call needs " + op.permission,
                    cause, what);
        }
        if (status == 404) {
            return new Failure(Reason.KEY_NOT_FOUND, false, null,
                    "Key Vault has no key " + keyRef + " (" + what + "): check the vault URL and key name", cause, what);
        }
        if (status == 429) {
            return new Failure(Reason.THROTTLED, true, retryAfter,
                    "Key Vault throttled the request to " + op.verb + " key " + keyRef + " (" + what
                            + "): lower the request rate or cache signatures"
                            + (retryAfter == null ? "" : "; the vault asked to wait " + retryAfter.toMillis() + " ms"),
                    cause, what);
        }
        if (status == 408 || (status >= 500 && status != 501 && status != 505)) {
            return new Failure(Reason.UNAVAILABLE, true, retryAfter,
                    "Key Vault failed to " + op.verb + " key " + keyRef + " (" + what + ")", cause, what);
        }
        if (status >= 500) {
            return new Failure(Reason.UNAVAILABLE, false, null,
                    "Key Vault cannot " + op.verb + " key " + keyRef + " (" + what + ")", cause, what);
        }
        return new Failure(Reason.FAILED, false, null,
                "Key Vault rejected the request to " + op.verb + " key " + keyRef + " (" + what + ")", cause, what);
    }

    /**
     * The wait a response asks for: {@code x-ms-retry-after-ms}, then {@code retry-after-ms} (milliseconds), then
     * {@code Retry-After} (seconds or an HTTP date). Negative or unparsable values count as absent.
     */
    public static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
        Duration ms = millis(headers.getValue(HttpHeaderName.X_MS_RETRY_AFTER_MS));
        if (ms == null) {
            ms = millis(headers.getValue(HttpHeaderName.RETRY_AFTER_MS));
        }
        if (ms != null) {
            return ms;
        }
        String v = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static @Nullable Duration millis(@Nullable String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(v.trim());
            return ms < 0 ? null : Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first {@code "code"} value in an error body (the service's error code), if any. */
    static @Nullable String serviceCode(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static @Nullable String lifecycleCode(@Nullable String body) {
        if (body == null) {
            return null;
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.contains("keydisabled") || lower.contains("on a disabled key")) {
            return "the version is disabled";
        }
        if (lower.contains("keyexpired") || lower.contains("expired key")) {
            return "the version has expired";
        }
        if (lower.contains("keynotyetvalid") || lower.contains("not yet valid")) {
            return "the version is not valid yet";
        }
        return null;
    }

    private static boolean causedByIo(Throwable t) {
        Throwable c = t.getCause();
        for (int i = 0; c != null && i < 8; i++, c = c.getCause()) {
            if (c instanceof IOException || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(@Nullable String s) {
        if (s == null) {
            return "no details";
        }
        String line = s.replace('\r', ' ').replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
