package dev.jwkadapter.core.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.internal.JsonValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JWT claims set (RFC 7519 §4): registered claims with typed accessors, and any other claims.
 *
 * <p>Built with {@link #builder()} for signing, or obtained from {@link VerifiedJwt#claims()} after
 * validation. Registered claims must have their RFC 7519 types; NumericDates are written as whole
 * seconds. Accessors return empty when a claim is absent or of another type. Instances are immutable
 * and thread-safe.
 *
 * <pre>{@code
 * JwtClaims claims = JwtClaims.builder()
 *         .issuer("https://issuer.example").subject("svc").audience("api://x")
 *         .expiresIn(Duration.ofMinutes(10)).claim("tid", tenantId).build();
 * }</pre>
 */
public final class JwtClaims {

    private static final Set<String> DATE_CLAIMS = Set.of("exp", "nbf", "iat");

    private final ObjectNode members;

    private JwtClaims(ObjectNode members) {
        this.members = members;
    }

    /** Wraps a parsed, validated claims object (the node must not be shared). */
    static JwtClaims wrap(ObjectNode members) {
        return new JwtClaims(members);
    }

    /** A builder; its clock (for {@link Builder#expiresIn}) is the system UTC clock unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a claims set from JSON (strict: UTF-8 text, no duplicate members, an object root). No
     * claim is checked beyond that; use {@link JwtValidator} for tokens.
     *
     * @throws IllegalArgumentException if the JSON is not acceptable
     */
    public static JwtClaims parse(String json) {
        try {
            return new JwtClaims(Json.strict().parseObject(json));
        } catch (Json.JsonFormatException e) {
            throw new IllegalArgumentException("claims: " + e.getMessage(), e);
        }
    }

    /** {@code iss}, if a string. */
    public Optional<String> issuer() {
        return stringClaim("iss");
    }

    /** {@code sub}, if a string. */
    public Optional<String> subject() {
        return stringClaim("sub");
    }

    /** {@code aud} as a list: one element for a string, the strings of an array; empty otherwise. */
    public List<String> audience() {
        return stringListClaim("aud");
    }

    /** {@code exp}, if a NumericDate. */
    public Optional<Instant> expiresAt() {
        return instantClaim("exp");
    }

    /** {@code nbf}, if a NumericDate. */
    public Optional<Instant> notBefore() {
        return instantClaim("nbf");
    }

    /** {@code iat}, if a NumericDate. */
    public Optional<Instant> issuedAt() {
        return instantClaim("iat");
    }

    /** {@code jti}, if a string. */
    public Optional<String> jwtId() {
        return stringClaim("jti");
    }

    /** Whether the claim is present (even as JSON null). */
    public boolean has(String name) {
        return members.has(name);
    }

    /** A claim as a plain Java value (String, Boolean, Long, BigInteger, BigDecimal, List, Map); empty if absent or null. */
    public Optional<Object> claim(String name) {
        JsonNode v = members.get(name);
        return v == null ? Optional.empty() : Optional.ofNullable(JsonValues.toJava(v));
    }

    /** A claim, if it is a string. */
    public Optional<String> stringClaim(String name) {
        JsonNode v = members.get(name);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** A claim that is a string or an array of strings, as a list; empty otherwise. */
    public List<String> stringListClaim(String name) {
        JsonNode v = members.get(name);
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                return List.of();
            }
            out.add(e.textValue());
        }
        return Collections.unmodifiableList(out);
    }

    /** A claim, if it is a NumericDate within the range of {@link Instant}. */
    public Optional<Instant> instantClaim(String name) {
        JsonNode v = members.get(name);
        return v == null ? Optional.empty() : Optional.ofNullable(JsonValues.numericDate(v));
    }

    /** A claim, if it is a boolean. */
    public Optional<Boolean> booleanClaim(String name) {
        JsonNode v = members.get(name);
        return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
    }

    /** A claim, if it is an integer that fits a long. */
    public Optional<Long> longClaim(String name) {
        JsonNode v = members.get(name);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? Optional.of(v.longValue()) : Optional.empty();
    }

    /** Names of all claims, in document order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        members.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** All claims as an unmodifiable map of plain Java values. */
    public Map<String, @Nullable Object> asMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        members.properties().forEach(e -> map.put(e.getKey(), JsonValues.toJava(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    /** The claims as compact JSON. */
    public String toJson() {
        return Json.strict().writeString(members);
    }

    /** The claims as indented JSON, for people. */
    public String toPrettyJson() {
        return Json.strict().writePretty(members);
    }

    byte[] toUtf8() {
        return Json.strict().write(members);
    }

    JsonNode node(String name) {
        return members.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtClaims && members.equals(((JwtClaims) o).members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** Claim names only: values may be personal data. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("JwtClaims[");
        for (String n : names()) {
            if (b.length() > 512) {
                b.append("…");
                break;
            }
            b.append(b.length() == 10 ? "" : ", ");
            for (int i = 0; i < n.length() && i < 64; i++) {
                char c = n.charAt(i);
                b.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return b.append(']').toString();
    }

    /** Builds {@link JwtClaims}. Not thread-safe. */
    public static final class Builder {
        private final ObjectNode members = Json.object();
        private Clock clock = Clock.systemUTC();
        private @Nullable Duration expiresIn;

        private Builder() {}

        /** Sets {@code iss}. */
        public Builder issuer(String iss) {
            members.put("iss", Objects.requireNonNull(iss, "iss"));
            return this;
        }

        /** Sets {@code sub}. */
        public Builder subject(String sub) {
            members.put("sub", Objects.requireNonNull(sub, "sub"));
            return this;
        }

        /** Sets {@code aud}: a string for one value, an array for several. */
        public Builder audience(String... aud) {
            return audience(List.of(aud));
        }

        /** Sets {@code aud}: a string for one value, an array for several. */
        public Builder audience(Collection<String> aud) {
            if (aud.isEmpty()) {
                throw new IllegalArgumentException("aud: at least one audience");
            }
            if (aud.size() == 1) {
                members.put("aud", Objects.requireNonNull(aud.iterator().next(), "aud"));
            } else {
                ArrayNode a = members.putArray("aud");
                aud.forEach(x -> a.add(Objects.requireNonNull(x, "aud")));
            }
            return this;
        }

        /** Sets {@code exp}. */
        public Builder expiresAt(Instant exp) {
            members.put("exp", Objects.requireNonNull(exp, "exp").getEpochSecond());
            expiresIn = null;
            return this;
        }

        /** Sets {@code exp} to now + {@code lifetime} at {@link #build()} (and {@code iat} to now, if unset). */
        public Builder expiresIn(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("expiresIn: lifetime must be positive");
            }
            this.expiresIn = lifetime;
            return this;
        }

        /** Sets {@code nbf}. */
        public Builder notBefore(Instant nbf) {
            members.put("nbf", Objects.requireNonNull(nbf, "nbf").getEpochSecond());
            return this;
        }

        /** Sets {@code iat}. */
        public Builder issuedAt(Instant iat) {
            members.put("iat", Objects.requireNonNull(iat, "iat").getEpochSecond());
            return this;
        }

        /** Sets {@code jti}. */
        public Builder jwtId(String jti) {
            members.put("jti", Objects.requireNonNull(jti, "jti"));
            return this;
        }

        /**
         * Sets any claim: String, Boolean, Number, Instant (NumericDate), Collection, Map, or null.
         *
         * @throws IllegalArgumentException for other types, or a registered claim of the wrong type
         */
        public Builder claim(String name, @Nullable Object value) {
            Objects.requireNonNull(name, "name");
            JsonNode node = JsonValues.fromJava(value);
            if (DATE_CLAIMS.contains(name) && (!node.isIntegralNumber())) {
                throw new IllegalArgumentException(name + ": must be an Instant or whole seconds");
            }
            if ((name.equals("iss") || name.equals("sub") || name.equals("jti")) && !node.isTextual()) {
                throw new IllegalArgumentException(name + ": must be a string");
            }
            if (name.equals("aud") && !node.isTextual() && !(node.isArray() && allText(node))) {
                throw new IllegalArgumentException("aud: must be a string or strings");
            }
            members.set(name, node);
            if (name.equals("exp")) {
                expiresIn = null;
            }
            return this;
        }

        private static boolean allText(JsonNode a) {
            for (JsonNode e : a) {
                if (!e.isTextual()) {
                    return false;
                }
            }
            return a.size() > 0;
        }

        /** Adds every entry of {@code claims} as by {@link #claim}. */
        public Builder claims(Map<String, ?> claims) {
            claims.forEach(this::claim);
            return this;
        }

        /** The clock for {@link #expiresIn} (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Builds the claims. */
        public JwtClaims build() {
            ObjectNode m = members.deepCopy();
            if (expiresIn != null) {
                Instant now = clock.instant();
                m.put("exp", now.plus(expiresIn).getEpochSecond());
                if (!m.has("iat")) {
                    m.put("iat", now.getEpochSecond());
                }
            }
            // normalized through JSON, so that built claims equal (and hash like) the same claims parsed from a
            // token: the builder makes LongNode/DoubleNode where the parser makes IntNode/DecimalNode
            return new JwtClaims(Json.strict().parseObject(Json.strict().write(m)));
        }
    }
}
