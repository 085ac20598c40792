package dev.jwkadapter.azure.standin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fault the stand-in injects into one request: an error status with a Key Vault error body and headers,
 * added latency (then the normal answer), a dropped connection, or a malformed signature. Immutable.
 */
public final class Fault {

    /** How a {@link #signature(SignatureDefect)} fault spoils the signature. */
    public enum SignatureDefect {
        /** One byte short. */
        WRONG_LENGTH,
        /** An EC signature in DER (ASN.1 SEQUENCE of two INTEGERs) instead of raw R‖S. */
        DER,
        /** Random bytes of the right length. */
        GARBAGE,
        /** A valid signature made with the newest other version of the same key. */
        OTHER_VERSION,
        /** An empty {@code value}. */
        EMPTY
    }

    enum Kind { STATUS, LATENCY, DROP, SIGNATURE }

    final Kind kind;
    final int status;
    final String code;
    final String message;
    final Map<String, String> headers;
    final Duration latency;
    final SignatureDefect defect;

    private Fault(Kind kind, int status, String code, String message, Map<String, String> headers, Duration latency,
            SignatureDefect defect) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.headers = Map.copyOf(headers);
        this.latency = latency;
        this.defect = defect;
    }

    /** An error answer with a Key Vault error body {@code {"error":{"code":…,"message":…}}}. */
    public static Fault status(int status, String code, String message) {
        return new Fault(Kind.STATUS, status, Objects.requireNonNull(code), Objects.requireNonNull(message), Map.of(),
                Duration.ZERO, null);
    }

    /** 429 {@code Throttled} as the real service words it, without {@code Retry-After} (as in the captured 429). */
    public static Fault throttled() {
        return status(429, "Throttled", "Request was not processed because too many requests were received."
                + " Reason: VaultRequestTypeLimitReached");
    }

    /** 503 {@code ServiceUnavailable}. */
    public static Fault unavailable() {
        return status(503, "ServiceUnavailable", "The service is temporarily unavailable.");
    }

    /** 403 {@code Forbidden} / {@code ForbiddenByRbac}, as an RBAC denial reads. */
    public static Fault forbidden(String action) {
        return status(403, "Forbidden", "Caller is not authorized to perform action on resource. Action: '"
                + action + "' (ForbiddenByRbac)");
    }

    /** Delays the answer by {@code latency}, then answers normally. */
    public static Fault latency(Duration latency) {
        return new Fault(Kind.LATENCY, 0, null, null, Map.of(), Objects.requireNonNull(latency), null);
    }

    /** Drops the connection without an answer (the client sees an I/O error). */
    public static Fault drop() {
        return new Fault(Kind.DROP, 0, null, null, Map.of(), Duration.ZERO, null);
    }

    /** Answers a sign request with a spoiled signature (only meaningful for sign). */
    public static Fault signature(SignatureDefect defect) {
        return new Fault(Kind.SIGNATURE, 0, null, null, Map.of(), Duration.ZERO, Objects.requireNonNull(defect));
    }

    /** A copy that also sends this header (for example {@code Retry-After: 2}, {@code retry-after-ms: 150}). */
    public Fault withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Fault(kind, status, code, message, h, latency, defect);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status == 0 ? "" : " " + status + " " + code) + (headers.isEmpty() ? "" : " " + headers)
                + (latency.isZero() ? "" : " +" + latency.toMillis() + "ms") + (defect == null ? "" : " " + defect) + "]";
    }
}
