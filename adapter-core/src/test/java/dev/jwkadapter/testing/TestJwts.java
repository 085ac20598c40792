package dev.jwkadapter.testing;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builders for compact JWS test tokens whose header and claims are written as raw JSON text, member
 * by member, so that a test controls every byte (duplicates, escapes, wrong types, whitespace).
 *
 * <p>Defaults: header {@code {"alg":<key default>,"kid":<key kid>}}; claims {@code iss} {@link #ISSUER},
 * {@code sub} {@link #SUBJECT}, {@code aud} {@link #AUDIENCE}, {@code iat} {@link #NOW}, {@code exp}
 * {@link #NOW} + 600 s. {@link #validator(JwkSet, JwsAlgorithm...)} gives a validator builder that
 * accepts exactly these defaults at the fixed {@link #CLOCK}.
 */
public final class TestJwts {

    /** The fixed "now" of every test: 2023-11-14T22:13:20Z. */
    public static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The issuer the default tokens carry and the default validator expects. */
    public static final String ISSUER = "https://issuer.example";
    /** The audience the default tokens carry and the default validator expects. */
    public static final String AUDIENCE = "api://jwk-adapter-test";
    /** The default subject. */
    public static final String SUBJECT = "subject-1";

    private TestJwts() {}

    /** A token builder signed by {@code key} with its default algorithm and kid. */
    public static Builder builder(TestKey key) {
        return new Builder(key);
    }

    /** A default token signed by {@code key}. */
    public static String token(TestKey key) {
        return builder(key).build();
    }

    /**
     * A validator builder for the default tokens: the given keys and algorithms, {@link #ISSUER},
     * {@link #AUDIENCE}, {@link #CLOCK}.
     */
    public static JwtValidator.Builder validator(JwkSet keys, JwsAlgorithm... algorithms) {
        return validator(JwksSource.of(keys), algorithms);
    }

    /** As {@link #validator(JwkSet, JwsAlgorithm...)}, over any source. */
    public static JwtValidator.Builder validator(JwksSource source, JwsAlgorithm... algorithms) {
        return JwtValidator.builder().jwks(source).algorithms(algorithms).issuer(ISSUER).audience(AUDIENCE).clock(CLOCK);
    }

    /** A JSON string literal for {@code s}, escaping quotes, backslashes and control characters. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Writes members (name → raw JSON value) as a JSON object, in order, without whitespace. */
    public static String object(Map<String, String> members) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(str(e.getKey())).append(':').append(e.getValue());
        }
        return b.append('}').toString();
    }

    /** Builds one token. Not thread-safe. */
    public static final class Builder {
        private TestKey key;
        private JwsAlgorithm signingAlgorithm;
        private final Map<String, String> header = new LinkedHashMap<>();
        private final Map<String, String> claims = new LinkedHashMap<>();
        private String headerJson;
        private String payloadJson;
        private byte[] headerBytes;
        private byte[] payloadBytes;
        private byte[] signature;

        private Builder(TestKey key) {
            this.key = Objects.requireNonNull(key);
            this.signingAlgorithm = key.defaultAlgorithm();
            header.put("alg", str(signingAlgorithm.jwaName()));
            header.put("kid", str(key.kid()));
            claims.put("iss", str(ISSUER));
            claims.put("sub", str(SUBJECT));
            claims.put("aud", str(AUDIENCE));
            claims.put("iat", Long.toString(NOW.getEpochSecond()));
            claims.put("exp", Long.toString(NOW.getEpochSecond() + 600));
        }

        /** Signs with {@code alg} and writes it as the header {@code alg}. */
        public Builder alg(JwsAlgorithm alg) {
            this.signingAlgorithm = alg;
            header.put("alg", str(alg.jwaName()));
            return this;
        }

        /** Writes this raw text as the {@code alg} string (signing algorithm unchanged). */
        public Builder headerAlg(String algName) {
            header.put("alg", str(algName));
            return this;
        }

        /** Signs with {@code alg}, leaving the header as it is. */
        public Builder signWith(JwsAlgorithm alg) {
            this.signingAlgorithm = alg;
            return this;
        }

        /** Signs with another key (the header kid is unchanged). */
        public Builder signWith(TestKey other, JwsAlgorithm alg) {
            this.key = Objects.requireNonNull(other);
            this.signingAlgorithm = alg;
            return this;
        }

        /** Sets the header {@code kid}. */
        public Builder kid(String kid) {
            header.put("kid", str(kid));
            return this;
        }

        /** Removes the header {@code kid}. */
        public Builder noKid() {
            header.remove("kid");
            return this;
        }

        /** Sets the header {@code typ}. */
        public Builder typ(String typ) {
            header.put("typ", str(typ));
            return this;
        }

        /** Sets a header member to a raw JSON value. */
        public Builder header(String name, String rawJson) {
            header.put(name, rawJson);
            return this;
        }

        /** Removes a header member. */
        public Builder removeHeader(String name) {
            header.remove(name);
            return this;
        }

        /** Sets a claim to a raw JSON value. */
        public Builder claim(String name, String rawJson) {
            claims.put(name, rawJson);
            return this;
        }

        /** Sets a claim to a JSON string. */
        public Builder claimString(String name, String value) {
            claims.put(name, str(value));
            return this;
        }

        /** Sets a claim to an integer. */
        public Builder claimNumber(String name, long value) {
            claims.put(name, Long.toString(value));
            return this;
        }

        /** Removes a claim. */
        public Builder removeClaim(String name) {
            claims.remove(name);
            return this;
        }

        /** Replaces the whole header with this text (used verbatim). */
        public Builder headerJson(String raw) {
            this.headerJson = raw;
            return this;
        }

        /** Replaces the whole payload with this text (used verbatim). */
        public Builder payloadJson(String raw) {
            this.payloadJson = raw;
            return this;
        }

        /** Replaces the header with these bytes (for encoding attacks). */
        public Builder headerBytes(byte[] raw) {
            this.headerBytes = raw.clone();
            return this;
        }

        /** Replaces the payload with these bytes (for encoding attacks). */
        public Builder payloadBytes(byte[] raw) {
            this.payloadBytes = raw.clone();
            return this;
        }

        /** Uses these signature bytes instead of signing. */
        public Builder signature(byte[] sig) {
            this.signature = sig.clone();
            return this;
        }

        /** The header text that {@link #build()} encodes. */
        public String headerText() {
            return headerJson != null ? headerJson : object(header);
        }

        /** The payload text that {@link #build()} encodes. */
        public String payloadText() {
            return payloadJson != null ? payloadJson : object(claims);
        }

        /** The encoded {@code header.payload}. */
        public String signingInput() {
            byte[] h = headerBytes != null ? headerBytes : headerText().getBytes(StandardCharsets.UTF_8);
            byte[] p = payloadBytes != null ? payloadBytes : payloadText().getBytes(StandardCharsets.UTF_8);
            return Base64Url.encode(h) + "." + Base64Url.encode(p);
        }

        /** The compact JWS. */
        public String build() {
            String input = signingInput();
            byte[] sig = signature != null ? signature : key.sign(signingAlgorithm, input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64Url.encode(sig);
        }
    }
}
