package dev.jwkadapter.core.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.internal.JsonValues;
import dev.jwkadapter.core.jws.JwsHeaderException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JWS protected header (RFC 7515 §4), checked when parsed.
 *
 * <p>{@link #parse(String)} accepts only headers this library can process safely: a strict JSON
 * object; {@code alg} one of {@link JwsAlgorithm}; {@code kid}, {@code typ}, {@code cty} strings;
 * {@code crit} a non-empty array of distinct, non-registered names that are present (and, since no
 * extension is implemented, any valid {@code crit} is refused as unsupported); {@code b64} only
 * together with {@code crit}; no {@code zip} (JWE only); an embedded {@code jwk} without private
 * members. {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are never used to find a key.
 * Instances are immutable and thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-4">RFC 7515 §4</a>
 */
public final class JwsHeader {

    /** Largest decoded header accepted, in characters (Nimbus uses the same bound). */
    public static final int MAX_HEADER_LENGTH = 20_000;

    private static final Set<String> REGISTERED = Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256",
            "typ", "cty", "crit", "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c");
    private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final JwsAlgorithm algorithm;
    private final @Nullable String keyId;
    private final @Nullable String type;
    private final @Nullable String contentType;
    private final List<String> critical;
    private final ObjectNode members;

    private JwsHeader(JwsAlgorithm algorithm, @Nullable String keyId, @Nullable String type,
            @Nullable String contentType, List<String> critical, ObjectNode members) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.type = type;
        this.contentType = contentType;
        this.critical = critical;
        this.members = members;
    }

    /**
     * Parses and checks a header.
     *
     * @throws JwsHeaderException with a stable reason
     */
    public static JwsHeader parse(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_HEADER_LENGTH) {
            throw new JwsHeaderException(Reason.LIMIT_EXCEEDED, "header longer than " + MAX_HEADER_LENGTH + " characters");
        }
        ObjectNode h;
        try {
            h = Json.strict().parseObject(json);
        } catch (Json.JsonFormatException e) {
            throw new JwsHeaderException(e.limitExceeded() ? Reason.LIMIT_EXCEEDED : Reason.MALFORMED,
                    "header: " + e.getMessage());
        }
        return fromJson(h);
    }

    private static JwsHeader fromJson(ObjectNode h) {
        JsonNode algNode = h.get("alg");
        if (algNode == null) {
            throw new JwsHeaderException(Reason.MALFORMED, "header has no 'alg'");
        }
        if (!algNode.isTextual()) {
            throw new JwsHeaderException(Reason.MALFORMED, "header 'alg' must be a string");
        }
        String kid = string(h, "kid");
        String typ = string(h, "typ");
        String cty = string(h, "cty");
        string(h, "jku");
        string(h, "x5u");
        string(h, "x5t");
        string(h, "x5t#S256");
        JsonNode x5c = h.get("x5c");
        if (x5c != null && !x5c.isArray()) {
            throw new JwsHeaderException(Reason.MALFORMED, "header 'x5c' must be an array");
        }
        JsonNode jwk = h.get("jwk");
        if (jwk != null) {
            if (!jwk.isObject()) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'jwk' must be an object");
            }
            for (Iterator<String> it = jwk.fieldNames(); it.hasNext();) {
                if (PRIVATE_JWK_MEMBERS.contains(it.next())) {
                    throw new JwsHeaderException(Reason.MALFORMED, "header 'jwk' holds private key material");
                }
            }
        }
        if (h.has("zip")) {
            throw new JwsHeaderException(Reason.MALFORMED, "'zip' is defined only for JWE (RFC 8725 §3.6)");
        }
        List<String> crit = critical(h);
        JsonNode b64 = h.get("b64");
        if (b64 != null) {
            if (!b64.isBoolean()) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'b64' must be a boolean (RFC 7797)");
            }
            if (!crit.contains("b64")) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'b64' must be listed in 'crit' (RFC 7797 §6)");
            }
        }
        Optional<JwsAlgorithm> alg = JwsAlgorithm.fromName(algNode.textValue());
        if (alg.isEmpty()) {
            throw new JwsHeaderException(Reason.UNSUPPORTED_ALGORITHM,
                    "header 'alg' is not a supported signature algorithm (" + supported() + ")");
        }
        if (!crit.isEmpty()) {
            throw new JwsHeaderException(Reason.UNSUPPORTED_CRITICAL_HEADER,
                    "header 'crit' lists extensions this validator does not implement (RFC 7515 §4.1.11)");
        }
        return new JwsHeader(alg.get(), kid, typ, cty, crit, h);
    }

    private static String supported() {
        StringBuilder b = new StringBuilder();
        for (JwsAlgorithm a : JwsAlgorithm.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(a.jwaName());
        }
        return b.toString();
    }

    private static @Nullable String string(ObjectNode h, String name) {
        JsonNode v = h.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new JwsHeaderException(Reason.MALFORMED, "header '" + name + "' must be a string");
        }
        return v.textValue();
    }

    private static List<String> critical(ObjectNode h) {
        JsonNode c = h.get("crit");
        if (c == null) {
            return List.of();
        }
        if (!c.isArray() || c.isEmpty()) {
            throw new JwsHeaderException(Reason.MALFORMED, "header 'crit' must be a non-empty array (RFC 7515 §4.1.11)");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : c) {
            if (!n.isTextual()) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'crit' must hold strings");
            }
            String name = n.textValue();
            if (!seen.add(name)) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'crit' repeats a name");
            }
            if (REGISTERED.contains(name)) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'crit' must not list registered parameters");
            }
            if (!h.has(name)) {
                throw new JwsHeaderException(Reason.MALFORMED, "header 'crit' lists a parameter the header lacks");
            }
            names.add(name);
        }
        return Collections.unmodifiableList(names);
    }

    /** A builder for headers this library writes when signing. */
    public static Builder builder(JwsAlgorithm algorithm) {
        return new Builder(algorithm);
    }

    /** The algorithm. */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The {@code kid}, if present. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The {@code typ}, if present. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The {@code cty}, if present. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The {@code crit} names (empty when absent). */
    public List<String> critical() {
        return critical;
    }

    /** Names of all header parameters. */
    public Set<String> parameterNames() {
        Set<String> names = new HashSet<>();
        members.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** A header parameter as a plain Java value (see {@link JsonValues#toJava}), if present and not null. */
    public Optional<Object> parameter(String name) {
        JsonNode v = members.get(name);
        return v == null ? Optional.empty() : Optional.ofNullable(JsonValues.toJava(v));
    }

    /** The header as compact JSON. */
    public String toJson() {
        return Json.strict().writeString(members);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwsHeader && members.equals(((JwsHeader) o).members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "JwsHeader[alg=" + algorithm + (keyId == null ? "" : ", kid present") + (type == null ? "" : ", typ=" + type) + "]";
    }

    /** Builds a header for signing. Not thread-safe. */
    public static final class Builder {
        private final ObjectNode members = Json.object();
        private final JwsAlgorithm algorithm;

        private Builder(JwsAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            members.put("alg", algorithm.jwaName());
        }

        /** Sets {@code kid}. */
        public Builder keyId(String kid) {
            members.put("kid", Objects.requireNonNull(kid, "kid"));
            return this;
        }

        /** Sets {@code typ} (for example {@code JWT} or {@code at+jwt}). */
        public Builder type(String typ) {
            members.put("typ", Objects.requireNonNull(typ, "typ"));
            return this;
        }

        /** Sets {@code cty}. */
        public Builder contentType(String cty) {
            members.put("cty", Objects.requireNonNull(cty, "cty"));
            return this;
        }

        /** Builds the header; the result passes {@link JwsHeader#parse(String)}. */
        public JwsHeader build() {
            return fromJson(members.deepCopy());
        }
    }
}
